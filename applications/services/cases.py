"""The case officer's writes and the applicant's answer to a request for documents (law 55-19)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.permissions import has_role
from applications.documents import decision_texts
from applications.models import Application, EventKind, Outcome
from applications.models.cases import code
from applications.services.applying import _store
from applications.services.common import (
    CASE,
    OFFICER,
    TALK_STATES,
    add_days,
    calendar_for,
    days_left,
    event_add,
    fire,
    lock,
    role_of,
    tell_applicant,
    tell_officers,
)
from audit.services import SYSTEM, Context
from core import clock
from core.states import CLOCK


def _officer(actor: User, application: Application) -> None:
    if role_of(actor, application) != OFFICER:
        raise PermissionDenied


@transaction.atomic
def case_take(*, actor: Any, application: Application, assignee: Any = None, context: Context = SYSTEM) -> None:
    """Take the case (or give it to another case officer of the institution)."""
    lock(application)
    application.state = fire(actor, application, "take")
    assignee = assignee or actor
    if assignee.pk == application.applicant_id or not has_role(assignee, application.institution, [Role.CASE_OFFICER]):
        raise ValidationError({"assignee": _("Choose a case officer of this institution.")})
    first = application.assignee_id is None
    application.assignee = assignee
    application.save(update_fields=["state", "assignee", "updated_at"])
    event_add(
        application=application,
        kind=EventKind.TAKEN,
        actor=actor,
        by_staff=True,
        context=context,
        changes={"assignee": f"user {assignee.public_id}"},
    )
    if first:
        tell_applicant(application, what="taken", key=f"app-taken:{application.pk}")


@transaction.atomic
def case_request_documents(
    *, actor: Any, application: Application, documents: list[Any], message: str, context: Context = SYSTEM
) -> None:
    """Ask for missing documents: once, only those the procedure lists; the clock stops until they come."""
    lock(application)
    _officer(actor, application)
    new_state = fire(actor, application, "request_documents")  # once, and not after silence (the guards)
    today = clock.today()
    if application.due_on and today > application.due_on:
        raise ValidationError(_("The deadline has passed: decide on the application as it is."))
    listed = {d.pk for d in application.procedure.documents.all()}
    if not documents or any(d.pk not in listed for d in documents):
        raise ValidationError({"documents": _("Choose one or more of the documents this procedure lists.")})
    if not message.strip():
        raise ValidationError({"message": _("Explain what is missing, in plain words.")})
    application.state = new_state
    application.missing_requested = True
    application.missing_documents = [d.pk for d in documents]
    application.paused_on = today
    application.save(update_fields=["state", "missing_requested", "missing_documents", "paused_on", "updated_at"])
    event_add(
        application=application,
        kind=EventKind.DOCUMENTS_REQUESTED,
        actor=actor,
        by_staff=True,
        note=message.strip(),
        context=context,
        changes={"documents": application.missing_documents},
    )
    tell_applicant(application, what="documents_requested", key=f"app-missing:{application.pk}", message=message)


@transaction.atomic
def case_complete(
    *, actor: Any, application: Application, uploads: dict[int, UploadedFile], note: str = "", context: Context = SYSTEM
) -> None:
    """The applicant sends the missing documents; the clock restarts with the days that were left."""
    lock(application)
    # A document the institution removed from the procedure since asking can no longer be asked for.
    documents = {d.pk: d for d in application.procedure.documents.filter(pk__in=application.missing_documents)}
    if set(uploads) != set(documents):
        raise ValidationError(_("Attach each document that was requested."))
    application.state = fire(actor, application, "complete")
    for pk, upload in uploads.items():
        _store(application, key=f"missing-{pk}", document=documents.get(pk), upload=upload)
    cal = calendar_for(application)
    unit = application.clock_unit or application.procedure.max_unit
    today = clock.today()
    if application.paused_on and application.due_on:
        left = days_left(cal, unit, application.paused_on, application.due_on)
        application.due_on = add_days(cal, unit, today, left)
        application.paused_days += (today - application.paused_on).days
    application.paused_on = None
    application.save(update_fields=["state", "due_on", "paused_on", "paused_days", "updated_at"])
    event_add(
        application=application,
        kind=EventKind.DOCUMENTS_SENT,
        actor=actor,
        by_staff=False,
        note=note.strip(),
        context=context,
    )
    tell_applicant(application, what="documents_received", key=f"app-completed:{application.pk}")
    tell_officers(application, what="completed", key=f"app-completed-officer:{application.pk}")


@transaction.atomic
def case_note(*, actor: Any, application: Application, note: str, context: Context = SYSTEM) -> None:
    """An internal note: staff only, never shown to the applicant."""
    lock(application)
    _officer(actor, application)
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")})
    event_add(
        application=application,
        kind=EventKind.NOTE,
        actor=actor,
        by_staff=True,
        internal=True,
        note=note.strip(),
        context=context,
    )


@transaction.atomic
def case_message(*, actor: Any, application: Application, message: str, context: Context = SYSTEM) -> None:
    """A message to the applicant, kept in the case's history."""
    lock(application)
    _officer(actor, application)
    if application.state not in TALK_STATES:
        raise ValidationError(_("This case is closed."))
    if not message.strip():
        raise ValidationError({"message": _("Write the message.")})
    event = event_add(
        application=application,
        kind=EventKind.MESSAGE,
        actor=actor,
        by_staff=True,
        note=message.strip(),
        context=context,
    )
    tell_applicant(application, what="message", key=f"app-message:{event.pk}", message=message)


