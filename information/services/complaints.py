"""Complaints to the head of the body (law 31-13, art. 19), tracked like the request."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context
from core import clock
from core.redaction import redact
from information.deadlines import explain, is_overdue
from information.models import (
    Complaint,
    ComplaintDecision,
    ComplaintState,
    EventKind,
    InformationRequest,
    Outcome,
    RequestState,
)
from information.services.common import calendar_for, event_add, lock, patterns_for, rules
from information.services.notices import tell_requester


def complaint_window(request: InformationRequest, *, today: date | None = None) -> tuple[date, date] | None:
    """(from, until) when the requester may complain, or None when they may not (yet).

    After a refusal, a partial answer or "not held"; or after silence past the due date. The
    window counts from the answer, or from the missed due date itself: the event is day zero and
    is never counted (domain rules §3), so the day after the due date is already day 1.
    """
    today = today or clock.today()
    if hasattr(request, "complaint"):
        return None
    start: date | None = None
    if request.state in (RequestState.ANSWERED, RequestState.CLOSED) and request.outcome in (
        Outcome.PARTIAL,
        Outcome.REFUSED,
        Outcome.NOT_HELD,
    ):
        start = request.answered_on
    elif is_overdue(state=request.state, due_on=request.due_on, today=today):
        assert request.due_on is not None
        start = request.due_on
    if start is None:
        return None
    until = calendar_for(request.institution).deadline(start, rules()["complaint_window"]).due
    if today > until:
        return None
    return start, until


@transaction.atomic
def complaint_file(*, actor: Any, request: InformationRequest, body: str, context: Context = SYSTEM) -> Complaint:
    if actor.pk != request.requester_id:
        raise PermissionDenied
    lock(request)
    if not body.strip():
        raise ValidationError({"body": _("Say what you contest and what you ask the head of the body to do.")})
    today = clock.today()
    window = complaint_window(request, today=today)
    if window is None:
        raise ValidationError(_("A complaint to the head of the body is not possible for this request now."))
    deadline = calendar_for(request.institution).deadline(today, rules()["complaint_answer"])
    complaint = Complaint.objects.create(
        request=request,
        institution=request.institution,
        body=body.strip(),
        public_body=redact(body.strip(), patterns_for(request)),
        filed_on=today,
        due_on=deadline.due,
        deadline=explain(deadline, why="complaint"),
    )
    event_add(
        request=request,
        kind=EventKind.COMPLAINT_FILED,
        actor=actor,
        by_staff=False,
        note=body.strip(),
        deadline=complaint.deadline,
        context=context,
    )
    tell_requester(request, what="complaint_filed", complaint=complaint)
    return complaint


@transaction.atomic
def complaint_answer(
    *, actor: Any, complaint: Complaint, decision: str, text: str, context: Context = SYSTEM
) -> Complaint:
    """The head of the body (a decision-maker of the institution) answers."""
    if not has_role(actor, complaint.institution, [Role.DECISION_MAKER]):
        raise PermissionDenied
    Complaint.objects.select_for_update().filter(pk=complaint.pk).values_list("pk", flat=True).first()
    complaint.refresh_from_db()
    if complaint.state != ComplaintState.SUBMITTED:
        raise ValidationError(_("This complaint has already been answered."))
    errors = {}
    if decision not in ComplaintDecision.values:
        errors["decision"] = _("Choose the decision.")
    if not text.strip():
        errors["text"] = _("Write the answer with its reasons.")
    if errors:
        raise ValidationError(errors)
    request = complaint.request
    complaint.state = ComplaintState.ANSWERED
    complaint.decision = decision
    complaint.answer_text = text.strip()
    complaint.public_answer = redact(text.strip(), patterns_for(request))
    complaint.answered_on = clock.today()
    complaint.answered_by = actor
    complaint.save()
    event_add(
        request=request,
        kind=EventKind.COMPLAINT_ANSWERED,
        actor=actor,
        by_staff=True,
        note=text.strip(),
        context=context,
        changes={"decision": decision, "on_time": complaint.answered_on <= complaint.due_on},
    )
    tell_requester(request, what="complaint_answered", complaint=complaint)
    return complaint
