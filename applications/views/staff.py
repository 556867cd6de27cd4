"""Case officers' pages: the work queue, a case, and its actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Membership, Role
from accounts.permissions import staff_required
from applications.actions import ACTIONS
from applications.documents import pdf_response
from applications.formlogic import display, visible_fields
from applications.forms import (
    QueueFilterForm,
)
from applications.models import FieldKind
from applications.presentation import event_sentence, status_of
from applications.selectors import case_events, case_get_for_institution, case_list_for_institution, cases_by_ids
from applications.services import (
    form_fields,
)
from core import clock
from core.views import query_without_page


def _institution(request: HttpRequest) -> Any:
    return request.staff.institution  # type: ignore[attr-defined]


@staff_required(Role.CASE_OFFICER)
def queue(request: HttpRequest) -> HttpResponse:
    """Cases by state, due date and assignee; by default those of the officer's department."""
    institution = _institution(request)
    departments = list(institution.departments.all())
    own = (
        Membership.objects.filter(
            user=request.user.pk, institution=institution, role=Role.CASE_OFFICER, department__isnull=False
        )
        .values_list("department_id", flat=True)
        .first()
    )
    data = request.GET.copy()
    if "department" not in data and own:
        data["department"] = str(own)
    if "state" not in data:
        data["state"] = "open"
    form = QueueFilterForm(data, departments=departments)
    filters = form.cleaned_data if form.is_valid() else {}
    department = next((d for d in departments if str(d.pk) == filters.get("department")), None)
    qs = case_list_for_institution(
        institution=institution,
        officer=request.user,
        state=filters.get("state", "open"),
        due=filters.get("due", ""),
        assignee=filters.get("assignee", ""),
        department=department,
        query=filters.get("q", ""),
    )
    # Paginate ids (read from the queue index alone, no sort of whole rows), then load the page's 25 rows.
    page = Paginator(qs.values_list("pk", flat=True), 25).get_page(request.GET.get("page"))
    today = clock.today()
    rows = [
        {"case": a, "status": status_of(a, today=today, staff=True)}
        for a in cases_by_ids(institution=institution, ids=list(page))
    ]
    return render(
        request,
        "applications/staff/queue.html",
        {"form": form, "page": page, "rows": rows, "query": query_without_page(request)},
    )


def _case(request: HttpRequest, public_id: str) -> Any:
    application = case_get_for_institution(institution=_institution(request), public_id=public_id, officer=request.user)
    if application is None:
        raise Http404
    return application


def _render(
    request: HttpRequest, application: Any, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    fields = form_fields(application)
    files = {f.field_key: f for f in application.files.select_related("document")}
    answers = []
    for f in visible_fields(fields, application.answers):
        if f.kind == FieldKind.FILE:
            answers.append({"field": f, "file": files.pop(f.key, None)})
        else:
            answers.append({"field": f, "value": display(f, application.answers.get(f.key))})
    events = [{"event": e, "sentence": event_sentence(e)} for e in case_events(application=application, staff=True)]
    return render(
        request,
        "applications/staff/case.html",
        {
            "case": application,
            "status": status_of(application, today=clock.today(), staff=True),
            "answers": answers,
            "later_files": list(files.values()),
            "events": events,
            "forms": ACTIONS.forms(application, application.institution, bound=bound),
        },
        status=status,
    )


@staff_required(Role.CASE_OFFICER)
def case(request: HttpRequest, public_id: str) -> HttpResponse:
    return _render(request, _case(request, public_id))


@staff_required(Role.CASE_OFFICER)
@ratelimit(key="user", rate="200/h", method="POST", block=True)
@require_POST
def action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    """Every action posts here; the action table finds its form and service, the service decides."""
    application = _case(request, public_id)
    if ACTIONS.get(action) is None:
        raise Http404
    outcome = ACTIONS.dispatch(request, application, action, institution=application.institution)
    if outcome.form is not None:
        application.refresh_from_db()
        return _render(request, application, bound=(action, outcome.form), status=400)
    if outcome.error:
        messages.error(request, outcome.error)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": outcome.action.label})
    return redirect("applications:staff_case", application.institution.slug, application.public_id)


@staff_required(Role.CASE_OFFICER)
@ratelimit(key="user", rate="120/h", block=True)
def document_pdf(request: HttpRequest, public_id: str, kind: str) -> HttpResponse:
    application = _case(request, public_id)
    if kind not in ("receipt", "decision") or (kind == "decision" and not application.has_decision_document):
        raise Http404
    return pdf_response(application, kind, request)
