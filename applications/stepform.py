"""The page form for one step of an application, built from the form version's questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict

from applications.formlogic import django_field, from_json, is_empty, visible_fields
from applications.models import Application, ApplicationFile, FieldKind, FormField, FormStep, Prefill
from applications.models.forms import CHOICE_KINDS


@dataclass
class StepPage:
    form: forms.Form
    fields: list[FormField]
    uploaded: dict[str, ApplicationFile]
    revealed: list[FormField] = field(default_factory=list)
    # Every question of the step, and whether it applies now; those that do not are sent hidden so
    # the small script can show them at once (without it, the next post shows them).
    rows: list[tuple[FormField, bool]] = field(default_factory=list)


def prefilled(field: FormField, user: Any) -> Any:
    if field.prefill == Prefill.FULL_NAME:
        return user.full_name
    if field.prefill == Prefill.EMAIL:
        return user.email
    if field.prefill == Prefill.PHONE:
        return user.phone
    if field.prefill == Prefill.COMMUNE and user.commune_id:
        return str(user.commune)
    return None


def posted_answers(fields: list[FormField], data: QueryDict) -> dict[str, Any]:
    """The raw choices just posted, to decide which questions now apply (before validation)."""
    answers: dict[str, Any] = {}
    for f in fields:
        if f.kind == FieldKind.MULTIPLE:
            answers[f.key] = data.getlist(f.key)
        elif f.kind in CHOICE_KINDS:
            answers[f.key] = data.get(f.key, "")
    return answers


def step_page(
    *,
    application: Application,
    step: FormStep,
    fields: list[FormField],
    user: Any,
    data: QueryDict | None = None,
    files: Any = None,
    lenient: bool = False,
) -> StepPage:
    """The questions of ``step`` that apply, with the answers given; bound to ``data`` when posted.

    ``lenient`` (save and come back later) checks what was typed but requires nothing. A question
    that a choice just revealed (not on the page the person saw) is not required on this post: the
    page comes back with it shown instead (conditions work the same without JavaScript).
    """
    answers = dict(application.answers)
    step_fields = [f for f in fields if f.step_id == step.pk]
    if data is not None:
        answers.update(posted_answers(step_fields, data))
    shown_before = set((data.get("_shown") or "").split(",")) if data is not None else set()
    visible = [f for f in visible_fields(fields, answers) if f.step_id == step.pk]
    uploaded = {f.field_key: f for f in application.files.all()}
    form = forms.Form(data, files)
    revealed: list[FormField] = []
    shown_keys = {f.key for f in visible}
    for f in step_fields:
        if f.key not in shown_keys:
            # Sent hidden for the script to reveal: its label must already say what the question requires.
            form.fields[f.key] = django_field(f, required=False)
            form.fields[f.key].is_optional = not f.required  # type: ignore[attr-defined]
            continue
        required = f.required and not lenient
        if data is not None and f.key not in shown_before:
            revealed.append(f)
            required = False
        if f.kind == FieldKind.FILE and f.key in uploaded:
            required = False
        form.fields[f.key] = django_field(f, required=required)
        # The label says "optional" from the question's own rule, even while a just-revealed one is not enforced.
        form.fields[f.key].is_optional = not f.required  # type: ignore[attr-defined]
        if f.kind != FieldKind.FILE:
            value = answers.get(f.key) if data is None else application.answers.get(f.key)
            initial = from_json(f, value) if not is_empty(value) else prefilled(f, user)
            if initial not in (None, ""):
                form.initial[f.key] = initial
    form.fields["_shown"] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.initial["_shown"] = ",".join(f.key for f in visible)
    if data is not None:
        # When the page comes back with errors, what it shows now is what the person has seen.
        form.data = data.copy()
        form.data["_shown"] = form.initial["_shown"]
    rows = [(f, f.key in shown_keys) for f in step_fields]
    return StepPage(form=form, fields=visible, uploaded=uploaded, revealed=revealed, rows=rows)
