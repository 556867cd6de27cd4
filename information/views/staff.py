"""The back office of access to information: inbox, handling, publications, complaints to the head."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role, User
from accounts.permissions import staff_required
from audit.services import Context
from core import clock
from core.views import query_without_page
from information import services
from information.actions import ACTIONS
from information.forms import (
    TEXT_FIELDS,
    ComplaintAnswerForm,
    InboxFilterForm,
    PublicationForm,
    WithdrawForm,
)
from information.presentation import status_of
from information.selectors import (
    complaint_get_for_institution,
    complaint_list_for_institution,
    data_report_get_for_institution,
    data_report_list_for_institution,
    data_report_list_open_for_request,
    publication_get_for_institution,
    publication_list_for_institution,
    request_get_for_institution,
    request_list_for_institution,
)
from information.views.common import apply_errors, timeline_context


def _institution(request: HttpRequest) -> Any:
    return request.staff.institution  # type: ignore[attr-defined]


@staff_required(Role.INFORMATION_OFFICER)
def inbox(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    form = InboxFilterForm(request.GET or None, institution=institution)
    data = form.cleaned_data if form.is_valid() else {}
    assignee: Any = None
    if data.get("assignee") == "none":
        assignee = "none"
    elif data.get("assignee"):
        assignee = User.objects.filter(public_id=data["assignee"]).first()
    qs = request_list_for_institution(
        institution=institution,
        state=data.get("state", ""),
        due=data.get("due", ""),
        assignee=assignee,
        query=data.get("q", ""),
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    today = clock.today()
    rows = [(r, status_of(r, today=today)) for r in page.object_list]
    return render(
        request,
        "information/staff/inbox.html",
        {"form": form, "page": page, "rows": rows, "query": query_without_page(request)},
    )


@staff_required(Role.INFORMATION_OFFICER)
def request_detail(request: HttpRequest, public_id: str, bound: tuple[str, Any] | None = None) -> HttpResponse:
    institution = _institution(request)
    req = request_get_for_institution(institution=institution, public_id=public_id)
    if req is None:
        raise Http404
    context = timeline_context(req, public=False)
    context["forms"] = ACTIONS.forms(req, institution, bound=bound)
    context["can_close"] = "close" in ACTIONS.offered(req)
    context["open_reports"] = data_report_list_open_for_request(institution=institution, request=req)
    return render(request, "information/staff/request.html", context, status=400 if bound else 200)


@require_POST
@ratelimit(key="user", rate="120/h", method="POST", block=True)
@staff_required(Role.INFORMATION_OFFICER)
def request_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    """Every action posts here; the action table finds its form and service, the service decides."""
    institution = _institution(request)
    req = request_get_for_institution(institution=institution, public_id=public_id)
    if req is None or ACTIONS.get(action) is None:
        raise Http404
    outcome = ACTIONS.dispatch(request, req, action, institution=institution)
    if outcome.form is not None:
        return request_detail(request, institution.slug, public_id, bound=(action, outcome.form))  # type: ignore[call-arg]
    if outcome.error:
        messages.error(request, outcome.error)
        return redirect("information:staff_request", institution_slug=institution.slug, public_id=public_id)
    messages.success(request, _("Done. The requester has been told."))
    if action == "transfer":
        return redirect("information:staff_inbox", institution_slug=institution.slug)
    return redirect("information:staff_request", institution_slug=institution.slug, public_id=public_id)


# --- Publications --------------------------------------------------------------------------------

PUBLISHERS = (Role.INFORMATION_OFFICER, Role.INSTITUTION_ADMIN)


@staff_required(*PUBLISHERS)
def publications(request: HttpRequest) -> HttpResponse:
    qs = publication_list_for_institution(institution=_institution(request), query=request.GET.get("q", ""))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "information/staff/publications.html", {"page": page, "query": query_without_page(request)})


@ratelimit(key="user", rate="120/h", method="POST", block=True)
@staff_required(*PUBLISHERS)
def publication_edit(request: HttpRequest, public_id: str | None = None) -> HttpResponse:
    institution = _institution(request)
    publication = None
    if public_id is not None:
        publication = publication_get_for_institution(institution=institution, public_id=public_id)
        if publication is None:
            raise Http404
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("category", *TEXT_FIELDS, "language", "published_on", "tags")}
        try:
            if publication is None:
                texts = {name: data.pop(name) for name in TEXT_FIELDS}
                publication = services.publication_create(
                    actor=request.user,
                    institution=institution,
                    files=form.cleaned_data["attachments"],
                    submission_key=form.cleaned_data.get("submission_key"),
                    context=Context.from_request(request),
                    texts=texts,
                    **data,
                )
            else:
                services.publication_update(
                    actor=request.user,
                    publication=publication,
                    files=form.cleaned_data["attachments"],
                    remove_files=[int(pk) for pk in form.cleaned_data.get("remove_files", [])],
                    context=Context.from_request(request),
                    **data,
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("The publication is saved."))
            return redirect("information:staff_publications", institution_slug=institution.slug)
    return render(
        request,
        "information/staff/publication_form.html",
        {"form": form, "publication": publication, "withdraw_form": WithdrawForm() if publication else None},
    )


@require_POST
@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(*PUBLISHERS)
def publication_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    institution = _institution(request)
    publication = publication_get_for_institution(institution=institution, public_id=public_id)
    if publication is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.publication_withdraw(
            actor=request.user,
            publication=publication,
            reason=form.cleaned_data["reason"],
            context=Context.from_request(request),
        )
        messages.success(request, _("The publication is withdrawn from the public library."))
        return redirect("information:staff_publications", institution_slug=institution.slug)
    return render(
        request,
        "information/staff/publication_form.html",
        {"form": PublicationForm(instance=publication), "publication": publication, "withdraw_form": form},
        status=400,
    )


# --- Complaints to the head ----------------------------------------------------------------------


@staff_required(Role.DECISION_MAKER)
def complaints(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    qs = complaint_list_for_institution(institution=_institution(request), open_only=not show_all)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "information/staff/complaints.html",
        {"page": page, "show_all": show_all, "query": query_without_page(request)},
    )


@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.DECISION_MAKER)
def complaint_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    institution = _institution(request)
    complaint = complaint_get_for_institution(institution=institution, public_id=public_id)
    if complaint is None:
        raise Http404
    form = ComplaintAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_answer(
                actor=request.user,
                complaint=complaint,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["text"],
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your answer was sent to the requester."))
            return redirect("information:staff_complaints", institution_slug=institution.slug)
    from information.selectors import request_get_for_institution as _get

    req = _get(institution=institution, public_id=complaint.request.public_id)
    context = timeline_context(req, public=False) if req is not None else {}
    context.update({"complaint": complaint, "form": form})
    return render(request, "information/staff/complaint.html", context)


# --- Personal data reports -----------------------------------------------------------------------


@staff_required(Role.INFORMATION_OFFICER)
def data_reports(request: HttpRequest) -> HttpResponse:
    """Reports that a public request shows personal data: open ones first, oldest first."""
    show_all = request.GET.get("all") == "1"
    qs = data_report_list_for_institution(institution=_institution(request), open_only=not show_all)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "information/staff/reports.html",
        {"page": page, "show_all": show_all, "query": query_without_page(request)},
    )


@require_POST
@ratelimit(key="user", rate="120/h", method="POST", block=True)
@staff_required(Role.INFORMATION_OFFICER)
def data_report_handle(request: HttpRequest, public_id: str) -> HttpResponse:
    institution = _institution(request)
    report = data_report_get_for_institution(institution=institution, public_id=public_id)
    if report is None:
        raise Http404
    try:
        services.data_report_handle(actor=request.user, report=report, context=Context.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is marked handled."))
    if request.POST.get("back") == "request":
        return redirect(
            "information:staff_request", institution_slug=institution.slug, public_id=report.request.public_id
        )
    return redirect("information:staff_reports", institution_slug=institution.slug)
