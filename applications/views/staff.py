"""Case officers' pages: the work queue, a case, and its actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Membership, Role, User
from accounts.permissions import staff_required
from applications.documents import file_response, pdf_response
from applications.formlogic import display, visible_fields
from applications.forms import (
    AcceptForm,
    CloseForm,
    MessageForm,
    NoteForm,
    QueueFilterForm,
    RefuseForm,
    RequestDocumentsForm,
    TakeForm,
)
from applications.models import ApplicationFile, FieldKind
from applications.presentation import event_sentence, status_of
from applications.selectors import case_events, case_get_for_institution, case_list_for_institution, cases_by_ids
from applications.services import (
    case_accept,
    case_close,
    case_message,
    case_note,
    case_refuse,
    case_request_documents,
    case_take,
    form_fields,
)
from applications.services.common import MACHINE, OFFICER
from audit.services import Context
from core import clock
from core.states import InvalidTransition
from core.views import add_service_errors, query_without_page


def _institution(request: HttpRequest) -> Any:
    return request.staff.institution  # type: ignore[attr-defined]


def _officers(institution: Any) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(institution=institution, role=Role.CASE_OFFICER, is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ]


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
        {"case": a, "status": status_of(a, today=today)} for a in cases_by_ids(institution=institution, ids=list(page))
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


FORMS = {
    "take": TakeForm,
    "request_documents": RequestDocumentsForm,
    "note": NoteForm,
    "message": MessageForm,
    "accept": AcceptForm,
    "refuse": RefuseForm,
    "close": CloseForm,
}


def _forms(application: Any, bound: dict[str, Any] | None = None) -> dict[str, Any]:
    forms: dict[str, Any] = {}
    allowed = set(MACHINE.actions_from(application.state, role=OFFICER))
    if application.is_open:
        allowed |= {"note", "message"}
    if application.missing_requested:
        allowed.discard("request_documents")
    for action in FORMS:
        if action not in allowed:
            continue
        if bound and action in bound:
            forms[action] = bound[action]
        elif action == "take":
            forms[action] = TakeForm(officers=_officers(application.institution))
        elif action == "request_documents":
            forms[action] = RequestDocumentsForm(procedure=application.procedure)
        else:
            forms[action] = FORMS[action]()
    return forms


def _render(
    request: HttpRequest, application: Any, bound: dict[str, Any] | None = None, status: int = 200
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
            "status": status_of(application, today=clock.today()),
            "answers": answers,
            "later_files": list(files.values()),
            "events": events,
            "forms": _forms(application, bound),
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
    """Every action posts here; the service decides whether it is allowed."""
    application = _case(request, public_id)
    if action not in FORMS:
        raise Http404
    if action == "take":
        form: Any = TakeForm(request.POST, officers=_officers(application.institution))
    elif action == "request_documents":
        form = RequestDocumentsForm(request.POST, procedure=application.procedure)
    else:
        form = FORMS[action](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        context = Context.from_request(request)
        user = request.user
        try:
            if action == "take":
                chosen = next(
                    (u for u in _officers(application.institution) if str(u.public_id) == data["assignee"]), None
                )
                case_take(actor=user, application=application, assignee=chosen, context=context)
            elif action == "request_documents":
                case_request_documents(
                    actor=user,
                    application=application,
                    documents=list(data["documents"]),
                    message=data["message"],
                    context=context,
                )
            elif action == "note":
                case_note(actor=user, application=application, note=data["note"], context=context)
            elif action == "message":
                case_message(actor=user, application=application, message=data["message"], context=context)
            elif action == "accept":
                case_accept(actor=user, application=application, note=data["note"], context=context)
            elif action == "refuse":
                case_refuse(
                    actor=user,
                    application=application,
                    motivation=data["motivation"],
                    appeal_route=data["appeal_route"],
                    context=context,
                )
            else:
                case_close(actor=user, application=application, reason=data["reason"], context=context)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except (InvalidTransition, PermissionDenied):
            messages.error(request, _("This action is not possible in the case's current state."))
            return redirect("applications:staff_case", application.institution.slug, application.public_id)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": ACTION_LABELS.get(action, action)})
            return redirect("applications:staff_case", application.institution.slug, application.public_id)
    application.refresh_from_db()
    return _render(request, application, bound={action: form}, status=400)


ACTION_LABELS: dict[str, Any] = {
    "take": gettext_lazy("taken"),
    "request_documents": gettext_lazy("missing documents requested"),
    "note": gettext_lazy("note added"),
    "message": gettext_lazy("message sent"),
    "accept": gettext_lazy("accepted, decision issued"),
    "refuse": gettext_lazy("refused"),
    "close": gettext_lazy("closed without action"),
}


@staff_required(Role.CASE_OFFICER)
def file_download(request: HttpRequest, public_id: str, file_id: str) -> HttpResponse:
    application = _case(request, public_id)
    found = ApplicationFile.objects.filter(application=application, public_id=file_id).first()
    if found is None:
        raise Http404
    return file_response(found)  # type: ignore[no-any-return]


@staff_required(Role.CASE_OFFICER)
@ratelimit(key="user", rate="120/h", block=True)
def document_pdf(request: HttpRequest, public_id: str, kind: str) -> HttpResponse:
    application = _case(request, public_id)
    if kind not in ("receipt", "decision") or (kind == "decision" and not application.has_decision_document):
        raise Http404
    return pdf_response(application, kind, request)
