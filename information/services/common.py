"""Helpers the information services share: rules, calendar, public copy, timeline events."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from accounts.permissions import has_role
from audit.services import SYSTEM, Context
from cases.engine import CaseType
from core import clock
from core.calendar import DeadlineRule, DurationUnit, WorkingCalendar
from core.redaction import redact, redaction_patterns
from core.states import Guard, transitions
from information.deadlines import Rules
from information.models import InformationDeadline, InformationRequest, RequestEvent, RequestState
from institutions.models import Institution
from institutions.selectors import working_calendar

OFFICER = Role.INFORMATION_OFFICER.value
REQUESTER = "requester"
S = RequestState


def _never_extended(request: InformationRequest) -> bool:
    return request.extended_on is None


def _deadline_not_passed(request: InformationRequest) -> bool:
    return request.due_on is not None and clock.today() <= request.due_on


ONCE = Guard(
    _never_extended,
    gettext_lazy("This request was already extended once; the law allows one extension."),
    "never extended",
)
BEFORE_DEADLINE = Guard(
    _deadline_not_passed,
    gettext_lazy("The deadline has passed: an extension must be announced before it."),
    "before the deadline",
)

# Who may move a request from which state, and where it goes (law 31-13; domain rules §2).
MACHINE = transitions(
    [
        (S.SUBMITTED, "assign", S.IN_PROGRESS, [OFFICER]),
        (S.IN_PROGRESS, "assign", S.IN_PROGRESS, [OFFICER]),
        (S.SUBMITTED, "clarify", S.AWAITING_CLARIFICATION, [OFFICER]),
        (S.IN_PROGRESS, "clarify", S.AWAITING_CLARIFICATION, [OFFICER]),
        (S.AWAITING_CLARIFICATION, "clarification_answer", S.IN_PROGRESS, [REQUESTER]),
        (S.SUBMITTED, "extend", S.IN_PROGRESS, [OFFICER], [ONCE, BEFORE_DEADLINE]),
        (S.IN_PROGRESS, "extend", S.IN_PROGRESS, [OFFICER], [ONCE, BEFORE_DEADLINE]),
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


def role_of(actor: User, request: InformationRequest) -> str | None:
    """The role the actor holds on this request: the requester, the institution's officer, or none."""
    if getattr(actor, "pk", None) == request.requester_id:
        return REQUESTER
    if has_role(actor, request.institution, [Role.INFORMATION_OFFICER]):
        return OFFICER
    return None


CASE: CaseType[InformationRequest] = CaseType(
    name="information",
    model=InformationRequest,
    machine=MACHINE,
    role_of=role_of,
    event_model=RequestEvent,
    case_field="request",
    audit_prefix="information",
    initial=S.SUBMITTED,
    final=(S.CLOSED, S.WITHDRAWN),
    describe=lambda request: str(request),
    docs="docs/information.md",
)


def rules() -> Rules:
    table = {row.kind: DeadlineRule(row.duration, DurationUnit(row.unit)) for row in InformationDeadline.objects.all()}
    return Rules(table)


def calendar_for(institution: Institution) -> WorkingCalendar:
    return working_calendar(institution=institution)


def fire(actor: User | None, request: InformationRequest, action: str) -> str:
    """The next state, or PermissionDenied / InvalidTransition / ValidationError (a guard)."""
    return CASE.fire(actor, request, action)


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
    return CASE.lock(request)


def refresh_public_copy(request: InformationRequest) -> None:
    """Mask the requester's details, other people's identifiers and the passages staff marked in everything
    published."""
    patterns = patterns_for(request)
    request.public_subject = redact(request.subject, patterns)[:255]
    request.public_body = redact(request.body, patterns)
    request.public_answer = redact(request.answer_text, patterns)
    request.public_suggested_holder = redact(request.suggested_holder, patterns)[:255]
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
    actor: User | None,
    by_staff: bool,
    note: str = "",
    deadline: dict[str, Any] | None = None,
    context: Context = SYSTEM,
    changes: dict[str, Any] | None = None,
) -> RequestEvent:
    """One timeline step and its audit event, in the caller's transaction (the note's public copy masked)."""
    event = CASE.record(
        case=request,
        kind=kind,
        actor=actor,
        context=context,
        by_staff=by_staff,
        note=note,
        changes=changes,
        on_date=clock.today(),
        institution=request.institution,
        public_note=redact(note, patterns_for(request)) if note else "",
        deadline=deadline or {},
    )
    # The details to mask only grow (see remember_details); keep them with the request.
    InformationRequest.objects.filter(pk=request.pk).update(masked_details=request.masked_details)
    return event  # type: ignore[return-value]
