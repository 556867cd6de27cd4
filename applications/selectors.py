"""Reads, each scoped: the applicant sees their own applications, staff their institution's cases."""

from __future__ import annotations

import hmac
import statistics
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationState, CaseEvent, FormVersion
from applications.models.cases import OPEN_STATES
from core import clock
from core.i18n import Gap, text_gaps
from core.search import text_search
from procedures.models import Procedure

STATS_TTL = 600
_BASE_RELATED = ("procedure", "institution", "department", "assignee")


def application_list_for_applicant(*, user: Any) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("procedure", "institution")


def application_get_for_applicant(*, user: Any, public_id: str) -> Application | None:
    return (
        Application.objects.filter(applicant=user, public_id=public_id)
        .select_related("procedure", "institution", "form")
        .first()
    )


def case_list_for_institution(
    *,
    institution: Any,
    officer: Any = None,
    state: str = "",
    due: str = "",
    assignee: str = "",
    department: Any = None,
    query: str = "",
) -> QuerySet[Application]:
    """The work queue: submitted cases of this institution, routed to the officer's department."""
    today = clock.today()
    qs = (
        Application.objects.filter(institution=institution)
        .exclude(state=ApplicationState.DRAFT)
        .select_related("procedure", "assignee", "department")
    )
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if due == "overdue":
        qs = qs.filter(state__in=[ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW], due_on__lt=today)
    elif due == "week":
        qs = qs.filter(
            state__in=[ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW],
            due_on__gte=today,
            due_on__lte=today + timedelta(days=7),
        )
    if assignee == "me" and officer is not None:
        qs = qs.filter(assignee=officer)
    elif assignee == "nobody":
        qs = qs.filter(assignee__isnull=True)
    if department is not None:
        qs = qs.filter(department=department)
    if officer is not None:
        qs = qs.exclude(applicant=officer)  # an officer's own application is handled by colleagues
    if query:
        query = query.strip()
        if query.upper().startswith("DEM-"):
            qs = qs.filter(reference=query.upper())  # references are stored in capitals: the unique index answers
        else:
            # Match the institution's few procedures first, then their cases (not a search over every case).
            procedures = text_search(
                Procedure.objects.filter(institution=institution), ["title_fr", "title_ar", "title_en"], query
            )
            qs = qs.filter(procedure_id__in=list(procedures.values_list("pk", flat=True)))
    return qs.order_by("due_on", "pk")


def cases_by_ids(*, institution: Any, ids: list[int]) -> list[Application]:
    """The rows of one page of the queue, in the page's order (the page itself is a list of ids, see views)."""
    found = {
        a.pk: a
        for a in Application.objects.filter(institution=institution, pk__in=ids).select_related(
            "procedure", "assignee", "department"
        )
    }
    return [found[pk] for pk in ids if pk in found]


def case_get_for_institution(*, institution: Any, public_id: str, officer: Any = None) -> Application | None:
    """A case of this institution; never the officer's own application (its internal notes are not for them)."""
    qs = Application.objects.filter(institution=institution, public_id=public_id)
    if officer is not None:
        qs = qs.exclude(applicant=officer)
    return (
        qs.exclude(state=ApplicationState.DRAFT)
        .select_related(*_BASE_RELATED, "applicant", "form", "decided_by")
        .first()
    )


def case_events(*, application: Application, staff: bool) -> QuerySet[CaseEvent]:
    """The history: staff see internal notes, the applicant never does."""
    qs = application.events.select_related("actor")
    return qs if staff else qs.filter(internal=False)


def application_track(*, reference: str, secret: str) -> Application | None:
    """A case found with the reference and the secret printed on the receipt, without signing in."""
    reference = reference.strip().upper()
    application = (
        Application.objects.filter(reference=reference)
        .exclude(state=ApplicationState.DRAFT)
        .select_related("procedure", "institution")
        .first()
    )

    def normal(code: str) -> bytes:
        return code.upper().replace(" ", "").replace("-", "").encode()

    if application is None or not hmac.compare_digest(normal(application.secret), normal(secret)):
        return None
    return application


def decision_verify(*, verification_code: str) -> Application | None:
    """A decision document found by its code, for the public verification page."""
    normalised = verification_code.strip().upper().replace(" ", "")
    if len(normalised) == 12 and "-" not in normalised:
        normalised = "-".join(normalised[i : i + 4] for i in (0, 4, 8))
    return (
        Application.objects.filter(verification_code=normalised)
        .select_related("procedure", "institution", "applicant")
        .first()
    )


