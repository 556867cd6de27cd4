"""The applicant's writes: start a draft, save answers and files, submit and get a receipt."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Assurance
from accounts.selectors import require_assurance
from applications.formlogic import is_empty, to_json, visible_fields
from applications.models import (
    Application,
    ApplicationFile,
    ApplicationState,
    EventKind,
    FieldKind,
    FormField,
    FormStep,
)
from applications.selectors import form_published
from applications.services.common import (
    calendar_for,
    event_add,
    fire,
    lock,
    tell_applicant,
)
from applications.stepform import StepPage
from audit.services import SYSTEM, Context
from core import clock
from core.images import reencode_image
from core.references import reference_next
from core.registry import may_act_for
from core.validators import sniff
from procedures.models import Channel, ProcedureState


def _expiry() -> Any:
    return clock.today() + timedelta(days=settings.APPLICATION_DRAFT_DAYS)


def _mine(actor: Any, application: Application) -> None:
    """The applicant, or an agent filing for them at a desk with their consent of the day."""
    if getattr(actor, "pk", None) != application.applicant_id and not may_act_for(actor, application.applicant):
        raise PermissionDenied


def _draft(actor: Any, application: Application) -> None:
    _mine(actor, application)
    if application.state != ApplicationState.DRAFT:
        raise ValidationError(_("This application was already sent; it can no longer be changed."))


@transaction.atomic
def application_start(*, actor: Any, procedure: Any, applicant: Any = None) -> tuple[Application, bool]:
    """Open a draft, or return the person's draft for this procedure (lost drafts make duplicates).

    Online the person applies for themselves from an account with a confirmed address; at a desk an agent opens it
    for the person in front of them (``applicant``), with their consent of the day."""
    if applicant is None or getattr(applicant, "pk", None) == getattr(actor, "pk", None):
        require_assurance(actor, Assurance.EMAIL_VERIFIED)
        applicant = actor
    elif not may_act_for(actor, applicant):
        raise PermissionDenied
    if procedure.state != ProcedureState.PUBLISHED or procedure.channel == Channel.OFFICE:
        raise PermissionDenied
    form = form_published(procedure)
    if form is None:
        raise PermissionDenied
    existing = Application.objects.filter(
        applicant=applicant, procedure=procedure, state=ApplicationState.DRAFT
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            application = Application.objects.create(
                procedure=procedure,
                form=form,
                institution=procedure.institution,
                department=procedure.department,
                applicant=applicant,
                expires_on=_expiry(),
            )
    except IntegrityError:  # a second click raced the first: one draft per person and procedure
        return Application.objects.get(applicant=applicant, procedure=procedure, state=ApplicationState.DRAFT), False
    return application, True


def form_fields(application: Application) -> list[FormField]:
    return list(
        FormField.objects.filter(step__form=application.form_id)
        .select_related("step", "document")
        .order_by("step__position", "step__pk", "position", "pk")
    )


@transaction.atomic
def draft_save(*, actor: Any, application: Application, step: Any, answers: dict[str, Any], done: bool) -> Application:
    """Keep a step's answers; ``done`` marks the step completed on the task list."""
    lock(application)
    _draft(actor, application)
    keys = {f.key for f in form_fields(application) if f.step_id == step.pk and f.kind != FieldKind.FILE}
    merged = dict(application.answers)
    for key in keys:
        if key in answers:
            if is_empty(answers[key]):
                merged.pop(key, None)
            else:
                merged[key] = answers[key]
    application.answers = merged
    steps = set(application.steps_done)
    if done:
        steps.add(step.pk)
    else:
        steps.discard(step.pk)
    application.steps_done = sorted(steps)
    application.expires_on = _expiry()
    application.save(update_fields=["answers", "steps_done", "expires_on", "updated_at"])
    return application


@dataclass
class StepSaved:
    """What became of a posted step: ``valid`` when every answer passed its checks; ``revealed_open`` the
    required questions a choice just revealed and that are still unanswered (the step is not done yet)."""

    valid: bool
    revealed_open: list[FormField]


@transaction.atomic
def draft_step_save(*, actor: Any, application: Application, step: FormStep, page: StepPage, later: bool) -> StepSaved:
    """Keep a posted step in one transaction: its files that passed the checks, then its answers.

    "Save and continue" (``later`` false) marks the step done only when everything is valid and no revealed
    question is left open; an invalid post keeps the valid files and saves no answer (the page comes back with
    its errors). "Save and come back later" keeps whatever is valid.
    """
    lock(application)
    form = page.form
    valid = form.is_valid()
    # Whatever was uploaded and passed the checks is kept, even when another answer needs fixing.
    for field in page.fields:
        upload = form.cleaned_data.get(field.key) if field.kind == FieldKind.FILE else None
        if not isinstance(upload, UploadedFile):
            continue
        try:
            draft_attach(actor=actor, application=application, field=field, upload=upload)
        except ValidationError as exc:
            form.add_error(field.key, exc)
            valid = False
    if not valid and not later:
        return StepSaved(valid=False, revealed_open=[])
    answers = {
        f.key: to_json(f, form.cleaned_data.get(f.key))
        for f in page.fields
        if f.kind != FieldKind.FILE and f.key in form.cleaned_data
    }
    revealed_open = _revealed_open(application, page.revealed, answers)
    draft_save(
        actor=actor, application=application, step=step, answers=answers, done=not later and valid and not revealed_open
    )
    return StepSaved(valid=valid, revealed_open=revealed_open)


