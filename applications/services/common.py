"""What the application services share: the state table, locking, the timeline and the messages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Role, User
from accounts.permissions import has_role
from applications.models import Application, ApplicationState, CaseEvent
from audit.services import SYSTEM, Context
from cases.engine import CaseType, ClockTransition
from core import clock
from core.calendar import DurationUnit, WorkingCalendar
from core.i18n import path_without_language
from core.registry import may_act_for
from core.states import CLOCK, Guard, transitions
from institutions.selectors import working_calendar
from notifications.services import notify

OFFICER = Role.CASE_OFFICER.value
APPLICANT = "applicant"
S = ApplicationState


def silence_has_decided(application: Application, today: date | None = None) -> bool:
    """The deadline passed without a decision where silence means acceptance: the law has decided."""
    today = today or clock.today()
    return bool(
        application.silence_applies
        and application.state in (S.SUBMITTED, S.IN_REVIEW)
        and application.due_on is not None
        and today > application.due_on
    )


NOT_AFTER_SILENCE = Guard(
    lambda application: not silence_has_decided(application),
    gettext_lazy(
        "The deadline passed without a decision and silence means acceptance for this procedure: the "
        "application is accepted by law (law 55-19). The attestation is issued tonight."
    ),
    "silence has not decided",
)
SILENCE_DECIDED = Guard(silence_has_decided, gettext_lazy("Silence has not decided yet."), "deadline passed")
DOCUMENTS_ONCE = Guard(
    lambda application: not application.missing_requested,
    gettext_lazy("Missing documents were already requested once for this application; the law allows it only once."),
    "never requested before",
)

# Who may move an application from which state, and where it goes (law 55-19; domain rules §5).
MACHINE = transitions(
    [
        (S.DRAFT, "submit", S.SUBMITTED, [APPLICANT]),
        (S.SUBMITTED, "take", S.IN_REVIEW, [OFFICER]),
        (S.IN_REVIEW, "take", S.IN_REVIEW, [OFFICER]),
        (S.SUBMITTED, "request_documents", S.AWAITING_DOCUMENTS, [OFFICER], [DOCUMENTS_ONCE, NOT_AFTER_SILENCE]),
        (S.IN_REVIEW, "request_documents", S.AWAITING_DOCUMENTS, [OFFICER], [DOCUMENTS_ONCE, NOT_AFTER_SILENCE]),
        (S.AWAITING_DOCUMENTS, "complete", S.IN_REVIEW, [APPLICANT]),
        (S.IN_REVIEW, "accept", S.ACCEPTED, [OFFICER], NOT_AFTER_SILENCE),
        (S.IN_REVIEW, "refuse", S.REFUSED, [OFFICER], NOT_AFTER_SILENCE),
        (S.SUBMITTED, "close", S.CLOSED, [OFFICER], NOT_AFTER_SILENCE),
        (S.IN_REVIEW, "close", S.CLOSED, [OFFICER], NOT_AFTER_SILENCE),
        (S.AWAITING_DOCUMENTS, "close", S.CLOSED, [OFFICER]),
        (S.SUBMITTED, "tacit", S.TACITLY_ACCEPTED, [CLOCK], SILENCE_DECIDED),
        (S.IN_REVIEW, "tacit", S.TACITLY_ACCEPTED, [CLOCK], SILENCE_DECIDED),
    ]
)
# Notes and messages change no state; they are allowed while the case is open.
TALK_STATES = {S.SUBMITTED, S.IN_REVIEW, S.AWAITING_DOCUMENTS}


def role_of(actor: User, application: Application) -> str | None:
    if getattr(actor, "pk", None) == application.applicant_id:
        return APPLICANT
    if has_role(actor, application.institution, [Role.CASE_OFFICER]):
        return OFFICER
    if may_act_for(actor, application.applicant):  # an agent filing for the person at a desk
        return APPLICANT
    return None


def _silent_cases(today: date) -> QuerySet[Application]:
    return Application.objects.filter(
        state__in=[S.SUBMITTED, S.IN_REVIEW], silence_applies=True, due_on__lt=today
    ).select_related("procedure", "institution")


def _tacit(application: Application) -> bool:
    from applications.services.cases import case_tacit_accept

    return case_tacit_accept(application=application)


CASE: CaseType[Application] = CaseType(
    name="applications",
    model=Application,
    machine=MACHINE,
    role_of=role_of,
    event_model=CaseEvent,
    case_field="application",
    audit_prefix="applications",
    initial=S.DRAFT,
    final=(S.ACCEPTED, S.REFUSED, S.CLOSED, S.TACITLY_ACCEPTED),
    clock=(ClockTransition("tacit", due=_silent_cases, run=_tacit),),
    describe=lambda application: application.reference or "",
    docs="docs/applications.md",
)


def fire(actor: User | None, application: Application, action: str) -> str:
    """The next state, or PermissionDenied / InvalidTransition / ValidationError (a guard)."""
    return CASE.fire(actor, application, action)


def lock(application: Application) -> Application:
    """Lock the row for the rest of the transaction and reload it (two officers, one case)."""
    return CASE.lock(application)


def calendar_for(application: Application) -> WorkingCalendar:
    return working_calendar(institution=application.institution)


def days_left(cal: WorkingCalendar, unit: str, start: Any, due: Any) -> int:
    """What remains of the clock between two dates, in the procedure's own unit of days.

    Working days after ``start`` up to ``due``; calendar days otherwise (a clock counted in months
    is paused and resumed in calendar days).
    """
    if unit == DurationUnit.WORKING_DAYS:
        return cal.working_days_between(start, due)
    return max((due - start).days, 0)


def add_days(cal: WorkingCalendar, unit: str, start: Any, days: int) -> Any:
    """The due date ``days`` after ``start`` (its day zero), by the calendar's own rule (core.calendar):
    working days skip weekends and holidays; calendar days ending on a day off end on the next working day.
    """
    from core.calendar import DeadlineRule

    counted = DurationUnit.WORKING_DAYS if unit == DurationUnit.WORKING_DAYS else DurationUnit.CALENDAR_DAYS
    return cal.deadline(start, DeadlineRule(days, counted)).due


def event_add(
    *,
    application: Application,
    kind: str,
    actor: User | None,
    by_staff: bool,
    note: str = "",
    internal: bool = False,
    context: Context = SYSTEM,
    changes: dict[str, Any] | None = None,
) -> CaseEvent:
    """One step of the case's history and its audit event, in the caller's transaction."""
    return CASE.record(  # type: ignore[return-value]
        case=application,
        kind=kind,
        actor=actor,
        context=context,
        by_staff=by_staff,
        note=note,
        internal=internal,
        changes=changes,
    )


def track_path(application: Application) -> str:
    """The "Track my file" link of an application: the reference filled in, the tracking code left to the receipt."""
    if not application.reference:
        return ""
    return path_without_language("applications:track") + "?" + urlencode({"reference": application.reference})


def tell_applicant(application: Application, *, what: str, key: str | None = None, **extra: Any) -> None:
    """The applicant is told at every step, in plain words, with what happens next."""
    notify(
        recipient=application.applicant,
        template="applications_update",
        context={"what": what, "application": application, "track_path": track_path(application), **extra},
        institution=application.institution,
        url=path_without_language("applications:case", application.public_id),
        key=key,
    )


def officers_of(application: Application) -> list[Any]:
    """The assignee, else the case officers of the procedure's department (else of the institution)."""
    if application.assignee_id and application.assignee is not None and application.assignee.is_active:
        return [application.assignee]
    memberships = Membership.objects.filter(
        institution=application.institution, role=Role.CASE_OFFICER, is_active=True
    ).select_related("user")
    if application.department_id:
        routed = [m.user for m in memberships if m.department_id in (None, application.department_id)]
        if routed:
            return routed
    return [m.user for m in memberships]


def tell_officers(application: Application, *, what: str, key: str) -> None:
    for officer in officers_of(application):
        notify(
            recipient=officer,
            template="applications_officer",
            context={"what": what, "application": application},
            institution=application.institution,
            url=f"/staff/{application.institution.slug}/cases/{application.public_id}/",
            key=f"{key}:{officer.pk}",
        )
