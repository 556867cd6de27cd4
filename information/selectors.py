"""Reads for access to information, scoped: the public sees public requests only, a citizen
their own, staff their institution's."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from core import clock
from core.i18n import per_language
from core.search import text_search
from information.models import (
    Category,
    Complaint,
    ComplaintState,
    DataReport,
    InformationRequest,
    Outcome,
    Publication,
    PublicationState,
    RefusalGround,
    ReportState,
    RequestEvent,
    RequestFollower,
    RequestState,
)
from information.models.requests import OPEN_STATES, RUNNING_STATES

# --- Publications --------------------------------------------------------------------------------


# A publication is found by its title and summary in any language, and its tags.
SEARCHED = [*per_language("title", "summary"), "tags"]


def publication_list_public(
    *, institution: Any = None, category: Any = None, year: int | None = None, query: str = ""
) -> QuerySet[Publication]:
    qs = Publication.objects.filter(state=PublicationState.PUBLISHED, institution__on_platform=True).select_related(
        "institution", "category"
    )
    if institution is not None:
        qs = qs.filter(institution=institution)
    if category is not None:
        qs = qs.filter(category=category)
    if year:
        qs = qs.filter(published_on__year=year)
    qs = text_search(qs, SEARCHED, query)
    return qs.order_by("-published_on", "-pk")


def publication_get_public(*, public_id: str) -> Publication | None:
    return (
        Publication.objects.filter(public_id=public_id, institution__on_platform=True)
        .select_related("institution", "category")
        .prefetch_related("files")
        .first()
    )


def publication_suggestions(*, institution: Any, text: str, limit: int = 5) -> list[Publication]:
    """Publications that may already answer a request ("is it already published?")."""
    words = [w for w in text.split() if len(w) >= 4][:6]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(tags__icontains=word)
        for name in SEARCHED[:-1]:
            condition |= Q(**{f"{name}__icontains": word})
    return list(
        Publication.objects.filter(condition, institution=institution, state=PublicationState.PUBLISHED)
        .select_related("category")
        .order_by("-published_on")[:limit]
    )


@dataclass(frozen=True)
class SchemeLine:
    category: Category
    count: int
    last: date | None


def publication_scheme(*, institution: Any) -> list[SchemeLine]:
    """Which art. 10 categories the institution covers and when each was last updated."""
    rows = {
        r["category_id"]: r
        for r in Publication.objects.filter(institution=institution, state=PublicationState.PUBLISHED)
        .values("category_id")
        .annotate(count=Count("id"), last=Max("published_on"))
    }
    return [
        SchemeLine(category=c, count=rows.get(c.pk, {}).get("count", 0), last=rows.get(c.pk, {}).get("last"))
        for c in Category.objects.all()
    ]


def publication_list_for_institution(*, institution: Any, query: str = "") -> QuerySet[Publication]:
    qs = Publication.objects.filter(institution=institution).select_related("category")
    return text_search(qs, SEARCHED, query).order_by("-updated_at")


def publication_get_for_institution(*, institution: Any, public_id: str) -> Publication | None:
    return (
        Publication.objects.filter(institution=institution, public_id=public_id)
        .select_related("category", "institution")
        .prefetch_related("files")
        .first()
    )


# --- Requests: public ----------------------------------------------------------------------------


def request_list_public(
    *, institution: Any = None, state: str = "", outcome: str = "", year: int | None = None, query: str = ""
) -> QuerySet[InformationRequest]:
    """Public requests only: a private request never reaches a public page, feed or API."""
    qs = InformationRequest.objects.filter(is_public=True).select_related("institution")
    if institution is not None:
        qs = qs.filter(institution=institution)
    if state:
        qs = qs.filter(state=state)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if year:
        qs = qs.filter(received_on__year=year)
    qs = text_search(qs, ["public_subject", "public_body", "public_answer"], query)
    # Newest first by id (the filing order): the (is_public, id) index serves it without a sort.
    return qs.order_by("-pk")


def _timeline() -> Prefetch:
    return Prefetch("events", queryset=RequestEvent.objects.select_related("institution").order_by("created_at", "pk"))


def request_get_public(*, public_id: str) -> InformationRequest | None:
    return (
        InformationRequest.objects.filter(is_public=True, public_id=public_id)
        .select_related("institution", "transferred_from", "complaint")
        .prefetch_related(_timeline(), "answer_files")
        .first()
    )


def follower_of(*, user: Any, request: InformationRequest) -> RequestFollower | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return RequestFollower.objects.filter(user=user, request=request).first()


# --- Requests: the requester ---------------------------------------------------------------------


def request_list_for_requester(*, user: Any) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(requester=user).select_related("institution").order_by("-created_at")


def request_get_for_requester(*, user: Any, public_id: str) -> InformationRequest | None:
    return (
        InformationRequest.objects.filter(requester=user, public_id=public_id)
        .select_related("institution", "transferred_from", "complaint", "requester")
        .prefetch_related(_timeline(), "answer_files")
        .first()
    )


# --- Requests: staff -----------------------------------------------------------------------------

DUE_FILTERS = ("soon", "overdue", "long_overdue")


def request_list_for_institution(
    *, institution: Any, state: str = "", due: str = "", assignee: Any = None, query: str = ""
) -> QuerySet[InformationRequest]:
    """The institution's inbox; "due soon" is within seven calendar days."""
    today = clock.today()
    qs = InformationRequest.objects.filter(institution=institution).select_related("assignee")
    if state == "extended":
        qs = qs.filter(extended_on__isnull=False, state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if due == "soon":
        qs = qs.filter(state__in=RUNNING_STATES, due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif due == "overdue":
        qs = qs.filter(state__in=RUNNING_STATES, due_on__lt=today)
    elif due == "long_overdue":
        qs = qs.filter(state__in=RUNNING_STATES, long_due_on__lt=today)
    if assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee is not None:
        qs = qs.filter(assignee=assignee)
    if query:
        qs = qs.filter(Q(reference__icontains=query) | Q(subject__icontains=query))
    return qs.order_by("due_on", "pk") if due or state in OPEN_STATES else qs.order_by("-created_at", "-pk")


def request_get_for_institution(*, institution: Any, public_id: str) -> InformationRequest | None:
    """The request with its timeline; ``has_open_reports`` says whether personal data reports wait on it."""
    open_reports = DataReport.objects.filter(request=OuterRef("pk"), state=ReportState.OPEN)
    return (
        InformationRequest.objects.filter(institution=institution, public_id=public_id)
        .annotate(has_open_reports=Exists(open_reports))
        .select_related("institution", "transferred_from", "complaint", "requester", "assignee")
        .prefetch_related(Prefetch("events", queryset=RequestEvent.objects.select_related("actor", "institution")))
        .prefetch_related("answer_files")
        .first()
    )


def complaint_list_for_institution(*, institution: Any, open_only: bool = True) -> QuerySet[Complaint]:
    qs = Complaint.objects.filter(institution=institution).select_related("request")
    if open_only:
        qs = qs.filter(state=ComplaintState.SUBMITTED)
    return qs.order_by("due_on", "pk")


def complaint_get_for_institution(*, institution: Any, public_id: str) -> Complaint | None:
    return (
        Complaint.objects.filter(institution=institution, public_id=public_id)
        .select_related("request", "request__requester", "institution")
        .first()
    )


# --- Personal data reports ----------------------------------------------------------------------


def request_get_public_summary(*, public_id: str) -> InformationRequest | None:
    """A public request without its timeline: enough to say which request a page is about."""
    return InformationRequest.objects.filter(is_public=True, public_id=public_id).select_related("institution").first()


def data_report_list_for_institution(*, institution: Any, open_only: bool = True) -> QuerySet[DataReport]:
    """Reports about the institution's requests (the one holding the request now, after a transfer too)."""
    qs = DataReport.objects.filter(request__institution=institution).select_related("request", "handled_by")
    if open_only:
        return qs.filter(state=ReportState.OPEN).order_by("created_at", "pk")
    return qs.order_by("-created_at", "-pk")


def data_report_get_for_institution(*, institution: Any, public_id: str) -> DataReport | None:
    return (
        DataReport.objects.filter(request__institution=institution, public_id=public_id)
        .select_related("request", "request__institution")
        .first()
    )


def data_report_list_open_for_request(*, institution: Any, request: InformationRequest) -> list[DataReport]:
    """Open reports on one of the institution's requests (no query when the request says it has none)."""
    if getattr(request, "has_open_reports", True) is False:
        return []
    return list(
        DataReport.objects.filter(request=request, request__institution=institution, state=ReportState.OPEN).order_by(
            "created_at", "pk"
        )
    )


# --- Statistics ----------------------------------------------------------------------------------


@dataclass
class InstitutionStats:
    institution: Any
    received: int = 0
    answered: int = 0
    on_time: int = 0
    open_overdue: int = 0
    median_days: float | None = None
    refusals: dict[str, int] = field(default_factory=dict)

    @property
    def median_whole(self) -> int | None:
        return None if self.median_days is None else round(self.median_days)

    @property
    def refusal_lines(self) -> list[tuple[str, int]]:
        labels = dict(RefusalGround.choices)
        return [(str(labels.get(ground, ground)), n) for ground, n in self.refusals.items()]

    @property
    def on_time_share(self) -> int | None:
        """Answered on time, among requests answered or overdue: silence counts against."""
        base = self.answered + self.open_overdue
        return round(100 * self.on_time / base) if base else None


STATS_TTL = 600


def _compute_stats(*, institution_id: int | None) -> dict[int, InstitutionStats]:
    """Grouped queries (a fixed number, whatever the number of institutions or requests)."""
    today = clock.today()
    qs = InformationRequest.objects.exclude(state=RequestState.WITHDRAWN)
    if institution_id is not None:
        qs = qs.filter(institution_id=institution_id)
    table: dict[int, InstitutionStats] = {}
    for row in qs.values("institution_id").annotate(
        received=Count("id"),
        answered=Count("id", filter=Q(answered_on__isnull=False)),
        on_time=Count("id", filter=Q(answered_on_time=True)),
        open_overdue=Count("id", filter=Q(state__in=RUNNING_STATES, due_on__lt=today)),
    ):
        table[row["institution_id"]] = InstitutionStats(
            institution=None,
            received=row["received"],
            answered=row["answered"],
            on_time=row["on_time"],
            open_overdue=row["open_overdue"],
        )
    days: dict[int, list[int]] = {}
    recent = qs.filter(answered_working_days__isnull=False, answered_on__gte=today - timedelta(days=730))
    for inst, n in recent.values_list("institution_id", "answered_working_days").iterator(chunk_size=5000):
        days.setdefault(inst, []).append(n or 0)
    for inst, values in days.items():
        if inst in table:
            table[inst].median_days = statistics.median(values)
    for inst, ground, n in (
        qs.filter(outcome__in=[Outcome.REFUSED, Outcome.PARTIAL])
        .exclude(refusal_ground="")
        .values_list("institution_id", "refusal_ground")
        .annotate(n=Count("id"))
        .order_by("institution_id", "-n")
    ):
        if inst in table:
            table[inst].refusals[ground] = n
    return table


def institution_stats(*, institution: Any) -> InstitutionStats:
    """Requests received, share answered on time, median working days, refusals by ground (cached)."""
    key = f"information:stats:{institution.pk}:{clock.today().isoformat()}"
    stats = cache.get(key)
    if stats is None:
        stats = _compute_stats(institution_id=institution.pk).get(institution.pk) or InstitutionStats(None)
        cache.set(key, stats, STATS_TTL)
    stats.institution = institution
    return stats  # type: ignore[no-any-return]


def stats_table() -> list[InstitutionStats]:
    """Every institution that received a request, for the comparison table (cached)."""
    from institutions.models import Institution

    key = f"information:stats:all:{clock.today().isoformat()}"
    table = cache.get(key)
    if table is None:
        table = _compute_stats(institution_id=None)
        cache.set(key, table, STATS_TTL)
    institutions = Institution.objects.filter(pk__in=list(table), on_platform=True).order_by("name_fr")
    rows = []
    for institution in institutions:
        row = table[institution.pk]
        row.institution = institution
        rows.append(row)
    return rows
