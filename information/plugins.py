"""What the information module plugs into: My Office, the work queue, My data, links, demo."""

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
    SearchBlock,
    SearchHit,
    Section,
    backoffice_links,
    data_erasers,
    data_exporters,
    demo_seeders,
    home_links,
    institution_links,
    institution_sections,
    main_menu,
    my_office_items,
    site_search,
    statistics,
    translation_gaps,
    work_queue_items,
)

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution


def _request_item(r: Any, *, title: str, url: str, today: Any, pk: int, own: bool = False) -> OfficeItem:
    from information.presentation import status_of

    status = status_of(r, today=today, for_requester=own)
    return OfficeItem(
        module="information",
        title=title,
        reference=r.reference,
        status=status.label,
        status_tone=status.tone,
        url=url,
        updated=r.updated_at.date(),
        next_deadline=r.due_on if r.is_open and not r.is_paused else None,
        sort_value=sort_value(r.updated_at),
        pk=pk,
    )


def _own_requests(user: User) -> Any:
    from information.selectors import request_list_for_requester

    return request_list_for_requester(user=user).order_by()


def _own_page(user: User, *, after: Position | None, limit: int) -> list[OfficeItem]:
    today = clock.today()
    rows = keyset(_own_requests(user), key="information", field="updated_at", after=after, limit=limit, descending=True)
    return [
        _request_item(
            r, title=r.subject, url=reverse("information:mine", args=[r.public_id]), today=today, pk=r.pk, own=True
        )
        for r in rows
    ]


def _followed(user: User) -> Any:
    from information.models import RequestFollower

    return RequestFollower.objects.filter(user=user, request__is_public=True).select_related(
        "request", "request__institution"
    )


def _followed_page(user: User, *, after: Position | None, limit: int) -> list[OfficeItem]:
    today = clock.today()
    rows = keyset(
        _followed(user),
        key="information-followed",
        field="request__updated_at",
        after=after,
        limit=limit,
        descending=True,
    )
    return [
        _request_item(
            f.request,
            title=_("Following: %(subject)s") % {"subject": f.request.public_subject},
            url=reverse("information:public", args=[f.request.public_id]),
            today=today,
            pk=f.pk,
        )
        for f in rows
    ]


def _complaints(user: User, institution: Institution) -> Any:
    from accounts.permissions import has_role
    from information.models import Complaint
    from information.selectors import complaint_list_for_institution

    if not has_role(user, institution, ["decision_maker"]):
        return Complaint.objects.none()
    return complaint_list_for_institution(institution=institution).order_by()


def _complaints_page(user: User, institution: Institution, *, after: Position | None, limit: int) -> list[QueueItem]:
    today = clock.today()
    rows = keyset(
        _complaints(user, institution),
        key="information-complaints",
        field="due_on",
        after=after,
        limit=limit,
        descending=False,
    )
    return [
        QueueItem(
            module=_("Complaint to the head"),
            title=c.request.subject,
            reference=c.request.reference,
            status=str(c.get_state_display()),
            url=reverse("information:staff_complaint", args=[institution.slug, c.public_id]),
            due=c.due_on,
            overdue=today > c.due_on,
            pk=c.pk,
        )
        for c in rows
    ]


def _open_requests(user: User, institution: Institution) -> Any:
    from accounts.permissions import has_role
    from information.models import RequestState
    from information.models.requests import OPEN_STATES
    from information.selectors import request_list_for_institution

    # A request waiting for its requester has no running deadline: it sorts last.
    qs = (
        request_list_for_institution(institution=institution)
        .filter(state__in=OPEN_STATES)
        .order_by()
        .annotate(queue_due=due_or_last(paused_state=RequestState.AWAITING_CLARIFICATION))
    )
    return qs if has_role(user, institution, ["information_officer"]) else qs.none()


def _requests_page(user: User, institution: Institution, *, after: Position | None, limit: int) -> list[QueueItem]:
    from information.presentation import status_of

    today = clock.today()
    rows = keyset(
        _open_requests(user, institution),
        key="information",
        field="queue_due",
        after=after,
        limit=limit,
        descending=False,
    )
    items = []
    for r in rows:
        status = status_of(r, today=today)
        items.append(
            QueueItem(
                module=_("Information request"),
                title=r.subject,
                reference=r.reference,
                status=status.label,
                url=reverse("information:staff_request", args=[institution.slug, r.public_id]),
                due=None if r.queue_due == NO_DATE else r.queue_due,
                overdue=status.overdue,
                pk=r.pk,
            )
        )
    return items


OWN = Feed(label=gettext_lazy("Information requests"), count=lambda u: _own_requests(u).count(), page=_own_page)
FOLLOWED = Feed(label=gettext_lazy("Requests you follow"), count=lambda u: _followed(u).count(), page=_followed_page)
COMPLAINTS = Feed(
    label=gettext_lazy("Complaints to the head"), count=lambda u, i: _complaints(u, i).count(), page=_complaints_page
)
REQUESTS = Feed(
    label=gettext_lazy("Information requests"), count=lambda u, i: _open_requests(u, i).count(), page=_requests_page
)


