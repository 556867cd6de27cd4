"""Acting for the person at the desk: an account for someone without an email address, filing an information
request for them, the visit's receipt (printed at the desk), and claiming the account online with its code."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import User
from accounts.permissions import staff_required
from audit.services import Context
from core.views import add_service_errors
from frontdesk.forms_visits import ClaimForm, NewPersonForm
from frontdesk.models import DeskVisit
from frontdesk.people import DESK_ROLES, consent_current, counter_office, person_get
from frontdesk.visits import (
    claim_code_issue,
    desk_context,
    person_create_at_desk,
    visit_add_filing,
    visit_claim,
    visit_open,
)
from institutions.models import Office

RATE = "120/h"
CODES = "frontdesk_claim_codes"  # session: {visit public_id: claim code}, to print the receipt again this session


def _remember_code(request: HttpRequest, visit: DeskVisit, code: str) -> None:
    codes = request.session.get(CODES, {})
    codes[visit.public_id] = code
    request.session[CODES] = codes


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(*DESK_ROLES)
def person_new(request: HttpRequest) -> HttpResponse:
    """Someone without an email address: an account made at the desk, then their receipt with its claim code."""
    staff = request.staff  # type: ignore[attr-defined]
    offices = Office.objects.filter(institution=staff.institution).order_by("name_fr", "pk")
    office = counter_office(agent=request.user, staff=staff)  # type: ignore[arg-type]
    initial = {"preferred_language": request.LANGUAGE_CODE, **({"office": office.pk} if office else {})}
    form = NewPersonForm(request.POST or None, offices=offices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, visit, code = person_create_at_desk(
                actor=request.user,
                office=data["office"],
                full_name=data["full_name"],
                phone=data["phone"],
                preferred_language=data["preferred_language"],
                context=Context.from_request(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _remember_code(request, visit, code)
            messages.success(request, _("The account of %(name)s is made.") % {"name": person.full_name})
            return redirect("frontdesk:person", institution_slug=staff.institution.slug, public_id=person.public_id)
    return render(request, "frontdesk/visits/new_person.html", {"form": form}, status=400 if form.errors else 200)


def _person_with_consent(request: HttpRequest, public_id: Any) -> tuple[User, Any]:
    staff = request.staff  # type: ignore[attr-defined]
    person = person_get(staff=staff, public_id=public_id)
    if person is None:
        raise Http404
    consent = consent_current(staff=staff, agent=request.user, person=person)  # type: ignore[arg-type]
    return person, consent


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(*DESK_ROLES)
def file_information(request: HttpRequest, public_id: Any) -> HttpResponse:
    """An information request for the person at the desk, through the same service as online (channel "desk")."""
    from information.forms import RequestForm
    from information.services import request_submit

    staff = request.staff  # type: ignore[attr-defined]
    person, consent = _person_with_consent(request, public_id)
    if consent is None:
        messages.error(request, _("Record the person's consent first: then you can file for them."))
        return redirect("frontdesk:person", institution_slug=staff.institution.slug, public_id=person.public_id)
    form = RequestForm(request.POST or None, initial={"visibility": "private"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed, _created = request_submit(
                actor=request.user,
                requester=person,
                institution=data["institution"],
                subject=data["subject"],
                body=data["body"],
                delivery_format=data["delivery_format"],
                postal_address=data["postal_address"],
                urgent=data["urgent"],
                urgency_reason=data["urgency_reason"],
                is_public=data["visibility"] == "public",
                submission_key=data["submission_key"],
                context=desk_context(request, person, consent.office),
            )
            visit = visit_open(
                actor=request.user, office=consent.office, person=person, context=Context.from_request(request)
            )
            visit_add_filing(
                visit=visit,
                module="information",
                reference=filed.reference,
                url=reverse("information:mine", args=[filed.public_id]),
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else _("You cannot file for this person."))
        else:
            messages.success(request, _("Request %(reference)s is filed.") % {"reference": filed.reference})
            return redirect("frontdesk:visit", institution_slug=staff.institution.slug, public_id=visit.public_id)
    context = {"person": person, "form": form}
    return render(request, "frontdesk/visits/file_information.html", context, status=400 if form.errors else 200)


def _visit(request: HttpRequest, public_id: str) -> DeskVisit:
    visit = (
        DeskVisit.objects.select_related("office", "agent", "person")
        .filter(public_id=public_id, office__institution=request.staff.institution)  # type: ignore[attr-defined]
        .first()
    )
    if visit is None:
        raise Http404
    return visit


@staff_required(*DESK_ROLES)
def visit_receipt(request: HttpRequest, public_id: str) -> HttpResponse:
    """The visit's receipt, to print at the desk: what was filed, how to follow it, the claim code if any."""
    visit = _visit(request, public_id)
    code = request.session.get(CODES, {}).get(visit.public_id, "") if visit.claimed_at is None else ""
    claimable = visit.person.made_at_desk and visit.claimed_at is None
    return render(
        request,
        "frontdesk/visits/receipt.html",
        {
            "visit": visit,
            "code": code,
            "claimable": claimable,
            "claim_url": request.build_absolute_uri(reverse("frontdesk:claim")),
        },
    )


@require_POST
@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK_ROLES)
def visit_new_code(request: HttpRequest, public_id: str) -> HttpResponse:
    """A new claim code for a receipt printed again (the earlier code stops working)."""
    visit = _visit(request, public_id)
    try:
        code = claim_code_issue(actor=request.user, visit=visit, context=Context.from_request(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _remember_code(request, visit, code)
    return redirect("frontdesk:visit", institution_slug=request.staff.institution.slug, public_id=visit.public_id)  # type: ignore[attr-defined]


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def claim(request: HttpRequest) -> HttpResponse:
    """Online: the account made at a desk gets the person's email address and password (confirmed by email)."""
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _person, address = visit_claim(
                code=data["code"],
                email=data["email"],
                password=data["password1"],
                context=Context.from_request(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # visit_claim has committed: the confirmation (allauth's, with its link) goes out now, in this request.
            address.send_confirmation(request, signup=True)
            return render(request, "frontdesk/visits/claimed.html", {"email": address.email})
    return render(request, "frontdesk/visits/claim.html", {"form": form}, status=400 if form.errors else 200)


RETURN = "frontdesk_acting_return"


@require_POST
@staff_required(*DESK_ROLES)
def act_start(request: HttpRequest, public_id: Any) -> HttpResponse:
    """File through the module's own pages for the person (an online application with scanned documents): the
    agent chooses the procedure and fills its form; a banner says for whom until the agent stops."""
    from cases.acting import start_acting

    staff = request.staff  # type: ignore[attr-defined]
    person, consent = _person_with_consent(request, public_id)
    if consent is None:
        messages.error(request, _("Record the person's consent first: then you can file for them."))
        return redirect("frontdesk:person", institution_slug=staff.institution.slug, public_id=person.public_id)
    start_acting(request, person, office=consent.office)
    request.session[RETURN] = reverse("frontdesk:person", args=[staff.institution.slug, person.public_id])
    return redirect("procedures:catalogue")


@require_POST
def act_stop(request: HttpRequest) -> HttpResponse:
    """Stop filing for the person; back to their page at the desk."""
    from cases.acting import stop_acting

    stop_acting(request)
    back = request.session.pop(RETURN, "") or reverse("portal:home")
    return redirect(back)
