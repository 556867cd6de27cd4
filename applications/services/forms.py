"""The form builder's writes: steps and fields of a procedure's working version, and publishing it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from applications.formlogic import safe_pattern
from applications.models import FieldKind, FormField, FormStep, FormVersion
from applications.models.forms import CHOICE_KINDS
from audit.services import SYSTEM, Context, audit_record
from core.i18n import text_in

STEP_FIELDS = ["title_ar", "title_fr", "title_en", "position"]
FIELD_FIELDS = [
    "key",
    "kind",
    "label_ar",
    "label_fr",
    "label_en",
    "help_ar",
    "help_fr",
    "help_en",
    "required",
    "min_value",
    "max_value",
    "pattern",
    "choices_ar",
    "choices_fr",
    "choices_en",
    "prefill",
    "document",
    "condition_key",
    "condition_value",
    "position",
]


def _check(actor: Any, procedure: Any) -> None:
    if procedure.institution_id is None or not has_role(actor, procedure.institution, [Role.INSTITUTION_ADMIN]):
        raise PermissionDenied


def _copy(source: FormVersion, number: int) -> FormVersion:
    target = FormVersion.objects.create(procedure=source.procedure, number=number)
    for step in source.steps.prefetch_related("fields"):
        fields = list(step.fields.all())
        step.pk = None
        step.form = target
        step.save()
        for field in fields:
            field.pk = None
            field.step = step
        FormField.objects.bulk_create(fields)
    return target


@transaction.atomic
def form_working_version(*, actor: Any, procedure: Any) -> FormVersion:
    """The version staff edit: the unpublished one, else a copy of the published one as the next version."""
    _check(actor, procedure)
    draft = procedure.form_versions.filter(published_at__isnull=True).order_by("-number").first()
    if draft is not None:
        return draft
    latest = procedure.form_versions.order_by("-number").first()
    if latest is None:
        return FormVersion.objects.create(procedure=procedure, number=1)
    return _copy(latest, latest.number + 1)


def _audit(actor: Any, procedure: Any, action: str, changes: dict[str, Any], context: Context) -> None:
    audit_record(
        actor=actor,
        action=f"applications.form_{action}",
        obj=procedure,
        institution=procedure.institution,
        changes=changes,
        context=context,
    )


def _editable(actor: Any, procedure: Any, form: FormVersion) -> None:
    _check(actor, procedure)
    if form.procedure_id != procedure.pk or form.is_published:
        raise ValidationError(_("A published version cannot change; edit the next version."))


@transaction.atomic
def step_save(
    *,
    actor: Any,
    procedure: Any,
    form: FormVersion,
    step: FormStep | None = None,
    data: dict[str, Any],
    context: Context = SYSTEM,
) -> FormStep:
    _editable(actor, procedure, form)
    if step is None:
        step = FormStep(form=form, position=(form.steps.aggregate(m=Max("position"))["m"] or 0) + 1)
    elif step.form_id != form.pk:
        raise PermissionDenied
    for name in STEP_FIELDS:
        if name in data and data[name] is not None:
            setattr(step, name, data[name])
    step.save()
    _audit(actor, procedure, "step_saved", {"version": form.number, "step": text_in(step, "title", "fr")}, context)
    return step


@transaction.atomic
def step_delete(*, actor: Any, procedure: Any, form: FormVersion, step: FormStep, context: Context = SYSTEM) -> None:
    _editable(actor, procedure, form)
    if step.form_id != form.pk:
        raise PermissionDenied
    _audit(actor, procedure, "step_deleted", {"version": form.number, "step": text_in(step, "title", "fr")}, context)
    step.delete()


def _validate_field(form: FormVersion, field: FormField) -> None:
    errors: dict[str, str] = {}
    others = FormField.objects.filter(step__form=form).exclude(pk=field.pk)
    if others.filter(key=field.key).exists():
        errors["key"] = _("Another question of this form already uses this key.")
    elif field.key.startswith("missing-"):
        errors["key"] = _("Keys starting with “missing-” are reserved for documents requested later.")
    if field.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE) and not text_in(field, "choices", "fr").strip():
        errors["choices_fr"] = _("Give the options, one per line.")
    if field.kind == FieldKind.FILE:
        if field.document is None:
            errors["document"] = _("Choose which required document of the procedure this upload is for.")
        elif field.document.procedure_id != form.procedure_id:
            errors["document"] = _("Choose a document of this procedure.")
    elif field.document is not None:
        errors["document"] = _("Only a file question is linked to a document.")
    if field.pattern and not safe_pattern(field.pattern):
        errors["pattern"] = _("This pattern is not a valid regular expression.")
    if field.min_value is not None and field.max_value is not None and field.min_value > field.max_value:
        errors["max_value"] = _("The maximum must be at least the minimum.")
    if field.condition_key:
        source = others.filter(key=field.condition_key).first()
        if source is None or source.kind not in CHOICE_KINDS:
            errors["condition_key"] = _("Choose a choice or yes/no question of this form.")
        elif field.condition_value not in {value for value, _label in source.options()}:
            errors["condition_value"] = _("Choose one of that question's options.")
        elif (source.step.position, source.step_id, source.position, source.pk) > (
            field.step.position,
            field.step_id,
            field.position,
            field.pk or 10**9,
        ):
            errors["condition_key"] = _("A question can only depend on an earlier question.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def field_save(
    *,
    actor: Any,
    procedure: Any,
    form: FormVersion,
    step: FormStep,
    field: FormField | None = None,
    data: dict[str, Any],
    context: Context = SYSTEM,
) -> FormField:
    _editable(actor, procedure, form)
    if step.form_id != form.pk or (field is not None and field.step.form_id != form.pk):
        raise PermissionDenied
    if field is None:
        field = FormField(step=step, position=(step.fields.aggregate(m=Max("position"))["m"] or 0) + 1)
    field.step = step
    for name in FIELD_FIELDS:
        if name in data and (data[name] is not None or name in {"document", "min_value", "max_value"}):
            setattr(field, name, data[name])
    if not field.condition_key:
        field.condition_value = ""
    _validate_field(form, field)
    field.save()
    _audit(actor, procedure, "field_saved", {"version": form.number, "key": field.key, "kind": field.kind}, context)
    return field


@transaction.atomic
def field_delete(*, actor: Any, procedure: Any, form: FormVersion, field: FormField, context: Context = SYSTEM) -> None:
    _editable(actor, procedure, form)
    if field.step.form_id != form.pk:
        raise PermissionDenied
    dependants = FormField.objects.filter(step__form=form, condition_key=field.key)
    if dependants.exists():
        raise ValidationError(
            _("Other questions are shown depending on this one: %(labels)s. Change them first.")
            % {"labels": ", ".join(f.label for f in dependants)}
        )
    _audit(actor, procedure, "field_deleted", {"version": form.number, "key": field.key}, context)
    field.delete()


def _broken_conditions(fields: list[FormField]) -> list[FormField]:
    """Questions whose condition no longer holds together (its source moved, renamed, retyped or removed)."""
    ordered = sorted(fields, key=lambda f: (f.step.position, f.step_id, f.position, f.pk))
    seen: dict[str, FormField] = {}
    broken = []
    for field in ordered:
        if field.condition_key:
            source = seen.get(field.condition_key)
            if (
                source is None
                or source.kind not in CHOICE_KINDS
                or field.condition_value not in {value for value, _label in source.options()}
            ):
                broken.append(field)
        seen[field.key] = field
    return broken


@transaction.atomic
def form_publish(*, actor: Any, procedure: Any, form: FormVersion, context: Context = SYSTEM) -> FormVersion:
    """Freeze this version: new applications use it, those already started keep theirs."""
    _editable(actor, procedure, form)
    fields = list(FormField.objects.filter(step__form=form).select_related("document", "step"))
    if not fields:
        raise ValidationError(_("Add at least one step with one question before publishing."))
    broken = _broken_conditions(fields)
    if broken:
        raise ValidationError(
            _(
                "These questions depend on an answer that is missing, later in the form or no longer an option: "
                "%(labels)s. Change them before publishing."
            )
            % {"labels": ", ".join(f.label for f in broken)}
        )
    linked = {f.document_id for f in fields if f.kind == FieldKind.FILE}
    missing = [d.name for d in procedure.documents.all() if d.required and d.pk not in linked]
    if missing:
        raise ValidationError(
            _("Add an upload question for each required document: %(names)s.") % {"names": ", ".join(missing)}
        )
    form.published_at = timezone.now()
    form.save(update_fields=["published_at"])
    from applications.selectors import form_text_gaps

    # Published knowingly with texts missing a language (the builder asks first): the trail says which.
    gaps = {gap.what: list(gap.missing) for gap in form_text_gaps(form=form)}
    _audit(actor, procedure, "published", {"version": form.number, "missing_languages": gaps}, context)
    return form
