"""The life of an information request, from receipt to closure (law 31-13, art. 14-19)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.models import Assurance, Role
from accounts.permissions import has_role
from accounts.selectors import require_assurance
from audit.models import Channel
from audit.services import SYSTEM, Context
from core import clock
from core.references import reference_next
from core.registry import may_act_for
from information.deadlines import explain, long_due, resume
from information.models import (
    AnswerFile,
    EventKind,
    InformationRequest,
    Outcome,
    RequestFollower,
)
from information.services.common import calendar_for, event_add, fire, lock, refresh_public_copy, rules
from information.services.notices import tell_followers, tell_requester

COUNTERS = {"followers_count", "wants_count"}


def _save(request: InformationRequest) -> None:
    """Save every field but the counters, which other requests update with F() expressions."""
    fields = [f.name for f in request._meta.concrete_fields if not f.primary_key and f.name not in COUNTERS]
    request.save(update_fields=fields)


def _set_due(request: InformationRequest, *, start: Any, why: str) -> dict[str, Any]:
    """Start the answer clock on ``start`` (receipt or transfer); the explanation for the timeline."""
    cal = calendar_for(request.institution)
    rule = rules().answer(urgent=request.urgent)
    deadline = cal.deadline(start, rule)
    request.due_on = deadline.due
    request.long_due_on = long_due(cal, deadline.due, rule)
    return explain(deadline, why=why)


def _requester(actor: Any, requester: Any, context: Context) -> Any:
    """Who files: the person themselves, from an account with a confirmed address; or, at a Citizen Office desk,
    the person in front of an agent (``context.channel`` "desk", ``context.acting_for``) who gave the agent their
    consent of the day (core.registry.may_act_for): present, they need no confirmed address."""
    if requester is None or getattr(requester, "pk", None) == getattr(actor, "pk", None):
        require_assurance(actor, Assurance.EMAIL_VERIFIED)
        return actor
    if context.channel != Channel.DESK or context.acting_for != requester or not may_act_for(actor, requester):
        raise PermissionDenied
    return requester


@transaction.atomic
def request_submit(
    *,
    actor: Any,
    institution: Any,
    subject: str,
    body: str,
    delivery_format: str,
    postal_address: str = "",
    urgent: bool = False,
    urgency_reason: str = "",
    is_public: bool = True,
    submission_key: uuid.UUID | None = None,
    requester: Any = None,
    context: Context = SYSTEM,
) -> tuple[InformationRequest, bool]:
    """File a request; returns (request, created). The same submission key files it once. At a desk an agent files
    for the person in front of them (``requester``; see ``_requester``)."""
    requester = _requester(actor, requester, context)
    if not institution.on_platform:
        raise PermissionDenied
    if submission_key is not None:
        existing = InformationRequest.objects.filter(requester=requester, submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    if urgent and not urgency_reason.strip():
        raise ValidationError({"urgency_reason": _("Say why the request is urgent (life, safety or liberty).")})
    today = clock.today()
    request = InformationRequest(
        reference=reference_next(prefix="INF", code=institution.short_code, year=today.year),
        institution=institution,
        requester=requester,
        subject=subject.strip(),
        body=body.strip(),
        delivery_format=delivery_format,
        postal_address=postal_address.strip(),
        urgent=urgent,
        urgency_reason=urgency_reason.strip() if urgent else "",
        is_public=is_public,
        submission_key=submission_key,
        received_on=today,
        clock_started_on=today,
    )
    explanation = _set_due(request, start=today, why="received")
    refresh_public_copy(request)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:  # the same key raced in from a second click
        existing = InformationRequest.objects.filter(requester=requester, submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    event_add(
        request=request, kind=EventKind.SUBMITTED, actor=actor, by_staff=False, deadline=explanation, context=context
    )
    tell_requester(request, what="received", key=f"inf-received:{request.pk}")
    return request, True


@transaction.atomic
def request_assign(*, actor: Any, request: InformationRequest, assignee: Any, context: Context = SYSTEM) -> None:
    lock(request)
    request.state = fire(actor, request, "assign")
    if not has_role(assignee, request.institution, [Role.INFORMATION_OFFICER]):
        raise ValidationError({"assignee": _("Choose an information officer of this institution.")})
    first = request.assignee_id is None
    request.assignee = assignee
    request.save(update_fields=["state", "assignee", "updated_at"])
    event_add(
        request=request,
        kind=EventKind.ASSIGNED,
        actor=actor,
        by_staff=True,
        context=context,
        changes={"assignee": f"user {assignee.public_id}"},
    )
    if first:
        tell_requester(request, what="assigned")


@transaction.atomic
def request_clarify(*, actor: Any, request: InformationRequest, question: str, context: Context = SYSTEM) -> None:
    """Ask the requester to clarify: the clock stops until they answer."""
    lock(request)
    if not question.strip():
        raise ValidationError({"question": _("Write the question for the requester.")})
    request.state = fire(actor, request, "clarify")
    if request.due_on is not None and clock.today() > request.due_on:
        # Stopping a clock that has run out would erase the delay: answer instead.
        raise ValidationError(_("The deadline has passed: a clarification can no longer stop the clock. Answer."))
    request.paused_on = clock.today()
    request.save(update_fields=["state", "paused_on", "updated_at"])
    event_add(
        request=request, kind=EventKind.CLARIFICATION_REQUESTED, actor=actor, by_staff=True, note=question.strip()
    )
    tell_requester(request, what="clarification_requested", question=question.strip())
    tell_followers(request, what="clarification_requested")


@transaction.atomic
def request_clarification_answer(
    *, actor: Any, request: InformationRequest, answer: str, context: Context = SYSTEM
) -> None:
    """The requester answers; the working days that were left count again from today."""
    lock(request)
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer to the institution's question.")})
    request.state = fire(actor, request, "clarification_answer")
    today = clock.today()
    cal = calendar_for(request.institution)
    assert request.paused_on is not None and request.due_on is not None
    deadline, stood_still = resume(cal, paused_on=request.paused_on, due_on=request.due_on, resumed_on=today)
    request.due_on = deadline.due
    request.long_due_on = long_due(cal, deadline.due, rules().answer(urgent=request.urgent))
    request.paused_working_days += stood_still
    request.paused_on = None
    request.save(update_fields=["state", "due_on", "long_due_on", "paused_on", "paused_working_days", "updated_at"])
    event_add(
        request=request,
        kind=EventKind.CLARIFICATION_GIVEN,
        actor=actor,
        by_staff=False,
        note=answer.strip(),
        deadline=explain(deadline, why="resumed"),
        context=context,
    )
    tell_requester(request, what="clarification_given")


@transaction.atomic
def request_extend(*, actor: Any, request: InformationRequest, reason: str, context: Context = SYSTEM) -> None:
    """Extend once, by the same period, before the deadline passes, with reasons (art. 16)."""
    lock(request)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons: the requester reads them.")})
    # Once, and before the deadline: the state table's guards say so in the officer's words.
    request.state = fire(actor, request, "extend")
    today = clock.today()
    assert request.due_on is not None
    request.extended_on = today
    request.extension_reason = reason.strip()
    cal = calendar_for(request.institution)
    table = rules()
    deadline = cal.deadline(request.due_on, table.extension(urgent=request.urgent))
    request.due_on = deadline.due
    request.long_due_on = long_due(cal, deadline.due, table.answer(urgent=request.urgent))
    request.save(update_fields=["state", "extended_on", "extension_reason", "due_on", "long_due_on", "updated_at"])
    event_add(
        request=request,
        kind=EventKind.EXTENDED,
        actor=actor,
        by_staff=True,
        note=reason.strip(),
        deadline=explain(deadline, why="extended"),
        context=context,
    )
    tell_requester(request, what="extended", reason=reason.strip())
    tell_followers(request, what="extended")


@transaction.atomic
def request_transfer(
    *, actor: Any, request: InformationRequest, to: Any, reason: str, context: Context = SYSTEM
) -> None:
    """Send the request to the body that holds the information; its clock starts today."""
    lock(request)
    if to is None or to.pk == request.institution_id or not to.on_platform:
        raise ValidationError({"to": _("Choose another institution on the platform.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the requester why the request is transferred.")})
    request.state = fire(actor, request, "transfer")
    if request.due_on is not None and clock.today() > request.due_on:
        raise ValidationError(
            _("The deadline has passed: answer the requester, for example that the information is not held here.")
        )
    if hasattr(request, "complaint"):
        raise ValidationError(_("A complaint about this request is waiting for the head of the body: answer it first."))
    event_add(request=request, kind=EventKind.TRANSFERRED, actor=actor, by_staff=True, note=reason.strip())
    today = clock.today()
    request.transferred_from = request.institution
    request.institution = to
    request.clock_started_on = today
    request.assignee = None
    request.extended_on = None
    request.extension_reason = ""
    request.paused_working_days = 0
    explanation = _set_due(request, start=today, why="transferred")
    _save(request)
    # The receiving institution's timeline starts with its own receipt and due date.
    event_add(
        request=request,
        kind=EventKind.SUBMITTED,
        actor=actor,
        by_staff=True,
        deadline=explanation,
        context=context,
        changes={"from": request.transferred_from.short_code},
    )
    tell_requester(request, what="transferred", to=to, reason=reason.strip())
    tell_followers(request, what="transferred")


@transaction.atomic
def request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    outcome: str,
    text: str,
    refusal_ground: str = "",
    suggested_holder: str = "",
    files: Iterable[File] = (),
    publish_files: bool = False,
    context: Context = SYSTEM,
) -> None:
    """Answer in full, in part (grounds for what is withheld), refuse (with ground) or say it is not held."""
    lock(request)
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose what the answer is.")
    if outcome in (Outcome.PARTIAL, Outcome.REFUSED) and not refusal_ground:
        errors["refusal_ground"] = _("Cite the ground the law gives for what is withheld.")
    if not text.strip():
        errors["text"] = _("Write the answer: the requester reads it, and the public copy if the request is public.")
    if errors:
        raise ValidationError(errors)
    request.state = fire(actor, request, "answer")
    today = clock.today()
    cal = calendar_for(request.institution)
    request.outcome = outcome
    request.refusal_ground = refusal_ground if outcome in (Outcome.PARTIAL, Outcome.REFUSED) else ""
    request.suggested_holder = suggested_holder.strip() if outcome == Outcome.NOT_HELD else ""
    request.answer_text = text.strip()
    request.answered_on = today
    request.answered_working_days = max(
        0, cal.working_days_between(request.clock_started_on, today) - request.paused_working_days
    )
    request.answered_on_time = request.due_on is not None and today <= request.due_on
    request.publish_answer_files = publish_files
    for upload in files:
        AnswerFile.objects.create(request=request, file=upload, size=upload.size or 0)
    refresh_public_copy(request)
    _save(request)
    event_add(
        request=request,
        kind=EventKind.ANSWERED,
        actor=actor,
        by_staff=True,
        context=context,
        changes={"outcome": outcome, "ground": request.refusal_ground, "on_time": request.answered_on_time},
    )
    tell_requester(request, what="answered")
    tell_followers(request, what="answered")


@transaction.atomic
def request_close(*, actor: Any, request: InformationRequest, context: Context = SYSTEM) -> None:
    lock(request)
    request.state = fire(actor, request, "close")
    request.closed_on = clock.today()
    request.save(update_fields=["state", "closed_on", "updated_at"])
    event_add(request=request, kind=EventKind.CLOSED, actor=actor, by_staff=True, context=context)
    tell_requester(request, what="closed")


@transaction.atomic
def request_withdraw(*, actor: Any, request: InformationRequest, context: Context = SYSTEM) -> None:
    lock(request)
    request.state = fire(actor, request, "withdraw")
    request.closed_on = clock.today()
    request.save(update_fields=["state", "closed_on", "updated_at"])
    event_add(request=request, kind=EventKind.WITHDRAWN, actor=actor, by_staff=False, context=context)
    tell_requester(request, what="withdrawn")


@transaction.atomic
def request_redact(*, actor: Any, request: InformationRequest, passages: str, context: Context = SYSTEM) -> None:
    """Staff mark further passages to mask in the public copy; the original stays as written."""
    lock(request)
    if not has_role(actor, request.institution, [Role.INFORMATION_OFFICER]):
        raise PermissionDenied
    request.redactions = "\n".join(line.strip() for line in passages.splitlines() if line.strip())
    refresh_public_copy(request)
    request.save(
        update_fields=[
            "redactions",
            "public_subject",
            "public_body",
            "public_answer",
            "public_suggested_holder",
            "updated_at",
        ]
    )
    event_add(
        request=request,
        kind=EventKind.REDACTED,
        actor=actor,
        by_staff=True,
        context=context,
        changes={"passages": len(request.redactions.splitlines())},
    )


@transaction.atomic
def request_follow(*, actor: Any, request: InformationRequest, wants: bool = False) -> RequestFollower:
    """Follow a public request; "I want this too" also counts the person as wanting the answer."""
    if not request.is_public or actor.pk == request.requester_id:
        raise PermissionDenied
    follower, created = RequestFollower.objects.get_or_create(request=request, user=actor)
    counts: dict[str, Any] = {}
    if created:
        counts["followers_count"] = F("followers_count") + 1
    if wants and not follower.wants:
        follower.wants = True
        follower.save(update_fields=["wants"])
        counts["wants_count"] = F("wants_count") + 1
    if counts:
        InformationRequest.objects.filter(pk=request.pk).update(**counts)
    return follower


@transaction.atomic
def request_unfollow(*, actor: Any, request: InformationRequest) -> None:
    follower = RequestFollower.objects.filter(request=request, user=actor).first()
    if follower is None:
        return
    deleted, _rows = RequestFollower.objects.filter(pk=follower.pk).delete()
    if not deleted:  # a second click raced this one and already counted it
        return
    counts: dict[str, Any] = {"followers_count": F("followers_count") - 1}
    if follower.wants:
        counts["wants_count"] = F("wants_count") - 1
    InformationRequest.objects.filter(pk=request.pk).update(**counts)
