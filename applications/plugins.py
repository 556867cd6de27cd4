"""What the applications module plugs into: My Office, the work queue, My data, menus, procedure pages, demo."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.registry import (
    Link,
    OfficeItem,
    QueueItem,
    Section,
    backoffice_links,
    data_erasers,
    data_exporters,
    demo_seeders,
    institution_sections,
    my_office_items,
    procedure_extras,
    work_queue_items,
)


def _office_items(user: Any) -> list[OfficeItem]:
    from applications.presentation import status_of
    from applications.selectors import application_list_for_applicant

    today = clock.today()
    items = []
    for a in application_list_for_applicant(user=user).order_by("-updated_at")[:200]:
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
            )
        )
    return items


def _queue_items(user: Any, institution: Any) -> list[QueueItem]:
    from accounts.permissions import has_role
    from applications.presentation import status_of
    from applications.selectors import case_list_for_institution

    if not has_role(user, institution, ["case_officer"]):
        return []
    today = clock.today()
    return [
        QueueItem(
            module=_("Application"),
            title=a.procedure.title,
            reference=a.reference or "",
            status=status.label,
            url=reverse("applications:staff_case", args=[institution.slug, a.public_id]),
            due=a.due_on if not a.is_paused else None,
            overdue=status.overdue,
        )
        for a in case_list_for_institution(institution=institution, officer=user, state="open")[:100]
        for status in [status_of(a, today=today)]
    ]


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
                "procedure": a.procedure.title_fr,
                "institution": a.institution.name_fr,
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


def register() -> None:
    from applications.files import APPLICATION_FILES
    from applications.services.common import CASE
    from cases.engine import case_types
    from cases.files import private_file_sources

    case_types.register("applications", CASE)
    private_file_sources.register("applications.file", APPLICATION_FILES)
    my_office_items.register("applications", _office_items)
    work_queue_items.register("applications", _queue_items)
    backoffice_links.register("applications", _backoffice_links)
    procedure_extras.register("applications", _procedure_extras)
    institution_sections.register("applications", _institution_sections)
    data_exporters.register("applications", _export)
    data_erasers.register("applications", _erase)
    demo_seeders.register("applications", _seed)
    from applications.api import router
    from citizen_office.api import api

    api.add_router("/", router)