def _backoffice_links(institution: Any, roles: frozenset[str]) -> list[Link]:
    links = []
    if "information_officer" in roles:
        links.append(Link(_("Information requests"), reverse("information:staff_inbox", args=[institution.slug])))
        links.append(Link(_("Personal data reports"), reverse("information:staff_reports", args=[institution.slug])))
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
    from information.models import DataReport, InformationRequest, RequestFollower

    return {
        "requests": [
            {
                "reference": r.reference,
                "institution": text_in(r.institution, "name", "fr"),
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
        "personal_data_reports": [
            {
                "request": r.request.reference,
                "reason": r.reason,
                "text": r.text,
                "state": r.state,
                "filed_on": r.created_at.date().isoformat(),
            }
            for r in DataReport.objects.filter(reporter=user).select_related("request").order_by("pk")
        ],
    }


def _erase(user: Any) -> None:
    """Requests are legal records and stay; the public copies were masked when written.

    What is only about the person goes: the postal address and the requests they follow. Their reports of
    personal data stay for the institution, without their name.
    """
    from django.db.models import F

    from information.models import DataReport, InformationRequest, RequestFollower

    DataReport.objects.filter(reporter=user).update(reporter=None)

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


def _figures(institution_ids: list[int] | None, start: date, end: date) -> dict[int, Figures]:
    """Requests received in the period: answered, on time, still open past the deadline, median working days."""
    from cases.figures import grouped_figures
    from information.models import InformationRequest, RequestState
    from information.models.requests import RUNNING_STATES

    return grouped_figures(
        InformationRequest.objects.exclude(state=RequestState.WITHDRAWN),
        institution_ids=institution_ids,
        received="received_on",
        start=start,
        end=end,
        decided=Q(answered_on__isnull=False),
        on_time=Q(answered_on_time=True),
        open_overdue=Q(state__in=RUNNING_STATES, due_on__lt=clock.today()),
        days="answered_working_days",
        unit="working_days",
    )


def _translation_gaps(institution: Any) -> list[Any]:
    """Published documents whose title or summary miss a language."""
    from core.i18n import Gap, text_gaps
    from information.models import Publication, PublicationState

    found = []
    for publication in Publication.objects.filter(institution=institution, state=PublicationState.PUBLISHED).order_by(
        "-published_on"
    ):
        url = reverse("information:staff_publication_edit", args=[institution.slug, publication.public_id])
        for gap in text_gaps(
            [(_("Publication “%(title)s”") % {"title": publication.title}, publication, ("title", "summary"))]
        ):
            found.append(Gap(gap.what, gap.missing, url))
    return found


def _search(query: str, limit: int) -> SearchBlock:
    from django.utils.http import urlencode

    from information.selectors import publication_list_public

    found = publication_list_public(query=query)
    return SearchBlock(
        label=_("Publications"),
        count=found.count(),
        hits=[
            SearchHit(p.title, reverse("information:publication", args=[p.public_id]), p.institution.name)
            for p in found[:limit]
        ],
        more_url=reverse("information:library") + "?" + urlencode({"q": query}),
    )


def register() -> None:
    statistics.register("information", _figures)
    main_menu.register("information", MenuEntry(gettext_lazy("Information"), "information:index", order=10))
    site_search.register("information", _search)
    translation_gaps.register("information", _translation_gaps)
    for key, link in {
        "information-index": HomeLink(
            Mission.INFORMATION,
            gettext_lazy("Your right to information"),
            "information:index",
            gettext_lazy("What you can ask for, how, and when the institution must answer."),
            order=0,
        ),
        "information-library": HomeLink(
            Mission.INFORMATION,
            gettext_lazy("Browse publications"),
            "information:library",
            gettext_lazy("Budgets, decisions, reports and contacts, as the institutions publish them."),
            order=10,
        ),
        "information-ask": HomeLink(
            Mission.INFORMATION,
            gettext_lazy("Ask for information"),
            "information:new",
            gettext_lazy("For what is not published yet: the institution has 20 working days to answer."),
            order=20,
        ),
        "information-log": HomeLink(
            Mission.PARTICIPATION,
            gettext_lazy("Requests other citizens made"),
            "information:log",
            gettext_lazy("Read the answers, and follow a request that matters to you too."),
            order=10,
        ),
    }.items():
        home_links.register(key, link)
    from cases.engine import case_types
    from cases.files import private_file_sources
    from information.files import ANSWER_FILES, PUBLICATION_FILES
    from information.services.common import CASE

    case_types.register("information", CASE)
    private_file_sources.register("information.answer", ANSWER_FILES)
    private_file_sources.register("information.publication", PUBLICATION_FILES)
    my_office_items.register("information", OWN)
    my_office_items.register("information-followed", FOLLOWED)
    work_queue_items.register("information-complaints", COMPLAINTS)
    work_queue_items.register("information", REQUESTS)
    backoffice_links.register("information", _backoffice_links)
    institution_links.register("information", _institution_links)
    institution_sections.register("information", _institution_sections)
    data_exporters.register("information", _export)
    data_erasers.register("information", _erase)
    demo_seeders.register("information", _seed)
    from citizen_office.api import api
    from information.api import router

    api.add_router("/", router)
