"""The staff back office: institution switcher, work queue, audit trail, outbox, associations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_memberships, staff_required
from accounts.selectors import membership_list_for_institution
from accounts.services import membership_grant, membership_revoke
from accounts.types import AuthenticatedRequest
from associations.selectors import association_get_for_institution, association_list_for_institution
from associations.services import association_verify
from audit.services import Context
from backoffice.forms import AuditFilterForm, GrantRoleForm, OfficeLanguagesForm
from backoffice.selectors import audit_list_for_institution, translation_gaps_for_institution, work_queue_page
from core.views import query_without_page
from institutions.selectors import office_list_for_institution, spoken_languages
from institutions.services import office_languages_set
from notifications.models import DeliveryState
from notifications.selectors import notification_list_for_institution


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The institution switcher: one card per institution the person works for."""
    institutions: dict[int, dict] = {}
    for m in staff_memberships(request.user):
        institutions.setdefault(m.institution.pk, {"institution": m.institution, "roles": []})["roles"].append(
            m.get_role_display()
        )
    if not institutions:
        raise PermissionDenied
    if len(institutions) == 1:
        only = next(iter(institutions.values()))["institution"]
        return redirect("backoffice:queue", institution_slug=only.slug)
    return render(request, "backoffice/home.html", {"institutions": list(institutions.values())})


@staff_required()
def queue(request: AuthenticatedRequest) -> HttpResponse:
    institution = request.staff.institution  # type: ignore[attr-defined]
    page = work_queue_page(user=request.user, institution=institution, after=request.GET.get("after"))
    return render(request, "backoffice/queue.html", {"page": page})


@ratelimit(key="user", rate="120/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def offices(request: HttpRequest) -> HttpResponse:
    """The institution's offices and the languages spoken at their desks, kept by its admins."""
    institution = request.staff.institution  # type: ignore[attr-defined]
    rows = list(office_list_for_institution(institution=institution))
    languages = list(spoken_languages())
    if request.method == "POST":
        office = next((o for o in rows if o.slug == request.POST.get("office")), None)
        if office is None:
            raise Http404
        form = OfficeLanguagesForm(request.POST, prefix=office.slug, languages=languages)
        if form.is_valid():
            ticked = set(form.cleaned_data["languages"])
            office_languages_set(
                actor=request.user,
                office=office,
                languages=[language for language in languages if language.slug in ticked],
                context=Context.from_request(request),
            )
            messages.success(request, _("The languages spoken at %(office)s are saved.") % {"office": office.name})
            return redirect("backoffice:offices", institution_slug=institution.slug)
    forms = [
        (
            o,
            OfficeLanguagesForm(
                prefix=o.slug, languages=languages, initial={"languages": [x.slug for x in o.languages.all()]}
            ),
        )
        for o in rows
    ]
    return render(request, "backoffice/offices.html", {"forms": forms})


@staff_required(Role.INSTITUTION_ADMIN)
def translations(request: HttpRequest) -> HttpResponse:
    """The institution's published texts that miss one of the site's languages, and where to add them."""
    gaps = translation_gaps_for_institution(institution=request.staff.institution)  # type: ignore[attr-defined]
    page = Paginator(gaps, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/translations.html", {"page": page, "query": query_without_page(request)})


@staff_required(Role.INSTITUTION_ADMIN)
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit_list_for_institution(institution=request.staff.institution, **filters)  # type: ignore[attr-defined]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query_without_page(request)}
    return render(request, "backoffice/audit.html", context)


@staff_required(Role.INSTITUTION_ADMIN)
def outbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in DeliveryState.values:
        state = ""
    qs = notification_list_for_institution(institution=request.staff.institution, state=state)  # type: ignore[attr-defined]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/outbox.html", {"page": page, "state": state, "states": DeliveryState.choices})


@ratelimit(key="user", rate="60/h", method="POST", block=True)
@staff_required(Role.INSTITUTION_ADMIN)
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    """The institution's staff; an admin gives and withdraws roles here (each change audited)."""
    institution = request.staff.institution  # type: ignore[attr-defined]
    form = GrantRoleForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["email"]
        membership_grant(
            actor=request.user,
            user=person,
            institution=institution,
            role=form.cleaned_data["role"],
            department=form.cleaned_data["department"],
            context=Context.from_request(request),
        )
        messages.success(request, _("%(name)s now has this role.") % {"name": person.full_name})
        return redirect("backoffice:staff", institution_slug=institution.slug)
    memberships = membership_list_for_institution(actor=request.user, institution=institution)
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/staff.html", {"page": page, "form": form})


@require_POST
@staff_required(Role.INSTITUTION_ADMIN)
def staff_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    institution = request.staff.institution  # type: ignore[attr-defined]
    membership = membership_list_for_institution(actor=request.user, institution=institution).filter(pk=pk).first()
    if membership is None:
        raise Http404
    if membership.user_id == request.user.pk and membership.role == Role.INSTITUTION_ADMIN:
        messages.error(request, _("You cannot withdraw your own administrator role."))
    else:
        membership_revoke(actor=request.user, membership=membership, context=Context.from_request(request))
        messages.success(request, _("The role has been withdrawn."))
    return redirect("backoffice:staff", institution_slug=institution.slug)


@staff_required(Role.INSTITUTION_ADMIN)
def associations(request: HttpRequest) -> HttpResponse:
    qs = association_list_for_institution(institution=request.staff.institution)  # type: ignore[attr-defined]
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "backoffice/associations.html", {"page": page})


@require_POST
@staff_required(Role.INSTITUTION_ADMIN)
def association_verify_view(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    institution = request.staff.institution  # type: ignore[attr-defined]
    association = association_get_for_institution(institution=institution, public_id=public_id)
    if association is None:
        raise Http404
    association_verify(actor=request.user, association=association, context=Context.from_request(request))
    messages.success(request, _("%(name)s is now marked verified.") % {"name": association.name})
    return redirect("backoffice:associations", institution_slug=institution.slug)


@staff_required(Role.FRONT_DESK, Role.INSTITUTION_ADMIN)
def person_lookup(request: HttpRequest) -> HttpResponse:
    """Finding a person moved to the desk's pages (frontdesk.views.people): name, phone, email, file or document."""
    return redirect("frontdesk:people", institution_slug=request.staff.institution.slug)  # type: ignore[attr-defined]
