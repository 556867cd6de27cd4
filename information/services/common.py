"""Helpers the information services share: rules, calendar, public copy, timeline events."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from core import clock
from core.calendar import DeadlineRule, DurationUnit, WorkingCalendar
from core.db import lock_and_reload
from core.redaction import redact, redaction_patterns
from core.states import transitions
from information.deadlines import Rules
from information.models import InformationDeadline, InformationRequest, RequestEvent, RequestState
from institutions.selectors import working_calendar

OFFICER = Role.INFORMATION_OFFICER.value
REQUESTER = "requester"
S = RequestState

# Who may move a request from which state, and where it goes (law 31-13; domain rules §2).
MACHINE = transitions(
    [
        (S.SUBMITTED, "assign", S.IN_PROGRESS, [OFFICER]),
        (S.IN_PROGRESS, "assign", S.IN_PROGRESS, [OFFICER]),
        (S.SUBMITTED, "clarify", S.AWAITING_CLARIFICATION, [OFFICER]),
        (S.IN_PROGRESS, "clarify", S.AWAITING_CLARIFICATION, [OFFICER]),
        (S.AWAITING_CLARIFICATION, "clarification_answer", S.IN_PROGRESS, [REQUESTER]),
        (S.SUBMITTED, "extend", S.IN_PROGRESS, [OFFICER]),
        (S.IN_PROGRESS, "extend", S.IN_PROGRESS, [OFFICER]),
        (S.SUBMITTED, "transfer", S.SUBMITTED, [OFFICER]),
        (S.IN_PROGRESS, "transfer", S.SUBMITTED, [OFFICER]),
        (S.SUBMITTED, "answer", S.ANSWERED, [OFFICER]),
        (S.IN_PROGRESS, "answer", S.ANSWERED, [OFFICER]),
        (S.ANSWERED, "close", S.CLOSED, [OFFICER]),
        (S.SUBMITTED, "withdraw", S.WITHDRAWN, [REQUESTER]),
        (S.IN_PROGRESS, "withdraw", S.WITHDRAWN, [REQUESTER]),
        (S.AWAITING_CLARIFICATION, "withdraw", S.WITHDRAWN, [REQUESTER]),
    ]
)


def rules() -> Rules:
    table = {row.kind: DeadlineRule(row.duration, DurationUnit(row.unit)) for row in InformationDeadline.objects.all()}
    return Rules(table)


def calendar_for(institution: Any) -> WorkingCalendar:
    return working_calendar(institution=institution)


def role_of(actor: Any, request: InformationRequest) -> str | None:
    """The role the actor holds on this request: the requester, the institution's officer, or none."""
    if getattr(actor, "pk", None) == request.requester_id:
        return REQUESTER
    if has_role(actor, request.institution, [Role.INFORMATION_OFFICER]):
        return OFFICER
    return None


def fire(actor: Any, request: InformationRequest, action: str) -> str:
    """The next state, or PermissionDenied / InvalidTransition."""
    role = role_of(actor, request)
    if role is None:
        raise PermissionDenied
    return MACHINE.fire(request.state, action, role=role)


DETAIL_KINDS = ("names", "emails", "phones", "addresses")


def remember_details(request: InformationRequest) -> None:
    """Add the requester's current details to the ones masked in this request's public copy.

    Details are only ever added: an old phone number or an erased account's name stays masked.
    """
    person = request.requester
    current = {
        "names": [person.full_name],
        "emails": [] if person.erased_at else [person.email],
        "phones": [person.phone],
        "addresses": [request.postal_address],
    }
    known = request.masked_details or {}
    request.masked_details = {
        kind: sorted({*known.get(kind, []), *(v.strip() for v in current[kind] if v and v.strip())})
        for kind in DETAIL_KINDS
    }


def patterns_for(request: InformationRequest) -> list[Any]:
    remember_details(request)
    details = request.masked_details
    return redaction_patterns(
        names=details["names"],
        emails=details["emails"],
        phones=details["phones"],
        addresses=details["addresses"],
        passages=request.redactions.splitlines(),
    )


def lock(request: InformationRequest) -> InformationRequest:
    """Lock the request's row for the rest of the transaction and reload it (two officers, one request)."""
    return lock_and_reload(request)


def refresh_public_copy(request: InformationRequest) -> None:
    """Mask the requester's details (and the passages staff marked) in everything published."""
    patterns = patterns_for(request)
    request.public_subject = redact(request.subject, patterns)[:255]
    request.public_body = redact(request.body, patterns)
    request.public_answer = redact(request.answer_text, patterns)
    if not request.pk:
        return
    for event in request.events.all():
        public = redact(event.note, patterns) if event.note else ""
        if public != event.public_note:
            event.public_note = public
            event.save(update_fields=["public_note"])
    complaint = getattr(request, "complaint", None)
    if complaint is not None:
        complaint.public_body = redact(complaint.body, patterns)
        complaint.public_answer = redact(complaint.answer_text, patterns)
        complaint.save(update_fields=["public_body", "public_answer"])


def event_add(
    *,
    request: InformationRequest,
    kind: str,
    actor: Any,
    by_staff: bool,
    note: str = "",
    deadline: dict[str, Any] | None = None,
    context: Context = SYSTEM,
    changes: dict[str, Any] | None = None,
) -> RequestEvent:
    """One timeline step and its audit event, in the caller's transaction."""
    event = RequestEvent.objects.create(
        request=request,
        kind=kind,
        created_at=clock.now(),
        on_date=clock.today(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        institution=request.institution,
        by_staff=by_staff,
        note=note,
        public_note=redact(note, patterns_for(request)) if note else "",
        due_on=request.due_on,
        deadline=deadline or {},
    )
    # The details to mask only grow (see remember_details); keep them with the request.
    InformationRequest.objects.filter(pk=request.pk).update(masked_details=request.masked_details)
    audit_record(
        actor=actor,
        action=f"information.{kind}",
        obj=request,
        institution=request.institution,
        changes={"state": request.state, "due_on": request.due_on.isoformat() if request.due_on else None}
        | (changes or {}),
        context=context,
    )
    return event
