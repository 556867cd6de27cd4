"""What the applications module plugs into: My Office, the work queue, My data, menus, procedure pages, demo."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.feeds import NO_DATE, Feed, Position, due_or_last, keyset, sort_value
from core.i18n import text_in
from core.registry import (
    Figures,
    HomeLink,
    Link,
    MenuEntry,
    Mission,
    OfficeItem,
    QueueItem,
    Section,
    backoffice_links,
    data_erasers,
    data_exporters,
    demo_seeders,
    home_links,
    institution_sections,
    main_menu,
    my_office_items,
    procedure_extras,
    procedures_online,
    statistics,
    translation_gaps,
    work_queue_items,
)

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution


def _mine(user: User) -> Any:
    from applications.selectors import application_list_for_applicant

    return application_list_for_applicant(user=user).order_by()


def _office_page(user: User, *, after: Position | None, limit: int) -> list[OfficeItem]:
    from applications.presentation import status_of

    today = clock.today()
    items = []
    for a in keyset(_mine(user), key="applications", field="updated_at", after=after, limit=limit, descending=True):
        status = status_of(a, today=today)
        items.append(
            OfficeItem(
                module="applications",
                title=a.procedure.title if not a.is_draft else _("Draft: %(title)s") % {"title": a.procedure.title},
                reference=a.reference or _("Continue the draft"),
                status=status.label if not a.is_draft else status.next_step,
                status_tone="warning"
                if a.is_draft and a.expires_on and (a.expires_on - today).days <= 7
                else status.tone,
                url=reverse("applications:tasks" if a.is_draft else "applications:case", args=[a.public_id]),
                updated=a.updated_at.date(),
                next_deadline=a.expires_on if a.is_draft else (a.due_on if a.is_open and not a.is_paused else None),
                sort_value=sort_value(a.updated_at),
                pk=a.pk,
            )
        )
    return items


def _open_cases(user: User, institution: Institution) -> Any:
    from accounts.permissions import has_role
    from applications.models import ApplicationState
    from applications.selectors import case_list_for_institution

    # A case waiting for the applicant's documents has no running deadline: it sorts last.
    qs = (
        case_list_for_institution(institution=institution, officer=user, state="open")
        .order_by()
        .annotate(queue_due=due_or_last(paused_state=ApplicationState.AWAITING_DOCUMENTS))
    )
    return qs if has_role(user, institution, ["case_officer"]) else qs.none()


def _queue_page(user: User, institution: Institution, *, after: Position | None, limit: int) -> list[QueueItem]:
    from applications.presentation import status_of

    today = clock.today()
    rows = keyset(
        _open_cases(user, institution),
        key="applications",
        field="queue_due",
        after=after,
        limit=limit,
        descending=False,
    )
    return [
        QueueItem(
            module=_("Application"),
            title=a.procedure.title,
            reference=a.reference or "",
            status=status.label,
            url=reverse("applications:staff_case", args=[institution.slug, a.public_id]),
            due=None if a.queue_due == NO_DATE else a.queue_due,
            overdue=status.overdue,
            pk=a.pk,
        )
        for a in rows
        for status in [status_of(a, today=today, staff=True)]
    ]


MINE = Feed(label=gettext_lazy("Applications"), count=lambda u: _mine(u).count(), page=_office_page)
QUEUE = Feed(label=gettext_lazy("Applications"), count=lambda u, i: _open_cases(u, i).count(), page=_queue_page)


def _backoffice_links(institution: Any, roles: frozenset[str]) -> list[Link]:
    if "case_officer" in roles:
        return [Link(_("Applications"), reverse("applications:staff_queue", args=[institution.slug]))]
    return []


def _procedure_extras(procedure: Any, user: Any) -> dict[str, Any]:
    from applications.models import Application, ApplicationState
    from applications.selectors import form_published, procedure_figures
    from procedures.models import Channel

    extras: dict[str, Any] = {}
    figures = procedure_figures(procedure=procedure)
    extras["usually_days"] = figures.median_whole
    if procedure.channel != Channel.OFFICE and form_published(procedure) is not None:
        draft = (
            getattr(user, "is_authenticated", False)
            and Application.objects.filter(applicant=user, procedure=procedure, state=ApplicationState.DRAFT).exists()
        )
        extras["online"] = {
            "start_url": reverse("applications:start", args=[procedure.institution.slug, procedure.slug]),
            "draft": draft,
        }
    return extras


def _online(procedure_ids: Any = None) -> Any:
    """The ids of the procedures with a published form and an online channel."""
    from applications.models import FormVersion
    from procedures.models import Channel

    found = FormVersion.objects.filter(published_at__isnull=False).exclude(procedure__channel=Channel.OFFICE)
    if procedure_ids is not None:
        found = found.filter(procedure_id__in=list(procedure_ids))
    return found.values_list("procedure_id", flat=True).distinct()


def _translation_gaps(institution: Any) -> list[Any]:
    """The questions of the forms applications are filed with today that miss a language."""
    from django.db.models import Max

    from applications.models import FormVersion
    from applications.selectors import form_text_gaps
    from core.i18n import Gap

    latest = (
        FormVersion.objects.filter(procedure__institution=institution, published_at__isnull=False)
        .values("procedure_id")
        .annotate(number=Max("number"))
    )
    wanted = {(row["procedure_id"], row["number"]) for row in latest}
    versions = [
        v
        for v in FormVersion.objects.filter(procedure_id__in=[p for p, _n in wanted])
        .select_related("procedure")
        .prefetch_related("steps__fields")
        if (v.procedure_id, v.number) in wanted
    ]
    found = []
    for version in versions:
        url = reverse("applications:builder", args=[institution.slug, version.procedure.public_id])
        title = _("Application form of “%(title)s”") % {"title": version.procedure.title}
        steps = list(version.steps.all())
        for gap in form_text_gaps(form=version, steps=steps):
            found.append(Gap(f"{title} — {gap.what}", gap.missing, url))
    return found


def _institution_sections(institution: Any) -> list[Section]:
    from applications.selectors import institution_figures

    figures = institution_figures(institution=institution)
    if not figures.received:
        return []
    return [Section("applications/_institution.html", {"figures": figures, "institution": institution})]


def _export(user: Any) -> Any:
    from applications.models import Application

    return {
        "applications": [
            {
                "reference": a.reference,
                "procedure": text_in(a.procedure, "title", "fr"),
                "institution": text_in(a.institution, "name", "fr"),
                "state": a.state,
                "answers": a.answers,
                "files": [f.original_name for f in a.files.all()],
                "received_on": a.received_on.isoformat() if a.received_on else None,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "decided_on": a.decided_on.isoformat() if a.decided_on else None,
                "history": [
                    {"at": e.created_at.isoformat(), "step": e.kind, "note": e.note}
                    for e in a.events.all()
                    if not e.internal
                ],
            }
            for a in Application.objects.filter(applicant=user)
            .select_related("procedure", "institution")
            .prefetch_related("files", "events")
        ]
    }


def _erase(user: Any) -> None:
    """Cases are administrative records and stay with the institution; drafts were never sent and go."""
    from applications.models import Application, ApplicationState
    from applications.services.applying import _delete_draft

    for draft in Application.objects.filter(applicant=user, state=ApplicationState.DRAFT):
        _delete_draft(draft)


def _seed(stdout: Any) -> None:
    from applications.demo import seed_applications

    seed_applications(stdout)


def _figures(institution_ids: list[int] | None, start: date, end: date) -> dict[int, Figures]:
    """Applications received in the period: decided, within the legal maximum, open past it, median days."""
    from applications.models import Application, ApplicationState
    from cases.figures import grouped_figures

    s = ApplicationState
    return grouped_figures(
        Application.objects.exclude(state=s.DRAFT),
        institution_ids=institution_ids,
        received="received_on",
        start=start,
        end=end,
        decided=Q(state__in=[s.ACCEPTED, s.REFUSED, s.TACITLY_ACCEPTED]),
        on_time=Q(decided_on_time=True),
        open_overdue=Q(state__in=[s.SUBMITTED, s.IN_REVIEW], due_on__lt=clock.today()),
        days="decision_days",
        unit="calendar_days",
    )


def register() -> None:
    statistics.register("applications", _figures)
    from applications.files import APPLICATION_FILES
    from applications.services.common import CASE
    from cases.engine import case_types
    from cases.files import private_file_sources

    case_types.register("applications", CASE)
    private_file_sources.register("applications.file", APPLICATION_FILES)
    my_office_items.register("applications", MINE)
    work_queue_items.register("applications", QUEUE)
    backoffice_links.register("applications", _backoffice_links)
    procedure_extras.register("applications", _procedure_extras)
    procedures_online.register("applications", _online)
    translation_gaps.register("applications", _translation_gaps)
    main_menu.register("applications", MenuEntry(gettext_lazy("Track my file"), "applications:track", order=30))
    home_links.register(
        "applications-track",
        HomeLink(
            Mission.SERVICES,
            gettext_lazy("Track my file"),
            "applications:track",
            gettext_lazy("With the reference and the tracking code on your receipt; no account needed."),
            order=20,
        ),
    )
    home_links.register(
        "applications-figures",
        HomeLink(
            Mission.SERVICES,
            gettext_lazy("Procedures in figures"),
            "applications:figures",
            gettext_lazy("How many applications each institution received and how fast it decided."),
            order=30,
        ),
    )
    institution_sections.register("applications", _institution_sections)
    data_exporters.register("applications", _export)
    data_erasers.register("applications", _erase)
    demo_seeders.register("applications", _seed)
    from applications.api import router
    from citizen_office.api import api

    api.add_router("/", router)
