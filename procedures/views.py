"""The public catalogue of procedures and the institution admins' page to adopt and publish them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_required
from accounts.types import AuthenticatedRequest
from audit.services import Context
from core.confirm import confirm_page, is_confirmed, missing_languages_page
from core.pagecache import public_page
from core.registry import procedure_extras
from core.views import add_service_errors, query_without_page
from procedures.forms import AdoptForm, CatalogueFilterForm, DocumentFormSet, ProcedureForm
from procedures.models import LifeEvent, ProcedureCategory
from procedures.selectors import (
    catalogue,
    model_get,
    models_to_adopt,
    online_ids,
    procedure_find_public,
    procedure_get_for_institution,
    procedure_get_public,
    procedure_list_for_institution,
    procedure_offices,
    procedure_text_gaps,
)
from procedures.services import (
    DOCUMENT_FIELDS,
    EDITABLE,
    procedure_adopt,
    procedure_publish,
    procedure_unpublish,
    procedure_update,
)


@public_page("procedures", "institutions")
def catalogue_view(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = catalogue(
        query=data.get("q", ""),
        category=data.get("category"),
        life_event=data.get("life_event"),
        institution=data.get("institution"),
        online=bool(data.get("online")),
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    online = online_ids(list(page.object_list))
    return render(
        request,
        "procedures/catalogue.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": any(data.get(name) for name in ("life_event", "category", "institution", "online")),
            "searched": data.get("q", ""),
            "online": online,
            "life_events": LifeEvent.objects.all(),
            "categories": ProcedureCategory.objects.all(),
        },
    )


@public_page("procedures", "institutions", "applications")
def procedure_view(request: HttpRequest, institution_slug: str, slug: str) -> HttpResponse:
    procedure = procedure_get_public(institution_slug=institution_slug, slug=slug)
    if procedure is None:
        raise Http404
    extras: dict[str, Any] = {}
    for _key, extra in procedure_extras.items():
        extras.update(extra(procedure, request.user))
    return render(request, "procedures/procedure.html", {"procedure": procedure, **extras})


@public_page("procedures", "institutions")
def procedure_where(request: HttpRequest, institution_slug: str, slug: str) -> HttpResponse:
    """The "Where can I do this?" page: the Citizen Offices that handle the procedure, with their address and access."""
    procedure = procedure_find_public(institution_slug=institution_slug, slug=slug)
    if procedure is None:
        raise Http404
    offices, own = procedure_offices(procedure=procedure)
    page = Paginator(offices, 20).get_page(request.GET.get("page"))
    online = procedure.pk in online_ids([procedure])
    context = {"procedure": procedure, "page": page, "own": own, "online": online, "query": query_without_page(request)}
    return render(request, "procedures/where.html", context)


def _institution(request: HttpRequest) -> Any:
    return request.staff.institution  # type: ignore[attr-defined]


@staff_required(Role.INSTITUTION_ADMIN)
def staff_procedures(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    return render(
        request,
        "procedures/staff/procedures.html",
        {
            "procedures": procedure_list_for_institution(institution=institution),
            "models": models_to_adopt(institution=institution),
        },
    )


@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def staff_adopt(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    institution = _institution(request)
    model = model_get(public_id=public_id)
    if model is None:
        raise Http404
    form = AdoptForm(request.POST or None, institution=institution, initial={"fee": model.fee})
    if request.method == "POST" and form.is_valid():
        try:
            procedure_adopt(
                actor=request.user,
                model=model,
                institution=institution,
                fee=form.cleaned_data["fee"],
                offices=form.cleaned_data["offices"],
                contact=form.cleaned_data["contact"],
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The procedure is adopted as a draft. Publish it when it is ready."))
            return redirect("procedures:staff", institution_slug=institution.slug)
    return render(request, "procedures/staff/adopt.html", {"form": form, "model": model})


@require_POST
@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def staff_publish(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    institution = _institution(request)
    procedure = procedure_get_for_institution(institution=institution, public_id=public_id)
    if procedure is None:
        raise Http404
    if request.POST.get("action") == "unpublish":  # withdrawing asks first, on its own page
        return redirect("procedures:staff_withdraw", institution_slug=institution.slug, public_id=public_id)
    gaps = procedure_text_gaps(procedure=procedure)
    if gaps and not is_confirmed(request):  # never published silently with texts missing a language
        return missing_languages_page(
            request,
            gaps=gaps,
            subject=procedure.title,
            cancel_url=reverse(
                "procedures:staff_edit", kwargs={"institution_slug": institution.slug, "public_id": public_id}
            ),
            asking=True,
        )
    try:
        procedure_publish(actor=request.user, procedure=procedure, context=Context.from_request(request))
        messages.success(request, _("The procedure is in the public catalogue."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("procedures:staff", institution_slug=institution.slug)


@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def staff_withdraw(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Withdraw a procedure from the public catalogue, after a page that says what that does."""
    institution = _institution(request)
    procedure = procedure_get_for_institution(institution=institution, public_id=public_id)
    if procedure is None:
        raise Http404
    if is_confirmed(request):
        procedure_unpublish(actor=request.user, procedure=procedure, context=Context.from_request(request))
        messages.success(request, _("The procedure is no longer in the public catalogue."))
        return redirect("procedures:staff", institution_slug=institution.slug)
    return confirm_page(
        request,
        title=_("Withdraw this procedure from the catalogue?"),
        subject=procedure.title,
        consequences=[
            _("Citizens will no longer find it in the public catalogue, and its page will no longer be shown."),
            _("Nobody can start or send an application for it online; drafts are kept."),
            _("Applications already sent are handled as before."),
            _("You can publish it again later."),
        ],
        submit=_("Yes, withdraw"),
        cancel_url=reverse("procedures:staff", kwargs={"institution_slug": institution.slug}),
        base_template="backoffice/base.html",
    )


@ratelimit(key="user", rate="120/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def staff_edit(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    """Edit the institution's procedure and its documents (a new version on each saved change)."""
    institution = _institution(request)
    procedure = procedure_get_for_institution(institution=institution, public_id=public_id)
    if procedure is None:
        raise Http404
    form = ProcedureForm(request.POST or None, instance=procedure)
    documents = DocumentFormSet(request.POST or None, instance=procedure, prefix="documents")
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        rows = []
        for document_form in documents.forms:
            if not document_form.has_changed() and document_form.instance.pk is None:
                continue  # the empty row left blank
            data = document_form.cleaned_data
            rows.append(
                {
                    "id": document_form.instance.pk,
                    "delete": data.get("DELETE", False),
                    **{f: data[f] for f in DOCUMENT_FIELDS if f in data},
                }
            )
        try:
            procedure_update(
                actor=request.user,
                procedure=procedure,
                values={k: form.cleaned_data[k] for k in EDITABLE if k in form.cleaned_data},
                offices=form.cleaned_data["offices"],
                life_events=form.cleaned_data["life_events"],
                documents=rows,
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The procedure is saved."))
            return redirect("procedures:staff", institution_slug=institution.slug)
    context = {
        "form": form,
        "documents": documents,
        "procedure": procedure,
        "gaps": procedure_text_gaps(procedure=procedure),
    }
    return render(request, "procedures/staff/edit.html", context)
