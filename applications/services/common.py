"""What the application services share: the state table, locking, the timeline and the messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.models import Membership, Role
from accounts.permissions import has_role
from applications.models import Application, ApplicationState, CaseEvent
from audit.services import SYSTEM, Context, audit_record
from core import clock
from core.calendar import DurationUnit, WorkingCalendar
from core.db import lock_and_reload
from core.i18n import path_without_language
from core.states import transitions
from institutions.selectors import working_calendar
from notifications.services import notify

OFFICER = Role.CASE_OFFICER.value
APPLICANT = "applicant"
SYSTEM_ROLE = "system"
S = ApplicationState

# Who may move an application from which state, and where it goes (law 55-19; domain rules §5).
MACHINE = transitions(
    [
        (S.DRAFT, "submit", S.SUBMITTED, [APPLICANT]),
        (S.SUBMITTED, "take", S.IN_REVIEW, [OFFICER]),
        (S.IN_REVIEW, "take", S.IN_REVIEW, [OFFICER]),
        (S.SUBMITTED, "request_documents", S.AWAITING_DOCUMENTS, [OFFICER]),
        (S.IN_REVIEW, "request_documents", S.AWAITING_DOCUMENTS, [OFFICER]),
        (S.AWAITING_DOCUMENTS, "complete", S.IN_REVIEW, [APPLICANT]),
        (S.IN_REVIEW, "accept", S.ACCEPTED, [OFFICER]),
        (S.IN_REVIEW, "refuse", S.REFUSED, [OFFICER]),
        (S.SUBMITTED, "close", S.CLOSED, [OFFICER]),
        (S.IN_REVIEW, "close", S.CLOSED, [OFFICER]),
        (S.AWAITING_DOCUMENTS, "close", S.CLOSED, [OFFICER]),
        (S.SUBMITTED, "tacit", S.TACITLY_ACCEPTED, [SYSTEM_ROLE]),
        (S.IN_REVIEW, "tacit", S.TACITLY_ACCEPTED, [SYSTEM_ROLE]),
    ]
)
# Notes and messages change no state; they are allowed while the case is open.
TALK_STATES = {S.SUBMITTED, S.IN_REVIEW, S.AWAITING_DOCUMENTS}


def role_of(actor: Any, application: Application) -> str | None:
    if actor is None:
        return SYSTEM_ROLE
    if getattr(actor, "pk", None) == application.applicant_id:
        return APPLICANT
    if has_role(actor, application.institution, [Role.CASE_OFFICER]):
        return OFFICER
    return None


def fire(actor: Any, application: Application, action: str) -> str:
    """The next state, or PermissionDenied / InvalidTransition."""
    role = role_of(actor, application)
    if role is None:
        raise PermissionDenied
    return MACHINE.fire(application.state, action, role=role)


def lock(application: Application) -> Application:
    """Lock the row for the rest of the transaction and reload it (two officers, one case)."""
    return lock_and_reload(application)


def calendar_for(application: Application) -> WorkingCalendar:
    return working_calendar(institution=application.institution)


def days_left(cal: WorkingCalendar, unit: str, start: Any, due: Any) -> int:
    """What remains of the clock between two dates, in the procedure's own unit of days."""
    if unit == DurationUnit.WORKING_DAYS:
        return cal.working_days_between(start, due)
    return max((due - start).days, 0)


def add_days(cal: WorkingCalendar, unit: str, start: Any, days: int) -> Any:
    from datetime import timedelta

    if unit == DurationUnit.WORKING_DAYS:
        return cal.add_working_days(start, days)
    return start + timedelta(days=days)


def event_add(
    *,
    application: Application,
    kind: str,
    actor: Any,
    by_staff: bool,
    note: str = "",
    internal: bool = False,
    context: Context = SYSTEM,
    changes: dict[str, Any] | None = None,
) -> CaseEvent:
    """One step of the case's history and its audit event, in the caller's transaction."""
    event = CaseEvent.objects.create(
        application=application,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        by_staff=by_staff,
        internal=internal,
        note=note,
        due_on=application.due_on,
        created_at=clock.now(),
    )
    audit_record(
        actor=actor,
        action=f"applications.{kind}",
        obj=application,
        institution=application.institution,
        changes={"state": application.state, "due_on": application.due_on.isoformat() if application.due_on else None}
        | (changes or {}),
        context=context,
        object_repr=application.reference or "",
    )
    return event


def tell_applicant(application: Application, *, what: str, key: str | None = None, **extra: Any) -> None:
    """The applicant is told at every step, in plain words, with what happens next."""
    notify(
        recipient=application.applicant,
        template="applications_update",
        context={"what": what, "application": application, **extra},
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