def _decide(application: Application, *, actor: Any, outcome: str, note: str, appeal: str = "") -> None:
    application.outcome = outcome
    application.decided_on = clock.today()
    application.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    application.decision_note = note
    application.appeal_route = appeal
    application.paused_on = None
    if application.received_on:
        # The time the institution took: the days spent waiting for the applicant's documents do not count.
        application.decision_days = max(
            (application.decided_on - application.received_on).days - application.paused_days, 0
        )
    application.decided_on_time = outcome != Outcome.TACIT and bool(
        application.due_on and application.decided_on <= application.due_on
    )
    procedure = application.procedure
    if outcome == Outcome.ACCEPTED:
        application.decision_texts = decision_texts(application)
    application.decision_signatory = procedure.signatory or application.institution.name
    application.decision_legal_basis = procedure.legal_basis
    while True:  # a clash of two random codes is very unlikely; never reuse one
        candidate = code()
        if not Application.objects.filter(verification_code=candidate).exists():
            application.verification_code = candidate
            break


@transaction.atomic
def case_accept(*, actor: Any, application: Application, note: str = "", context: Context = SYSTEM) -> None:
    """Accept: the decision document is issued, with a code anyone can verify."""
    lock(application)
    application.state = fire(actor, application, "accept")
    _decide(application, actor=actor, outcome=Outcome.ACCEPTED, note=note.strip())
    application.save()
    event_add(
        application=application, kind=EventKind.ACCEPTED, actor=actor, by_staff=True, note=note.strip(), context=context
    )
    tell_applicant(application, what="accepted", key=f"app-decided:{application.pk}")


@transaction.atomic
def case_refuse(
    *, actor: Any, application: Application, motivation: str, appeal_route: str, context: Context = SYSTEM
) -> None:
    """Refuse with the reasons (law 55-19: refusals are reasoned) and the route of appeal."""
    lock(application)
    errors = {}
    if len(motivation.strip()) < 20:
        errors["motivation"] = _("Give the reasons for the refusal, in plain words (at least 20 characters).")
    if not appeal_route.strip():
        errors["appeal_route"] = _("Say how the applicant may appeal.")
    if errors:
        raise ValidationError(errors)
    application.state = fire(actor, application, "refuse")  # not after silence
    _decide(application, actor=actor, outcome=Outcome.REFUSED, note=motivation.strip(), appeal=appeal_route.strip())
    application.save()
    event_add(
        application=application,
        kind=EventKind.REFUSED,
        actor=actor,
        by_staff=True,
        note=motivation.strip(),
        context=context,
    )
    tell_applicant(application, what="refused", key=f"app-decided:{application.pk}")


@transaction.atomic
def case_close(*, actor: Any, application: Application, reason: str, context: Context = SYSTEM) -> None:
    """Close without action (for example the applicant gave up or never sent the documents)."""
    lock(application)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is closed.")})
    application.state = fire(actor, application, "close")  # not after silence
    application.decided_on = clock.today()
    application.decided_by = actor
    application.decision_note = reason.strip()
    application.paused_on = None
    # Closing without action is not a decision on the merits; closing a case already late still counts as late.
    application.decided_on_time = False if application.due_on and application.decided_on > application.due_on else None
    application.save()
    event_add(
        application=application, kind=EventKind.CLOSED, actor=actor, by_staff=True, note=reason.strip(), context=context
    )
    tell_applicant(application, what="closed", key=f"app-decided:{application.pk}")


@transaction.atomic
def case_tacit_accept(*, application: Application) -> bool:
    """The deadline passed without a decision on a procedure where silence means acceptance (fired by the clock)."""
    lock(application)
    if not CASE.machine.can_fire(application.state, "tacit", role=CLOCK, subject=application):
        return False
    application.state = fire(None, application, "tacit")
    assert application.due_on is not None
    _decide(application, actor=None, outcome=Outcome.TACIT, note="")
    application.decided_on = application.due_on + timedelta(days=1)  # accepted the day after the deadline
    application.decision_days = None  # silence is not a processing time
    application.save()
    event_add(application=application, kind=EventKind.TACITLY_ACCEPTED, actor=None, by_staff=False)
    tell_applicant(application, what="tacit", key=f"app-decided:{application.pk}")
    return True


def applications_tacit_sweep() -> int:
    """Mark every case whose silence became an acceptance; returns how many (the clock job runs this nightly)."""
    return CASE.sweep().get("applications.tacit", 0)
