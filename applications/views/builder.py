"""The form builder: institution admins define a procedure's application form, without code."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_required
from applications.forms import FieldForm, StepForm
from applications.models import FormField, FormStep
from applications.selectors import form_text_gaps
from applications.services import (
    field_delete,
    field_save,
    form_publish,
    form_published,
    form_working_version,
    step_delete,
    step_save,
)
from audit.services import Context
from core.confirm import is_confirmed, missing_languages_page
from core.views import add_service_errors
from procedures.selectors import procedure_get_for_institution


def _procedure(request: HttpRequest, public_id: str) -> Any:
    procedure = procedure_get_for_institution(institution=request.staff.institution, public_id=public_id)  # type: ignore[attr-defined]
    if procedure is None:
        raise Http404
    return procedure


def _done(procedure: Any) -> HttpResponse:
    return redirect("applications:builder", procedure.institution.slug, procedure.public_id)


@ratelimit(key="user", rate="300/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def builder(request: HttpRequest, public_id: str) -> HttpResponse:
    """The working version's steps and questions; a form to add a step."""
    procedure = _procedure(request, public_id)
    form = form_working_version(actor=request.user, procedure=procedure)
    step_form = StepForm(request.POST or None, prefix="step")
    if request.method == "POST" and step_form.is_valid():
        try:
            step_save(
                actor=request.user,
                procedure=procedure,
                form=form,
                data=step_form.cleaned_data,
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(step_form, exc)
        else:
            messages.success(request, _("The step was added."))
            return _done(procedure)
    steps = list(form.steps.prefetch_related("fields__document"))
    return render(
        request,
        "applications/staff/builder.html",
        {
            "procedure": procedure,
            "version": form,
            "published": form_published(procedure),
            "steps": steps,
            "gaps": form_text_gaps(form=form, steps=steps),
            "step_form": step_form,
        },
        status=400 if step_form.errors else 200,
    )


@ratelimit(key="user", rate="300/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def step_edit(request: HttpRequest, public_id: str, step_id: int) -> HttpResponse:
    procedure = _procedure(request, public_id)
    form = form_working_version(actor=request.user, procedure=procedure)
    current = FormStep.objects.filter(form=form, pk=step_id).first()
    if current is None:
        raise Http404
    step_form = StepForm(request.POST or None, instance=current, prefix="step")
    if request.method == "POST":
        context = Context.from_request(request)
        if request.POST.get("delete"):
            step_delete(actor=request.user, procedure=procedure, form=form, step=current, context=context)
            messages.success(request, _("The step was removed."))
            return _done(procedure)
        if step_form.is_valid():
            try:
                step_save(
                    actor=request.user,
                    procedure=procedure,
                    form=form,
                    step=current,
                    data=step_form.cleaned_data,
                    context=context,
                )
            except ValidationError as exc:
                add_service_errors(step_form, exc)
            else:
                messages.success(request, _("The step was saved."))
                return _done(procedure)
    return render(
        request,
        "applications/staff/step_edit.html",
        {"procedure": procedure, "version": form, "step": current, "form": step_form},
        status=400 if step_form.errors else 200,
    )


@ratelimit(key="user", rate="300/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def field_edit(request: HttpRequest, public_id: str, step_id: int, field_id: int | None = None) -> HttpResponse:
    """Add a question to a step, or change one."""
    procedure = _procedure(request, public_id)
    form = form_working_version(actor=request.user, procedure=procedure)
    current = FormStep.objects.filter(form=form, pk=step_id).first()
    if current is None:
        raise Http404
    instance = None
    if field_id is not None:
        instance = FormField.objects.filter(step__form=form, pk=field_id).select_related("step").first()
        if instance is None:
            raise Http404
    all_fields = list(
        FormField.objects.filter(step__form=form)
        .select_related("step")
        .order_by("step__position", "step__pk", "position", "pk")
    )
    earlier = all_fields if instance is None else all_fields[: all_fields.index(instance)]
    field_form = FieldForm(request.POST or None, instance=instance, procedure=procedure, earlier=earlier)
    if request.method == "POST":
        context = Context.from_request(request)
        if instance is not None and request.POST.get("delete"):
            try:
                field_delete(actor=request.user, procedure=procedure, form=form, field=instance, context=context)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect(
                    "applications:field_edit", procedure.institution.slug, procedure.public_id, current.pk, instance.pk
                )
            messages.success(request, _("The question was removed."))
            return _done(procedure)
        if field_form.is_valid():
            try:
                field_save(
                    actor=request.user,
                    procedure=procedure,
                    form=form,
                    step=current,
                    field=FormField.objects.get(pk=instance.pk) if instance else None,
                    data=field_form.service_data(),
                    context=context,
                )
            except ValidationError as exc:
                add_service_errors(
                    field_form, exc, rename={"condition_key": "condition", "condition_value": "condition"}
                )
            else:
                messages.success(request, _("The question was saved."))
                return _done(procedure)
    return render(
        request,
        "applications/staff/field_edit.html",
        {"procedure": procedure, "version": form, "step": current, "field": instance, "form": field_form},
        status=400 if field_form.errors else 200,
    )


@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def publish(request: HttpRequest, public_id: str) -> HttpResponse:
    """Publish the working version; when texts miss a language, a page lists them and asks first (GET, or a
    POST without the confirmation)."""
    procedure = _procedure(request, public_id)
    form = form_working_version(actor=request.user, procedure=procedure)
    gaps = form_text_gaps(form=form)
    if request.method != "POST" or (gaps and not is_confirmed(request)):
        if not gaps:
            return _done(procedure)
        return missing_languages_page(
            request,
            gaps=gaps,
            subject=procedure.title,
            cancel_url=reverse("applications:builder", args=[procedure.institution.slug, procedure.public_id]),
        )
    try:
        form_publish(actor=request.user, procedure=procedure, form=form, context=Context.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(n)s of the form is published: new applications use it; those already started keep theirs.")
            % {"n": form.number},
        )
    return _done(procedure)
