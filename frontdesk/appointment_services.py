"""Appointments: book, move, cancel, check in at the kiosk (first in line), remind the day before, mark no-shows.

Every step is one transaction writing the appointment, its timeline event, its audit row and its outbox rows. Two
people booking the last place of a time are serialised on the service's row (``select_for_update``; SQLite's
IMMEDIATE transactions queue writers anyway) and the place is counted again under that lock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Assurance
from accounts.selectors import require_assurance
from audit.services import SYSTEM, Context
from cases.engine import CaseType
from core import clock
from core.states import CLOCK, transitions
from frontdesk.appointment_selectors import active_count_for, slot_at
from frontdesk.models import (
    Appointment,
    AppointmentChannel,
    AppointmentEvent,
    DeskService,
    Ticket,
    TicketChannel,
)
from frontdesk.models import AppointmentState as S
from frontdesk.services import AGENT, HOLDER, is_agent, role_of, ticket_take
from notifications.models import NotificationChannel
from notifications.services import notify, notify_address

MACHINE = transitions(
    [
        (S.BOOKED, "move", S.BOOKED, [HOLDER, AGENT]),
        (S.BOOKED, "cancel", S.CANCELLED, [HOLDER, AGENT]),
        (S.BOOKED, "check_in", S.CHECKED_IN, [HOLDER, AGENT]),
        (S.CHECKED_IN, "serve", S.SERVED, [AGENT, CLOCK]),
        (S.CHECKED_IN, "no_show", S.NO_SHOW, [AGENT, CLOCK]),
        (S.BOOKED, "no_show", S.NO_SHOW, [AGENT, CLOCK]),
    ]
)


CASE: CaseType[Appointment] = CaseType(
    name="appointments",
    model=Appointment,
    machine=MACHINE,
    role_of=role_of,
    event_model=AppointmentEvent,
    case_field="appointment",
    audit_prefix="frontdesk.appointment",
    initial=S.BOOKED,
    final=(S.SERVED, S.CANCELLED, S.NO_SHOW),
    describe=lambda a: f"{a.code} ({timezone.localtime(a.starts_at):%Y-%m-%d %H:%M})",
    docs="docs/frontdesk.md",
)


def _fire(actor: Any, appointment: Appointment, action: str, *, holder: bool) -> str:
    """``holder``: the person holds the appointment's link (its page, the code at the kiosk)."""
    role = HOLDER if holder else role_of(actor, appointment)
    if role is None:
        raise PermissionDenied
    return MACHINE.fire(appointment.state, action, role=role, subject=appointment)


def _message(appointment: Appointment, template: str, key: str) -> None:
    """To the person's account when they have one, else to the phone and email they gave (after the commit)."""
    language = appointment.language or None
    with translation.override(language):
        url = reverse("frontdesk:appointment", args=[appointment.public_id])
        context = {
            "appointment": appointment,
            "office_name": str(appointment.office),
            "service_name": str(appointment.service),
            "when": timezone.localtime(appointment.starts_at),
        }
    full_key = f"frontdesk.appointment.{template}:{appointment.pk}:{key}"
    if appointment.person is not None:
        notify(
            recipient=appointment.person,
            template=template,
            context=context,
            url=url,
            key=full_key,
            institution=appointment.office.institution,
        )
        return
    for channel, address in (
        (NotificationChannel.SMS, appointment.phone),
        (NotificationChannel.EMAIL, appointment.email),
    ):
        notify_address(
            channel=channel,
            address=address,
            template=template,
            context=context,
            language=appointment.language,
            institution=appointment.office.institution,
            url=url,
            key=full_key,
        )


def _check_limit(*, day: date, person: Any, phone: str, email: str, moving: Appointment | None = None) -> None:
    held = active_count_for(day=day, person=person, phone=phone, email=email)
    if moving is not None and moving.day == day:
        held -= 1
    if held >= settings.FRONTDESK_APPOINTMENTS_PER_DAY:
        raise ValidationError(
            _("You already have %(count)s appointments on that day: cancel one or choose another day.")
            % {"count": settings.FRONTDESK_APPOINTMENTS_PER_DAY}
        )


def _who_books(actor: Any, service: DeskService, channel: str, name: str, phone: str, email: str) -> tuple[Any, ...]:
    """(person, name, phone, email): the signed-in person online; a caller named by an agent otherwise."""
    if channel == AppointmentChannel.WEB:
        require_assurance(actor, Assurance.EMAIL_VERIFIED)
        return actor, actor.full_name, "", ""
    if not is_agent(actor, service.office):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": _("Give the name of the person the appointment is for.")})
    if not phone.strip() and not email.strip():
        raise ValidationError({"phone": _("Give a phone number or an email to send the confirmation to.")})
    return None, name, phone, email