def _revealed_open(application: Application, revealed: list[FormField], answers: dict[str, Any]) -> list[FormField]:
    """The required questions among ``revealed`` that have no answer (or no file) yet."""
    uploaded = set(application.files.values_list("field_key", flat=True))
    return [
        f
        for f in revealed
        if f.required and (f.key not in uploaded if f.kind == FieldKind.FILE else is_empty(answers.get(f.key)))
    ]


def _clean_upload(upload: UploadedFile) -> tuple[ContentFile, str]:
    """The upload's content checked by its first bytes; images re-encoded without metadata."""
    upload.seek(0)
    data = upload.read()
    kind = sniff(data[:16]) or "csv"
    if kind in ("jpeg", "png", "webp"):
        data = reencode_image(data, kind)
    base = os.path.splitext(os.path.basename(upload.name or "document"))[0][:80] or "document"
    extension = {"jpeg": "jpg"}.get(kind, kind)
    return ContentFile(data, name=f"{base}.{extension}"), kind


def _store(application: Application, *, key: str, document: Any, upload: UploadedFile) -> ApplicationFile:
    content, kind = _clean_upload(upload)
    previous = ApplicationFile.objects.filter(application=application, field_key=key).first()
    if previous is not None:
        _forget(previous)
    return ApplicationFile.objects.create(
        application=application,
        field_key=key,
        document=document,
        file=content,
        original_name=(upload.name or content.name or "document")[:200],
        kind=kind,
        size=content.size,
        uploaded_at=clock.now(),
    )


@transaction.atomic
def draft_attach(*, actor: Any, application: Application, field: FormField, upload: UploadedFile) -> ApplicationFile:
    """Keep an uploaded document with the draft (already checked by type and size in the form)."""
    lock(application)
    _draft(actor, application)
    if field.kind != FieldKind.FILE or field.step.form_id != application.form_id:
        raise PermissionDenied
    stored = _store(application, key=field.key, document=field.document, upload=upload)
    Application.objects.filter(pk=application.pk).update(expires_on=_expiry())
    return stored


@transaction.atomic
def draft_detach(*, actor: Any, application: Application, key: str) -> None:
    lock(application)
    _draft(actor, application)
    for stored in ApplicationFile.objects.filter(application=application, field_key=key):
        _forget(stored)


@transaction.atomic
def draft_delete(*, actor: Any, application: Application) -> None:
    lock(application)
    _draft(actor, application)
    _delete_draft(application)


def _forget(stored: ApplicationFile) -> None:
    """Delete the row now and the file once the transaction commits (a rollback keeps both)."""
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _delete_draft(application: Application) -> None:
    for stored in application.files.all():
        _forget(stored)
    application.delete()


def missing_answers(application: Application, fields: list[FormField] | None = None) -> list[FormField]:
    """Questions still to answer before the application can be sent."""
    fields = fields if fields is not None else form_fields(application)
    uploaded = set(application.files.values_list("field_key", flat=True))
    missing = []
    for field in visible_fields(fields, application.answers):
        if not field.required:
            continue
        if field.kind == FieldKind.FILE:
            if field.key not in uploaded:
                missing.append(field)
        elif is_empty(application.answers.get(field.key)):
            missing.append(field)
    return missing


@transaction.atomic
def application_submit(*, actor: Any, application: Application, context: Context = SYSTEM) -> tuple[Application, bool]:
    """Send the application; returns (application, sent now). A second press sends nothing twice."""
    lock(application)
    _mine(actor, application)
    if application.state != ApplicationState.DRAFT:
        return application, False
    if application.procedure.state != ProcedureState.PUBLISHED:
        raise ValidationError(
            _("The institution no longer offers this procedure online. Your draft is kept; contact the institution.")
        )
    fields = form_fields(application)
    missing = missing_answers(application, fields)
    if missing:
        raise ValidationError(
            _("Some questions still need an answer: %(labels)s.") % {"labels": ", ".join(f.label for f in missing)}
        )
    shown = {f.key for f in visible_fields(fields, application.answers)}
    # Answers to questions that no longer apply are not sent, nor are their files.
    application.answers = {k: v for k, v in application.answers.items() if k in shown}
    for stored in application.files.exclude(field_key__in=shown):
        _forget(stored)
    application.state = fire(actor, application, "submit")
    today = clock.today()
    procedure = application.procedure
    deadline = calendar_for(application).deadline(today, procedure.max_rule)
    application.reference = reference_next(prefix="DEM", code=application.institution.short_code, year=today.year)
    application.submitted_at = clock.now()
    application.received_on = today
    application.due_on = deadline.due
    application.clock_unit = procedure.max_unit
    application.silence_applies = procedure.silence_is_acceptance
    application.expires_on = None
    application.save()
    event_add(application=application, kind=EventKind.SUBMITTED, actor=actor, by_staff=False, context=context)
    tell_applicant(application, what="received", key=f"app-received:{application.pk}")
    # Officers are not messaged for each new application (hundreds a day at a large commune): they work from the
    # queue; they are told when a case of theirs needs them (documents arrived, a deadline near or passed).
    return application, True
