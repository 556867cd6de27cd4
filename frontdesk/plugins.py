"""What the desk plugs into: the case engine, the back office's menu, the office's public page, My Office, My data,
the home page and the menu."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.feeds import Feed, Position, keyset, sort_value
from core.registry import (
    HomeLink,
    Link,
    MenuEntry,
    Mission,
    OfficeItem,
    Section,
    backoffice_links,
    data_erasers,
    data_exporters,
    demo_seeders,
    desk_filings,
    desk_mandates,
    home_links,
    main_menu,
    my_office_items,
    office_sections,
)


def _backoffice_links(institution: Any, roles: frozenset[str]) -> list[Link]:
    if roles & {"front_desk", "institution_admin"}:
        return [
            Link(_("Desk and queue"), reverse("frontdesk:desk", args=[institution.slug])),
            Link(_("Appointments"), reverse("frontdesk:staff_appointments", args=[institution.slug])),
        ]
    return []


def _office_section(office: Any, week: Any) -> list[Section]:
    """On the office's page: its services at the desks, the usual wait at this hour, the next free appointment,
    and the kiosk, the screen and booking."""
    from frontdesk.appointment_selectors import next_free_in_week
    from frontdesk.selectors import kiosk_services

    services = list(kiosk_services(office=office))
    if not services:
        return []
    for service in services:
        service.office = office
    bookable = [s for s in services if s.takes_appointments]
    hour = str(clock.now().hour)
    free = next_free_in_week(services=bookable, week=week)
    rows = [
        {"service": s, "wait": s.usual_waits.get(hour), "bookable": s.takes_appointments, "next": free.get(s.pk)}
        for s in services
    ]
    return [Section("frontdesk/office_section.html", {"office": office, "rows": rows, "bookable": bool(bookable)})]


def _appointment_item(a: Any) -> OfficeItem:
    return OfficeItem(
        module=str(_("Appointment")),
        title=_("%(service)s at %(office)s, %(when)s")
        % {
            "service": a.service,
            "office": a.office,
            "when": timezone.localtime(a.starts_at).strftime("%d/%m/%Y %H:%M"),
        },
        reference=a.code,
        status=str(a.get_state_display()),
        status_tone="success" if a.state == "booked" else "neutral",
        url=reverse("frontdesk:appointment", args=[a.public_id]),
        updated=timezone.localtime(a.updated_at).date(),
        next_deadline=a.day if a.state == "booked" else None,
        sort_value=sort_value(a.updated_at),
        pk=a.pk,
    )


def _appointments(user: Any) -> Any:
    from frontdesk.appointment_selectors import appointments_for_person

    return appointments_for_person(user=user).order_by()


def _appointments_page(user: Any, *, after: Position | None, limit: int) -> list[OfficeItem]:
    rows = keyset(
        _appointments(user), key="appointments", field="updated_at", after=after, limit=limit, descending=True
    )
    return [_appointment_item(a) for a in rows]


MINE = Feed(label=gettext_lazy("Appointments"), count=lambda u: _appointments(u).count(), page=_appointments_page)


def _export(user: Any) -> Any:
    from frontdesk.models import Appointment, Ticket, VisitRating

    return {
        "appointments": [
            {
                "code": a.code,
                "office": str(a.office),
                "service": str(a.service),
                "starts_at": a.starts_at.isoformat(),
                "state": a.state,
                "booked_on": a.created_at.isoformat(),
            }
            for a in Appointment.objects.filter(person=user).select_related("office", "service").order_by("starts_at")
        ],
        "tickets": [
            {
                "number": t.number,
                "office": str(t.office),
                "service": str(t.service),
                "taken_at": t.created_at.isoformat(),
                "state": t.state,
                "outcome": t.outcome,
                "case": t.outcome_reference,
            }
            for t in Ticket.objects.filter(person=user).select_related("office", "service").order_by("created_at")
        ],
        "ratings": [
            {
                "ticket": r.ticket.number,
                "office": str(r.ticket.office),
                "day": r.ticket.day.isoformat(),
                "score": r.score,
                "comment": r.comment,
                "given_at": r.created_at.isoformat(),
                "channel": r.channel,
            }
            for r in VisitRating.objects.filter(ticket__person=user)
            .select_related("ticket__office")
            .order_by("created_at", "pk")
        ],
    }


def _erase(user: Any) -> None:
    """Tickets and appointments stay as the office's records, without the person; future appointments are cancelled
    (the time goes back to others); the comments of their ratings go (a comment may name them), the scores stay."""
    from frontdesk.appointment_services import appointment_cancel
    from frontdesk.models import Appointment, AppointmentState, Ticket, VisitRating

    for appointment in Appointment.objects.filter(person=user, state=AppointmentState.BOOKED):
        appointment_cancel(actor=user, appointment=appointment)
    Appointment.objects.filter(person=user).update(person=None, name="", phone="", email="")
    VisitRating.objects.filter(ticket__person=user).update(comment="")
    Ticket.objects.filter(person=user).update(person=None, contact_phone="", contact_email="")


def _seed(stdout: Any) -> None:
    from frontdesk.demo import seed_frontdesk

    seed_frontdesk(stdout)


def register() -> None:
    from cases.engine import case_types
    from frontdesk.appointment_services import CASE as APPOINTMENTS
    from frontdesk.services import CASE

    case_types.register("frontdesk", CASE)
    case_types.register("appointments", APPOINTMENTS)
    backoffice_links.register("frontdesk", _backoffice_links)
    office_sections.register("frontdesk", _office_section)
    from frontdesk.visits import has_mandate, note_filing

    desk_mandates.register("frontdesk", has_mandate)
    desk_filings.register("frontdesk", note_filing)
    my_office_items.register("appointments", MINE)
    data_exporters.register("frontdesk", _export)
    data_erasers.register("frontdesk", _erase)
    demo_seeders.register("frontdesk", _seed)
    main_menu.register("appointments", MenuEntry(gettext_lazy("Appointments"), "frontdesk:offices_booking", order=45))
    home_links.register(
        "frontdesk-appointments",
        HomeLink(
            Mission.SERVICES,
            gettext_lazy("Book an appointment at a Citizen Office"),
            "frontdesk:offices_booking",
            gettext_lazy("Choose the office, the service and a free time; you are called first when you arrive."),
            order=30,
        ),
    )
    home_links.register(
        "frontdesk-claim",
        HomeLink(
            Mission.SERVICES,
            gettext_lazy("An account made for you at a Citizen Office"),
            "frontdesk:claim",
            gettext_lazy("With the code on your receipt: give it your email address and a password."),
            order=90,
        ),
    )