@transaction.atomic
def appointment_book(
    *,
    actor: Any,
    service: DeskService,
    starts_at: datetime,
    channel: str = AppointmentChannel.WEB,
    name: str = "",
    phone: str = "",
    email: str = "",
    language: str = "",
    submission_key: Any = None,
    context: Context = SYSTEM,
) -> tuple[Appointment, bool]:
    """Book a free time; returns (appointment, created). The same submission key books once.

    Online, the person books for themselves with a confirmed address (their account holds it); an agent books for a
    caller on the phone or at the desk with a name and a phone number.
    """
    if submission_key is not None:
        existing = Appointment.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    person, name, phone, email = _who_books(actor, service, channel, name, phone, email)
    # One booking at a time per service: the free places are counted again under this lock.
    service = DeskService.objects.select_for_update().select_related("office__institution").get(pk=service.pk)
    if not (service.is_active and service.takes_appointments):
        raise ValidationError(_("This service does not take appointments."))
    slot = slot_at(service=service, starts_at=starts_at)
    if slot is None:
        raise ValidationError({"starts_at": _("This time is no longer free: choose another one.")})
    day = timezone.localtime(slot.starts_at).date()
    _check_limit(day=day, person=person, phone=phone.strip(), email=email.strip())
    now = clock.now()
    appointment = Appointment.objects.create(
        office=service.office,
        service=service,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        day=day,
        channel=channel,
        person=person,
        name=name.strip()[:150],
        phone=phone.strip(),
        email=email.strip(),
        language=language,
        booked_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key,
        created_at=now,
        updated_at=now,
    )
    CASE.record(
        case=appointment, kind="booked", actor=actor, context=context, by_staff=channel != AppointmentChannel.WEB
    )
    _message(appointment, "appointment_booked", "booked")
    return appointment, True


@transaction.atomic
def appointment_move(
    *, actor: Any, appointment: Appointment, starts_at: datetime, holder: bool = False, context: Context = SYSTEM
) -> Appointment:
    appointment = CASE.lock(appointment)
    _fire(actor, appointment, "move", holder=holder)
    DeskService.objects.select_for_update().filter(pk=appointment.service_id).first()
    slot = slot_at(service=appointment.service, starts_at=starts_at, exclude=appointment)
    if slot is None:
        raise ValidationError({"starts_at": _("This time is no longer free: choose another one.")})
    day = timezone.localtime(slot.starts_at).date()
    _check_limit(
        day=day, person=appointment.person, phone=appointment.phone, email=appointment.email, moving=appointment
    )
    before = appointment.starts_at
    appointment.starts_at, appointment.ends_at, appointment.day = slot.starts_at, slot.ends_at, day
    appointment.reminded, appointment.updated_at = False, clock.now()
    appointment.save(update_fields=["starts_at", "ends_at", "day", "reminded", "updated_at"])
    CASE.record(
        case=appointment,
        kind="moved",
        actor=actor,
        context=context,
        by_staff=role_of(actor, appointment) == AGENT,
        payload={"from": before.isoformat(), "to": slot.starts_at.isoformat()},
    )
    _message(appointment, "appointment_booked", f"moved:{slot.starts_at.isoformat()}")
    return appointment


@transaction.atomic
def appointment_cancel(
    *, actor: Any, appointment: Appointment, holder: bool = False, context: Context = SYSTEM
) -> Appointment:
    appointment = CASE.lock(appointment)
    appointment.state = _fire(actor, appointment, "cancel", holder=holder)
    appointment.updated_at = clock.now()
    appointment.save(update_fields=["state", "updated_at"])
    CASE.record(
        case=appointment,
        kind="cancelled",
        actor=actor,
        context=context,
        by_staff=not holder and role_of(actor, appointment) == AGENT,
    )
    _message(appointment, "appointment_cancelled", "cancelled")
    return appointment


def check_in_window(appointment: Appointment, now: datetime) -> bool:
    early = timedelta(minutes=settings.FRONTDESK_CHECK_IN_EARLY_MINUTES)
    late = timedelta(minutes=settings.FRONTDESK_CHECK_IN_LATE_MINUTES)
    return appointment.starts_at - early <= now <= appointment.starts_at + late


