"""The person in front of the agent: find them, see who they are, their files once they agree, check their identity."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import IdentityCheck, Role, User
from accounts.permissions import StaffContext, staff_required
from accounts.selectors import identity_check_list
from accounts.services import DocumentAlreadyUsed, document_hash, identity_check_record, identity_check_revoke
from audit.models import Channel
from audit.services import Context
from frontdesk.forms_people import ConsentForm, IdentityCheckForm, PersonSearchForm, RevokeForm
from frontdesk.people import (
    SearchKind,
    consent_current,
    counter_office,
    mask_email,
    mask_phone,
    other_accounts_with_document,
    people_page,
    person_cases,
    person_get,
    person_search,
    staff_links_for,
)
from frontdesk.people_services import (
    desk_consent_end,
    desk_consent_record,
    person_lookup_record,
    person_view_record,
)
from frontdesk.visits import visits_today
from institutions.models import Office

DESK = (Role.FRONT_DESK, Role.INSTITUTION_ADMIN)
# Look-ups and changes about a person are sensitive: an agent serves a few dozen people an hour at most.
RATE = "120/h"
DUPLICATE_REASON = "identity check: the document already verifies another account"


def _staff(request: HttpRequest) -> StaffContext:
    return request.staff  # type: ignore[attr-defined,no-any-return]


def _context(request: HttpRequest, person: User | None = None) -> Context:
    return Context.from_request(request, channel=Channel.DESK, acting_for=person)


def _blank(form: Any, field: str) -> None:
    """Show the form again without what was typed in ``field`` (an identity number is never sent back)."""
    data = form.data.copy()
    data[field] = ""
    form.data = data


@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK)
def person_search_view(request: HttpRequest) -> HttpResponse:
    """Find a person by name, phone, email, file reference or identity document; every look-up is audited.

    The search is sent by POST so that what the person gave never lands in an address bar, a browser's history or
    a server's access log; the next page of results is another POST, and another audited look-up.
    """
    staff = _staff(request)
    form = PersonSearchForm(request.POST or None)
    page = None
    rows: list[tuple[User, str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        page = people_page(person_search(staff=staff, kind=data["kind"], query=data["query"]), data["page"])
        shown = list(page.object_list)
        person_lookup_record(
            actor=request.user,  # type: ignore[arg-type]
            institution=staff.institution,
            kind=data["kind"],
            reason=data["reason"],
            shown=shown,
            total=page.paginator.count,
            page=page.number,
            context=_context(request),
        )
        rows = [(person, mask_email(person.email), mask_phone(person.phone)) for person in shown]
    identity = form.is_bound and form.data.get("kind") == SearchKind.IDENTITY
    if form.is_bound:
        _blank(form, "page")  # a new search from the form starts on its first page
    if identity:
        _blank(form, "query")
    return render(
        request,
        "frontdesk/people/search.html",
        {"form": form, "page": page, "rows": rows, "identity_search": identity},
    )


def _person(request: HttpRequest, public_id: Any) -> User:
    person = person_get(staff=_staff(request), public_id=public_id)
    if person is None:
        raise Http404
    return person


def _offices(staff: StaffContext) -> QuerySet[Office]:
    return Office.objects.filter(institution=staff.institution).order_by("name_fr", "pk")


def _render_person(
    request: HttpRequest,
    person: User,
    *,
    consent_form: ConsentForm | None = None,
    identity_form: IdentityCheckForm | None = None,
    revoke_form: tuple[int, RevokeForm] | None = None,
    duplicates: list[User] | None = None,
) -> HttpResponse:
    staff = _staff(request)
    agent: User = request.user  # type: ignore[assignment]
    consent = consent_current(staff=staff, agent=agent, person=person)
    cases = None
    files: list[tuple[Any, Any, str]] = []
    if consent is not None:
        cases = person_cases(staff=staff, person=person, consent=consent, after=request.GET.get("after"))
        links = staff_links_for(staff=staff, items=cases.items)
        labels = {block.key: block.label for block in cases.blocks}
        # The item's own URL is the person's page, not the agent's: only a staff case page is linked.
        files = [(item, labels.get(item.module, ""), links.get(item.reference, "")) for item in cases.items]
    person_view_record(
        actor=agent,
        institution=staff.institution,
        person=person,
        cases_shown=cases is not None,
        context=_context(request, person),
    )
    offices = _offices(staff)
    office = counter_office(agent=agent, staff=staff)
    initial = {"office": office.pk} if office else {}
    checks = []
    for check in identity_check_list(user=person):
        revocable = check.revoked_at is None and check.office.institution_id == staff.institution.pk
        form = None
        if revocable:
            if revoke_form is not None and revoke_form[0] == check.pk:
                form = revoke_form[1]
            else:
                form = RevokeForm(auto_id=f"revoke-{check.pk}-%s")
        checks.append((check, form))
    return render(
        request,
        "frontdesk/people/person.html",
        {
            "person": person,
            "masked_email": mask_email(person.email),
            "masked_phone": mask_phone(person.phone),
            "checks": checks,
            "consent": consent,
            "consent_form": consent_form or ConsentForm(offices=offices, initial=initial, auto_id="consent-%s"),
            "identity_form": identity_form or IdentityCheckForm(offices=offices, initial=initial, auto_id="id-%s"),
            "duplicates": duplicates or [],
            "cases": cases,
            "files": files,
            "visits": visits_today(agent=agent, person=person) if consent is not None else [],
        },
    )


@staff_required(*DESK)
def person_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The person's page at the desk: who they are, their identity checks, their files once they agree."""
    return _render_person(request, _person(request, public_id))