def form_text_gaps(*, form: FormVersion, steps: list[Any] | None = None) -> list[Gap]:
    """The steps and questions of a version written in some of the site's languages but not all (``steps``: the
    version's steps with their fields, when the page already loaded them)."""
    items: list[tuple[str, Any, tuple[str, ...]]] = []
    for step in steps if steps is not None else form.steps.prefetch_related("fields"):
        items.append((_("Step “%(title)s”") % {"title": step.title}, step, ("title",)))
        for field in step.fields.all():
            items.append((_("Question “%(label)s”") % {"label": field.label}, field, ("label", "help", "choices")))
    return text_gaps(items)


def form_published(procedure: Any) -> FormVersion | None:
    """The version applications are filed with now (None: the procedure cannot be applied for online)."""
    return procedure.form_versions.filter(published_at__isnull=False).order_by("-number").first()


@dataclass
class ProcedureFigures:
    """What the public sees per procedure: volumes, speed, punctuality and silence."""

    received: int = 0
    decided: int = 0
    on_time: int = 0
    open_overdue: int = 0
    closed_late: int = 0
    tacit: int = 0
    median_days: float | None = None

    @property
    def on_time_share(self) -> int | None:
        """Decided within the legal maximum, among cases decided, overdue, or closed after their deadline."""
        base = self.decided + self.open_overdue + self.closed_late
        return round(100 * self.on_time / base) if base else None

    @property
    def median_whole(self) -> int | None:
        return None if self.median_days is None else round(self.median_days)


def _compute(procedure_ids: list[int] | None, *, by: str = "procedure_id") -> dict[int, ProcedureFigures]:
    """Grouped queries (a fixed number, whatever the number of applications), by procedure or by institution."""
    today = clock.today()
    qs = Application.objects.exclude(state=ApplicationState.DRAFT)
    if procedure_ids is not None:
        qs = qs.filter(**{f"{by}__in": procedure_ids})
    table: dict[int, ProcedureFigures] = {}
    for row in qs.values(by).annotate(
        received=Count("id"),
        decided=Count(
            "id",
            filter=Q(
                state__in=[ApplicationState.ACCEPTED, ApplicationState.REFUSED, ApplicationState.TACITLY_ACCEPTED]
            ),
        ),
        on_time=Count("id", filter=Q(decided_on_time=True)),
        open_overdue=Count(
            "id", filter=Q(state__in=[ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW], due_on__lt=today)
        ),
        tacit=Count("id", filter=Q(state=ApplicationState.TACITLY_ACCEPTED)),
        closed_late=Count("id", filter=Q(state=ApplicationState.CLOSED, decided_on_time=False)),
    ):
        table[row[by]] = ProcedureFigures(
            received=row["received"],
            decided=row["decided"],
            on_time=row["on_time"],
            open_overdue=row["open_overdue"],
            tacit=row["tacit"],
            closed_late=row["closed_late"],
        )
    days: dict[int, list[int]] = {}
    if not any(row.decided for row in table.values()):
        return table  # nothing decided: no median to compute
    recent = qs.filter(decision_days__isnull=False, decided_on__gte=today - timedelta(days=730))
    for pk, n in recent.order_by().values_list(by, "decision_days").iterator(chunk_size=5000):
        days.setdefault(pk, []).append(n or 0)
    for pk, values in days.items():
        if pk in table:
            table[pk].median_days = statistics.median(values)
    return table


def procedure_figures(*, procedure: Any) -> ProcedureFigures:
    """One procedure's public figures (cached ten minutes)."""
    key = f"applications:figures:{procedure.pk}:{clock.today().isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute([procedure.pk]).get(procedure.pk) or ProcedureFigures()
        cache.set(key, figures, STATS_TTL)
    return figures  # type: ignore[no-any-return]


def institution_figures(*, institution: Any) -> ProcedureFigures:
    """All of an institution's online applications together (cached ten minutes)."""
    key = f"applications:figures:institution:{institution.pk}:{clock.today().isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute([institution.pk], by="institution_id").get(institution.pk) or ProcedureFigures()
        cache.set(key, figures, STATS_TTL)
    return figures  # type: ignore[no-any-return]


def figures_table() -> dict[int, ProcedureFigures]:
    """Every procedure that received an application (cached ten minutes)."""
    key = f"applications:figures:all:{clock.today().isoformat()}"
    table = cache.get(key)
    if table is None:
        table = _compute(None)
        cache.set(key, table, STATS_TTL)
    return table  # type: ignore[no-any-return]