@transaction.atomic
def appointment_check_in(*, actor: Any, office: Any, code: str, context: Context = SYSTEM) -> Ticket:
    """At the kiosk, with the confirmation code: a ticket that is called before every walk-in."""
    code = code.strip().upper().replace(" ", "")
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    appointment = Appointment.objects.filter(code=code, office=office).first()
    if appointment is None:
        raise ValidationError(
            {"code": _("No appointment at this office has this code. Check it on your confirmation.")}
        )
    appointment = CASE.lock(appointment)
    if appointment.state == S.CHECKED_IN and appointment.ticket_id:
        return Ticket.objects.get(pk=appointment.ticket_id)  # pressed twice: the same ticket
    if appointment.state != S.BOOKED:
        raise ValidationError({"code": _("This appointment was cancelled or has passed.")})
    now = clock.now()
    if not check_in_window(appointment, now):
        raise ValidationError(
            {
                "code": _("Your appointment is at %(time)s: you can check in from %(minutes)s minutes before.")
                % {
                    "time": timezone.localtime(appointment.starts_at).strftime("%H:%M"),
                    "minutes": settings.FRONTDESK_CHECK_IN_EARLY_MINUTES,
                }
                if now < appointment.starts_at
                else _("Your appointment time has passed: take a ticket or ask at the reception.")
            }
        )
    appointment.state = _fire(actor, appointment, "check_in", holder=True)
    ticket = ticket_take(
        actor=actor,
        service=appointment.service,
        channel=TicketChannel.APPOINTMENT,
        person=appointment.person,
        priority=True,
        contact_phone=appointment.phone,
        contact_email=appointment.email,
        language=appointment.language or (translation.get_language() or ""),
        context=context,
    )
    appointment.ticket, appointment.updated_at = ticket, now
    appointment.save(update_fields=["state", "ticket", "updated_at"])
    CASE.record(case=appointment, kind="checked_in", actor=actor, context=context, payload={"ticket": ticket.number})
    return ticket


def appointment_after_ticket(*, ticket: Ticket, outcome: str, actor: Any, context: Context = SYSTEM) -> None:
    """The ticket of a checked-in appointment ended (served, or not there when called): the appointment follows.
    Called by the queue's services in their transaction."""
    appointment = Appointment.objects.filter(ticket=ticket, state=S.CHECKED_IN).first()
    if appointment is None:
        return
    appointment = CASE.lock(appointment)
    action = "serve" if outcome == "done" else "no_show"
    appointment.state = MACHINE.fire(appointment.state, action, role=AGENT, subject=appointment)
    appointment.updated_at = clock.now()
    appointment.save(update_fields=["state", "updated_at"])
    CASE.record(case=appointment, kind=action, actor=actor, context=context, by_staff=True)


def appointments_remind(*, today: date | None = None) -> int:
    """The day before: remind everyone booked for tomorrow, once."""
    tomorrow = (today or clock.today()) + timedelta(days=1)
    count = 0
    for pk in Appointment.objects.filter(day=tomorrow, state=S.BOOKED, reminded=False).values_list("pk", flat=True):
        with transaction.atomic():
            appointment = CASE.lock(
                Appointment.objects.select_related("office__institution", "service", "person").get(pk=pk)
            )
            if appointment.state != S.BOOKED or appointment.reminded:
                continue
            _message(appointment, "appointment_reminder", appointment.starts_at.isoformat())
            appointment.reminded = True
            appointment.save(update_fields=["reminded"])
            CASE.record(case=appointment, kind="reminded", actor=None, internal=True)
            count += 1
    return count


def appointments_mark_no_shows(*, now: datetime | None = None) -> int:
    """Booked appointments whose time passed without a check-in are no-shows (the office's figures count them)."""
    now = now or clock.now()
    late = timedelta(minutes=settings.FRONTDESK_CHECK_IN_LATE_MINUTES)
    count = 0
    for pk in Appointment.objects.filter(state=S.BOOKED, starts_at__lt=now - late).values_list("pk", flat=True):
        with transaction.atomic():
            appointment = CASE.lock(Appointment.objects.get(pk=pk))
            if appointment.state != S.BOOKED:
                continue
            appointment.state = CASE.fire(None, appointment, "no_show")
            appointment.updated_at = now
            appointment.save(update_fields=["state", "updated_at"])
            CASE.record(case=appointment, kind="no_show", actor=None)
            count += 1
    return count
