"""What the information module plugs into: My Office, the work queue, My data, links, demo."""

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
    institution_links,
    institution_sections,
    my_office_items,
    work_queue_items,
)


def _office_items(user: Any) -> list[OfficeItem]:
    from information.models import RequestFollower
    from information.presentation import status_of
    from information.selectors import request_list_for_requester

    today = clock.today()
    items = []
    followed = (
        RequestFollower.objects.filter(user=user, request__is_public=True)
        .select_related("request", "request__institution")
        .order_by("-created_at")[:50]
    )
    for follow in followed:
        r = follow.request
        status = status_of(r, today=today)
        items.append(
            OfficeItem(
                module="information",
                title=_("Following: %(subject)s") % {"subject": r.public_subject},
                reference=r.reference,
                status=status.label,
                status_tone=status.tone,
                url=reverse("information:public", args=[r.public_id]),
                updated=r.updated_at.date(),
                next_deadline=r.due_on if r.is_open and not r.is_paused else None,
            )
        )
    for r in request_list_for_requester(user=user)[:200]:
        status = status_of(r, today=today)
        items.append(
            OfficeItem(
                module="information",
                title=r.subject,
                reference=r.reference,
                status=status.label,
                status_tone=status.tone,
                url=reverse("information:mine", args=[r.public_id]),
                updated=r.updated_at.date(),
                next_deadline=r.due_on if r.is_open and not r.is_paused else None,
            )
        )
    return items


def _queue_items(user: Any, institution: Any) -> list[QueueItem]:
    from accounts.permissions import has_role
    from information.models import RequestState
    from information.models.requests import OPEN_STATES
    from information.presentation import status_of
    from information.selectors import complaint_list_for_institution, request_list_for_institution

    today = clock.today()
    items = []
    if has_role(user, institution, ["decision_maker"]):
        for c in complaint_list_for_institution(institution=institution)[:100]:
            items.append(
                QueueItem(
                    module=_("Complaint to the head"),
                    title=c.request.subject,
                    reference=c.request.reference,
                    status=str(c.get_state_display()),
                    url=reverse("information:staff_complaint", args=[institution.slug, c.public_id]),
                    due=c.due_on,
                    overdue=today > c.due_on,
                )
            )
    if not has_role(user, institution, ["information_officer"]):
        return items
    qs = request_list_for_institution(institution=institution).filter(state__in=OPEN_STATES).order_by("due_on")
    for r in qs[:100]:
        status = status_of(r, today=today)
        items.append(
            QueueItem(
                module=_("Information request"),
                title=r.subject,
                reference=r.reference,
                status=status.label,
                url=reverse("information:staff_request", args=[institution.slug, r.public_id]),
                due=r.due_on if r.state != RequestState.AWAITING_CLARIFICATION else None,
                overdue=status.overdue,
            )
        )
    return items


def _backoffice_links(institution: Any, roles: frozenset[str]) -> list[Link]:
    links = []
    if "information_officer" in roles:
        links.append(Link(_("Information requests"), reverse("information:staff_inbox", args=[institution.slug])))
    if roles & {"information_officer", "institution_admin"}:
        links.append(Link(_("Publications"), reverse("information:staff_publications", args=[institution.slug])))
    if "decision_maker" in roles:
        links.append(
            Link(_("Complaints to the head"), reverse("information:staff_complaints", args=[institution.slug]))
        )
    return links


def _institution_links(institution: Any) -> list[Link]:
    return [
        Link(
            _("Ask for information"),
            reverse("information:new") + f"?institution={institution.slug}",
            _("Law 31-13: an answer within 20 working days."),
        ),
        Link(_("Documents published"), reverse("information:library") + f"?institution={institution.slug}"),
        Link(_("Publication scheme"), reverse("information:scheme", args=[institution.slug])),
        Link(_("Requests and answers"), reverse("information:log") + f"?institution={institution.slug}"),
    ]


def _institution_sections(institution: Any) -> list[Section]:
    from information.selectors import institution_stats

    return [Section("information/_stats.html", {"stats": institution_stats(institution=institution)})]


def _export(user: Any) -> Any:
    from information.models import InformationRequest, RequestFollower

    return {
        "requests": [
            {
                "reference": r.reference,
                "institution": r.institution.name_fr,
                "subject": r.subject,
                "body": r.body,
                "postal_address": r.postal_address,
                "public": r.is_public,
                "state": r.state,
                "received_on": r.received_on.isoformat(),
                "due_on": r.due_on.isoformat() if r.due_on else None,
                "answer": r.answer_text,
                "timeline": [{"date": e.on_date.isoformat(), "step": e.kind, "note": e.note} for e in r.events.all()],
                "complaint": (
                    {
                        "filed_on": r.complaint.filed_on.isoformat(),
                        "text": r.complaint.body,
                        "decision": r.complaint.decision,
                        "answer": r.complaint.answer_text,
                    }
                    if hasattr(r, "complaint")
                    else None
                ),
            }
            for r in InformationRequest.objects.filter(requester=user)
            .select_related("institution", "complaint")
            .prefetch_related("events")
        ],
        "following": [f.request.reference for f in RequestFollower.objects.filter(user=user).select_related("request")],
    }


def _erase(user: Any) -> None:
    """Requests are legal records and stay; the public copies were masked when written.

    What is only about the person goes: the postal address and the requests they follow.
    """
    from django.db.models import F

    from information.models import InformationRequest, RequestFollower

    for follow in RequestFollower.objects.filter(user=user):
        counts: dict[str, Any] = {"followers_count": F("followers_count") - 1}
        if follow.wants:
            counts["wants_count"] = F("wants_count") - 1
        InformationRequest.objects.filter(pk=follow.request_id).update(**counts)
    RequestFollower.objects.filter(user=user).delete()
    InformationRequest.objects.filter(requester=user).update(postal_address="")


def _seed(stdout: Any) -> None:
    from information.demo import seed_information

    seed_information(stdout)


def register() -> None:
    from cases.engine import case_types
    from cases.files import private_file_sources
    from information.files import ANSWER_FILES, PUBLICATION_FILES
    from information.services.common import CASE

    case_types.register("information", CASE)
    private_file_sources.register("information.answer", ANSWER_FILES)
    private_file_sources.register("information.publication", PUBLICATION_FILES)
    my_office_items.register("information", _office_items)
    work_queue_items.register("information", _queue_items)
    backoffice_links.register("information", _backoffice_links)
    institution_links.register("information", _institution_links)
    institution_sections.register("information", _institution_sections)
    data_exporters.register("information", _export)
    data_erasers.register("information", _erase)
    demo_seeders.register("information", _seed)
    from citizen_office.api import api
    from information.api import router

    api.add_router("/", router)
