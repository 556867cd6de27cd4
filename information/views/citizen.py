"""The requester's pages: file a request, the receipt, follow it, clarify, complain, appeal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Assurance
from accounts.selectors import has_assurance
from accounts.types import AuthenticatedRequest
from audit.services import Context
from core.confirm import confirm_page, is_confirmed
from core.pdf import render_pdf
from core.states import InvalidTransition
from information.forms import ClarificationForm, ComplaintForm, RequestForm
from information.selectors import publication_suggestions, request_get_for_requester
from information.services import (
    complaint_file,
    request_clarification_answer,
    request_submit,
    request_withdraw,
)
from information.services.common import calendar_for, rules
from information.views.common import apply_errors, timeline_context


@login_required
@ratelimit(key="user", rate="20/h", method="POST", block=True)
def request_new(request: AuthenticatedRequest) -> HttpResponse:
    """File a request. "Check" shows what is already published; "send" files it (once)."""
    if not has_assurance(request.user, Assurance.EMAIL_VERIFIED):
        return render(request, "information/verify_first.html", status=403)
    initial = {"institution": request.GET.get("institution", "")}
    form = RequestForm(request.POST or None, initial=initial)
    suggestions: list = []
    checked = request.POST.get("step") == "send"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        suggestions = publication_suggestions(institution=data["institution"], text=f"{data['subject']} {data['body']}")
        if request.POST.get("step") != "send":
            # First show what is already published (or that nothing matches); the person then sends.
            return render(request, "information/new.html", {"form": form, "suggestions": suggestions, "checked": True})
        try:
            created_request, _created = request_submit(
                actor=request.user,
                institution=data["institution"],
                subject=data["subject"],
                body=data["body"],
                delivery_format=data["delivery_format"],
                postal_address=data["postal_address"],
                urgent=data["urgent"],
                urgency_reason=data["urgency_reason"],
                is_public=data["visibility"] == "public",
                submission_key=data["submission_key"],
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("information:confirmation", public_id=created_request.public_id)
    return render(request, "information/new.html", {"form": form, "suggestions": suggestions, "checked": checked})


def _mine(request: AuthenticatedRequest, public_id: str):  # type: ignore[no-untyped-def]
    found = request_get_for_requester(user=request.user, public_id=public_id)
    if found is None:
        raise Http404
    return found


@login_required
def confirmation(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    found = _mine(request, public_id)
    return render(request, "information/confirmation.html", timeline_context(found, public=False, for_requester=True))


@login_required
def mine(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    found = _mine(request, public_id)
    context = timeline_context(found, public=False, for_requester=True)
    context["clarification_form"] = ClarificationForm()
    return render(request, "information/mine.html", context)


@login_required
@ratelimit(key="user", rate="30/h", block=True)
def receipt_pdf(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    found = _mine(request, public_id)
    context = timeline_context(found, public=False, for_requester=True)
    pdf = render_pdf("information/pdf/receipt.html", context, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.reference}.pdf"'
    return response


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", method="POST", block=True)
def clarification(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    found = _mine(request, public_id)
    form = ClarificationForm(request.POST)
    if form.is_valid():
        try:
            request_clarification_answer(
                actor=request.user,
                request=found,
                answer=form.cleaned_data["answer"],
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except InvalidTransition:  # already answered (a second click, an old tab)
            messages.info(request, _("Your answer was already received."))
            return redirect("information:mine", public_id=public_id)
        else:
            messages.success(request, _("Thank you. The clock has restarted."))
            return redirect("information:mine", public_id=public_id)
    context = timeline_context(found, public=False, for_requester=True)
    context["clarification_form"] = form
    return render(request, "information/mine.html", context, status=400)


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=True)
def withdraw(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Withdraw a request, after a page that says what that does (it cannot be undone)."""
    found = _mine(request, public_id)
    if not is_confirmed(request):
        if not found.is_open:
            raise Http404
        return confirm_page(
            request,
            title=_("Withdraw this request?"),
            subject=found.subject,
            consequences=[
                _("The institution stops handling it and does not answer it."),
                _("You cannot undo this: to ask again, file a new request, with a new deadline."),
                _("The request stays in your history and, if it was public, in the public log, marked withdrawn."),
            ],
            submit=_("Yes, withdraw my request"),
            cancel_url=reverse("information:mine", args=[found.public_id]),
        )
    try:
        request_withdraw(actor=request.user, request=found, context=Context.from_request(request))
    except InvalidTransition:
        messages.info(request, _("This request can no longer be withdrawn."))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("information:mine", public_id=public_id)


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=True)
def complaint(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    found = _mine(request, public_id)
    context = timeline_context(found, public=False, for_requester=True)
    if context["complaint_window"] is None:
        raise Http404
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_file(
                actor=request.user, request=found, body=form.cleaned_data["body"], context=Context.from_request(request)
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your complaint was sent to the head of the body."))
            return redirect("information:mine", public_id=public_id)
    context["form"] = form
    return render(request, "information/complaint.html", context)


def _appeal_context(request: AuthenticatedRequest, public_id: str) -> dict:  # type: ignore[type-arg]
    found = _mine(request, public_id)
    context = timeline_context(found, public=False, for_requester=True)
    complaint_row = context["complaint"]
    if complaint_row is None:
        raise Http404
    start = complaint_row.answered_on or complaint_row.due_on
    context["appeal_until"] = calendar_for(found.institution).deadline(start, rules()["commission_window"]).due
    context["user"] = request.user
    return context


@login_required
def appeal(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    return render(request, "information/appeal.html", _appeal_context(request, public_id))


@login_required
@ratelimit(key="user", rate="30/h", block=True)
def appeal_pdf(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    context = _appeal_context(request, public_id)
    pdf = render_pdf("information/pdf/appeal.html", context, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appeal-{context["req"].reference}.pdf"'
    return response
