"""The applicant's pages: start, the task list, each step, check your answers, the receipt, the case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Assurance
from accounts.selectors import has_assurance
from accounts.types import AuthenticatedRequest
from applications.documents import pdf_response
from applications.formlogic import display, visible_fields
from applications.forms import CompleteForm
from applications.models import Application, ApplicationState, FieldKind, FormStep
from applications.presentation import event_sentence, status_of
from applications.selectors import application_get_for_applicant, case_events
from applications.services import (
    application_start,
    application_submit,
    case_complete,
    draft_delete,
    draft_detach,
    draft_step_save,
    form_fields,
    missing_answers,
)
from applications.stepform import step_page
from cases import acting
from core import clock
from core.confirm import confirm_page, is_confirmed
from core.dates import written_date
from core.registry import desk_filings
from core.states import InvalidTransition
from procedures.selectors import procedure_get_public


def _application(request: AuthenticatedRequest, public_id: str) -> Application:
    # The applicant's own pages; an agent acting for the person at a desk works on the person's (cases.acting).
    application = application_get_for_applicant(user=acting.applicant(request), public_id=public_id)
    if application is None:
        raise Http404
    return application


@ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)
@require_POST
def start(request: HttpRequest, institution_slug: str, slug: str) -> HttpResponse:
    """The start button: open a draft, or go back to the one already started."""
    procedure = procedure_get_public(institution_slug=institution_slug, slug=slug)
    if procedure is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("procedures:detail", args=[institution_slug, slug]))
    person = acting.acting_for(request)
    if person is None and not has_assurance(request.user, Assurance.EMAIL_VERIFIED):
        return render(request, "information/verify_first.html", status=403)
    try:
        application, _created = application_start(actor=request.user, procedure=procedure, applicant=person)
    except PermissionDenied:
        messages.error(request, _("This procedure cannot be applied for online."))
        return redirect("procedures:detail", institution_slug, slug)
    return redirect("applications:tasks", application.public_id)


def _steps(application: Application, fields: list[Any]) -> list[dict[str, Any]]:
    """The task list: each step that applies, and whether it is done."""
    visible = visible_fields(fields, application.answers)
    missing = {f.key for f in missing_answers(application, fields)}
    rows = []
    for step in FormStep.objects.filter(form=application.form_id).order_by("position", "pk"):
        shown = [f for f in visible if f.step_id == step.pk]
        if not shown:
            continue
        incomplete = any(f.key in missing for f in shown)
        if step.pk in application.steps_done and not incomplete:
            status = ("done", _("Completed"))
        elif step.pk in application.steps_done or any(f.key in application.answers for f in shown):
            status = ("progress", _("In progress"))
        else:
            status = ("todo", _("Not started"))
        rows.append({"step": step, "status": status[0], "label": status[1], "incomplete": incomplete})
    return rows


@login_required
def tasks(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    application = _application(request, public_id)
    if not application.is_draft:
        return redirect("applications:case", application.public_id)
    fields = form_fields(application)
    steps = _steps(application, fields)
    return render(
        request,
        "applications/tasks.html",
        {
            "application": application,
            "steps": steps,
            "ready": not any(s["incomplete"] for s in steps),
            "done_count": sum(1 for s in steps if s["status"] == "done"),
        },
    )


@login_required
@ratelimit(key="user", rate="300/h", method="POST", block=True)
def step(request: AuthenticatedRequest, public_id: str, step_id: int) -> HttpResponse:
    """One step. "Save and continue" checks everything; "Save and come back later" keeps what is valid."""
    application = _application(request, public_id)
    if not application.is_draft:
        return redirect("applications:case", application.public_id)
    current = FormStep.objects.filter(form=application.form_id, pk=step_id).first()
    if current is None:
        raise Http404
    fields = form_fields(application)
    if request.method == "POST" and request.POST.get("remove"):
        draft_detach(actor=request.user, application=application, key=request.POST["remove"])
        messages.success(request, _("The file was removed."))
        return redirect("applications:step", application.public_id, current.pk)
    if request.method != "POST":
        page = step_page(application=application, step=current, fields=fields, user=acting.applicant(request))
        return _render_step(request, application, current, page)
    later = request.POST.get("action") == "later"
    page = step_page(
        application=application,
        step=current,
        fields=fields,
        user=acting.applicant(request),
        data=request.POST,
        files=request.FILES,
        lenient=later,
    )
    saved = draft_step_save(actor=request.user, application=application, step=current, page=page, later=later)
    if not saved.valid and not later:
        page.uploaded = {f.field_key: f for f in application.files.all()}
        return _render_step(request, application, current, page, status=400)
    return _after_step_saved(request, application, current, fields, later=later, revealed=bool(saved.revealed_open))


def _after_step_saved(
    request: HttpRequest,
    application: Application,
    current: FormStep,
    fields: list[Any],
    *,
    later: bool,
    revealed: bool,
) -> HttpResponse:
    """Where a saved step leads: the task list (come back later), the same step (new questions), the next
    step not done yet, or "check your answers"."""
    if later:
        messages.success(
            request,
            _("Your answers are saved. Come back before %(day)s to finish and send your application.")
            % {"day": written_date(application.expires_on) if application.expires_on else ""},
        )
        return redirect("applications:tasks", application.public_id)
    if revealed:
        messages.info(request, _("Your answer opened more questions below: answer them, then continue."))
        return redirect("applications:step", application.public_id, current.pk)
    for row in _steps(application, fields):
        if row["status"] != "done":
            return redirect("applications:step", application.public_id, row["step"].pk)
    return redirect("applications:check", application.public_id)


def _render_step(
    request: HttpRequest, application: Application, current: FormStep, page: Any, status: int = 200
) -> HttpResponse:
    on_step = {f.key for f, _shown in page.rows}
    rows = [
        {
            "bound": page.form[f.key],
            "field": f,
            "stored": page.uploaded.get(f.key),
            "shown": shown,
            # Only a condition on this page can change while the person answers it.
            "live": f.condition_key in on_step,
        }
        for f, shown in page.rows
    ]
    return render(
        request,
        "applications/step.html",
        {
            "application": application,
            "step": current,
            "form": page.form,
            "rows": rows,
            "max_mb": round(settings.APPLICATION_UPLOAD_MAX_BYTES / 1_048_576),
        },
        status=status,
    )


def _summary(application: Application, fields: list[Any]) -> list[dict[str, Any]]:
    visible = visible_fields(fields, application.answers)
    files = {f.field_key: f for f in application.files.all()}
    summary: dict[int, dict[str, Any]] = {}
    for f in visible:
        block = summary.setdefault(f.step_id, {"step": f.step, "rows": []})
        if f.kind == FieldKind.FILE:
            stored = files.get(f.key)
            value = stored.original_name if stored else ""
        else:
            value = display(f, application.answers.get(f.key))
        block["rows"].append({"field": f, "value": value})
    return list(summary.values())


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def check(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Check your answers, then send (one application, however many times the button is pressed)."""
    application = _application(request, public_id)
    if not application.is_draft and request.method != "POST":
        return redirect("applications:case", application.public_id)
    fields = form_fields(application)
    error = ""
    if request.method == "POST":
        try:
            application, sent = application_submit(
                actor=request.user, application=application, context=acting.context(request)
            )
        except (ValidationError, InvalidTransition) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
        else:
            person = acting.acting_for(request)
            if sent and person is not None:  # filed at a desk: the visit's receipt lists it
                url = reverse("applications:case", args=[application.public_id])
                for note in desk_filings.values():
                    note(request.user, person, "applications", application.reference, url)
            return redirect("applications:received", application.public_id)
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "summary": _summary(application, fields),
            "missing": missing_answers(application, fields),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def delete(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Delete a draft, after a page that says what that does (it cannot be undone)."""
    application = _application(request, public_id)
    if not application.is_draft:
        return redirect("applications:case", application.public_id)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Delete this draft?"),
            subject=application.procedure.title,
            consequences=[
                _("Your answers and the documents attached to this draft are deleted."),
                _("You cannot undo this; you can start a new application at any time."),
            ],
            submit=_("Yes, delete the draft"),
            cancel_url=reverse("applications:tasks", args=[application.public_id]),
        )
    try:
        draft_delete(actor=request.user, application=application)
    except ValidationError:
        return redirect("applications:case", application.public_id)
    messages.success(request, _("The draft was deleted."))
    return redirect("portal:my_office")


@login_required
def received(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    application = _application(request, public_id)
    if application.is_draft:
        return redirect("applications:tasks", application.public_id)
    return render(
        request,
        "applications/received.html",
        {"application": application, "files": application.files.select_related("document")},
    )


@login_required
@ratelimit(key="user", rate="60/h", block=True)
def receipt_pdf(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    application = _application(request, public_id)
    if application.is_draft:
        raise Http404
    return pdf_response(application, "receipt", request)


@login_required
def case(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """The applicant's case: where it stands, by when, its history, and what they may do."""
    application = _application(request, public_id)
    if application.is_draft:
        return redirect("applications:tasks", application.public_id)
    documents = list(application.procedure.documents.filter(pk__in=application.missing_documents))
    form = None
    if application.state == ApplicationState.AWAITING_DOCUMENTS:
        form = CompleteForm(documents=documents, max_bytes=settings.APPLICATION_UPLOAD_MAX_BYTES)
    return _render_case(request, application, form)


def _render_case(request: HttpRequest, application: Application, form: Any, status: int = 200) -> HttpResponse:
    events = [{"event": e, "sentence": event_sentence(e)} for e in case_events(application=application, staff=False)]
    return render(
        request,
        "applications/case.html",
        {
            "application": application,
            "status": status_of(application, today=clock.today()),
            "events": events,
            "form": form,
            "files": application.files.select_related("document"),
        },
        status=status,
    )


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=True)
@require_POST
def complete(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Send the missing documents (the clock restarts)."""
    application = _application(request, public_id)
    documents = list(application.procedure.documents.filter(pk__in=application.missing_documents))
    form = CompleteForm(
        request.POST, request.FILES, documents=documents, max_bytes=settings.APPLICATION_UPLOAD_MAX_BYTES
    )
    if form.is_valid():
        try:
            case_complete(
                actor=request.user,
                application=application,
                uploads=form.uploads(),
                note=form.cleaned_data["note"],
                context=acting.context(request),
            )
        except (ValidationError, InvalidTransition, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Thank you: the documents were sent and the clock restarted."))
            return redirect("applications:case", application.public_id)
    return _render_case(request, application, form, status=400)


@login_required
@ratelimit(key="user", rate="60/h", block=True)
def decision_pdf(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    application = _application(request, public_id)
    if not application.has_decision_document:
        raise Http404
    return pdf_response(application, "decision", request)