def _back(request: HttpRequest, person: User) -> HttpResponse:
    return redirect("frontdesk:person", institution_slug=_staff(request).institution.slug, public_id=person.public_id)


@require_POST
@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK)
def person_consent(request: HttpRequest, public_id: Any) -> HttpResponse:
    person = _person(request, public_id)
    form = ConsentForm(request.POST, offices=_offices(_staff(request)), auto_id="consent-%s")
    if not form.is_valid():
        return _render_person(request, person, consent_form=form)
    try:
        desk_consent_record(
            actor=request.user,  # type: ignore[arg-type]
            person=person,
            office=form.cleaned_data["office"],
            context=_context(request, person),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_person(request, person, consent_form=form)
    messages.success(request, _("Consent recorded: you see the person's files until the end of the day."))
    return _back(request, person)


@require_POST
@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK)
def person_consent_end(request: HttpRequest, public_id: Any) -> HttpResponse:
    person = _person(request, public_id)
    desk_consent_end(
        actor=request.user,  # type: ignore[arg-type]
        person=person,
        institution=_staff(request).institution,
        context=_context(request, person),
    )
    messages.success(request, _("The person's files are hidden again."))
    return _back(request, person)


@require_POST
@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK)
def person_identity_check(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Record an identity document seen in person; warn when it already verifies another account."""
    staff = _staff(request)
    person = _person(request, public_id)
    form = IdentityCheckForm(request.POST, offices=_offices(staff), auto_id="id-%s")
    if not form.is_valid():
        _blank(form, "document_number")
        return _render_person(request, person, identity_form=form)
    data = form.cleaned_data
    context = _context(request, person)
    try:
        identity_check_record(
            actor=request.user,  # type: ignore[arg-type]
            user=person,
            office=data["office"],
            document_kind=data["document_kind"],
            document_number=data["document_number"],
            context=context,
        )
    except DocumentAlreadyUsed:
        # One document verifies one account: show the agent which one, to check with the person before going on.
        duplicates = other_accounts_with_document(
            staff=staff, digest=document_hash(data["document_number"]), person=person
        )
        person_lookup_record(
            actor=request.user,  # type: ignore[arg-type]
            institution=staff.institution,
            kind=SearchKind.IDENTITY,
            reason=DUPLICATE_REASON,
            shown=duplicates,
            total=len(duplicates),
            context=context,
        )
        _blank(form, "document_number")
        _blank(form, "seen")  # the agent checks again, then confirms again
        return _render_person(request, person, identity_form=form, duplicates=duplicates)
    messages.success(request, _("Identity check recorded. The person has been told."))
    return _back(request, person)


@require_POST
@ratelimit(key="user", rate=RATE, block=True)
@staff_required(*DESK)
def person_identity_revoke(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    """Withdraw an identity check made at one of the institution's offices (the service checks the office)."""
    person = _person(request, public_id)
    check = IdentityCheck.objects.select_related("office", "office__institution").filter(pk=pk, user=person).first()
    if check is None:
        raise Http404
    form = RevokeForm(request.POST, auto_id=f"revoke-{check.pk}-%s")
    if not form.is_valid():
        return _render_person(request, person, revoke_form=(check.pk, form))
    identity_check_revoke(
        actor=request.user,  # type: ignore[arg-type]
        check=check,
        reason=form.cleaned_data["reason"],
        context=_context(request, person),
    )
    messages.success(request, _("The identity check is withdrawn. The person has been told."))
    return _back(request, person)
