"""Finding the person in front of a desk agent, and what the agent may see of them.

An agent finds a person by name, mobile phone, email address, the reference of one of their cases or the number of
an identity document seen at the desk. An identity number is never stored: it is matched through its keyed hash
(``accounts.services.document_hash``) against the person's identity checks. Results show who the person is (name,
masked contact details, level of assurance); their cases only once the person has agreed, that day, that this agent
sees them (``frontdesk.models.DeskConsent``, law 09-08).

Which module a case reference belongs to is asked of ``reference_finders`` (name -> callable(reference) returning
a queryset of the holders' user ids), and where an agent who also handles cases may open one, of
``staff_case_links``; both are filled here, by the desk, so the case modules do not need to know about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import IdentityCheck, Role, User
from core import clock
from core.registry import OfficeItem, my_office_items
from frontdesk.models import Counter, DeskConsent

if TYPE_CHECKING:
    from accounts.permissions import StaffContext
    from core.feeds import FeedPage

DESK_ROLES = frozenset({Role.FRONT_DESK, Role.INSTITUTION_ADMIN})
PAGE_SIZE = 20
CASES_PAGE_SIZE = 20
NAME_MIN = 3  # fewer letters would list half the country
PHONE_DIGITS = 9  # a Moroccan number without its prefix (0, +212, 00212)


class SearchKind:
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    REFERENCE = "reference"
    IDENTITY = "identity"

    choices = [
        (NAME, _("Name")),
        (PHONE, _("Mobile phone")),
        (EMAIL, _("Email address")),
        (REFERENCE, _("Reference of one of their files")),
        (IDENTITY, _("Identity document number")),
    ]


# --- Normalising what the person gives ---------------------------------------------------------------

_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def phone_tail(text: str) -> str:
    """The last nine digits of a phone number, whatever its prefix (06…, +2126…, 002126…) and figures; "" if fewer."""
    digits = re.sub(r"\D", "", text.translate(_WESTERN))
    return digits[-PHONE_DIGITS:] if len(digits) >= PHONE_DIGITS else ""


def normalise_reference(text: str) -> str:
    """A case reference as the platform writes it: capitals, no spaces (``inf-rabat-2026-000123 `` -> ``INF-…``)."""
    return re.sub(r"\s+", "", text).upper()


def normalise_name(text: str) -> str:
    return " ".join(text.split())


# --- Masking contact details ---------------------------------------------------------------------------

DOT = "•"


def mask_email(email: str) -> str:
    """``fatima.alaoui@mail.ma`` -> ``f•••@m•••.ma``: enough for the person to recognise it, not to write to it."""
    local, _at, domain = email.partition("@")
    if not local or not domain:
        return DOT * 3 if email else ""
    host, _dot, tld = domain.rpartition(".")
    masked_domain = f"{host[:1]}{DOT * 3}.{tld}" if host else f"{DOT * 3}"
    return f"{local[:1]}{DOT * 3}@{masked_domain}"


def mask_phone(phone: str) -> str:
    """``+212612345678`` -> ``•• •• •• •• 78``: the last two digits only."""
    digits = re.sub(r"\D", "", phone.translate(_WESTERN))
    if not digits:
        return ""
    return f"{DOT * 2} {DOT * 2} {DOT * 2} {DOT * 2} {digits[-2:]}"


# --- Which module holds a reference ------------------------------------------------------------------


def _information_requester(reference: str) -> QuerySet[Any]:
    from information.models import InformationRequest

    return InformationRequest.objects.filter(reference=reference).values("requester_id")


def _application_applicant(reference: str) -> QuerySet[Any]:
    from applications.models import Application

    return Application.objects.filter(reference=reference).values("applicant_id")


# name -> callable(reference) -> queryset of one column: the user ids of the case's holder.
reference_finders: dict[str, Callable[[str], QuerySet[Any]]] = {
    "information": _information_requester,
    "applications": _application_applicant,
}


def _information_staff_links(references: list[str], staff: StaffContext) -> dict[str, str]:
    from information.models import InformationRequest

    if Role.INFORMATION_OFFICER not in staff.roles:
        return {}
    rows = InformationRequest.objects.filter(reference__in=references, institution=staff.institution)
    return {
        str(reference): reverse("information:staff_request", args=[staff.institution.slug, public_id])
        for reference, public_id in rows.values_list("reference", "public_id")
    }


def _application_staff_links(references: list[str], staff: StaffContext) -> dict[str, str]:
    from applications.models import Application

    if Role.CASE_OFFICER not in staff.roles:
        return {}
    rows = Application.objects.filter(reference__in=references, institution=staff.institution)
    return {
        str(reference): reverse("applications:staff_case", args=[staff.institution.slug, public_id])
        for reference, public_id in rows.values_list("reference", "public_id")
    }


# OfficeItem.module -> callable(references, staff) -> {reference: the staff case page}: only cases of the agent's
# institution, only when the agent also holds the role that opens them (the case page checks it again).
staff_case_links: dict[str, Callable[[list[str], StaffContext], dict[str, str]]] = {
    "information": _information_staff_links,
    "applications": _application_staff_links,
}


# --- Reads ---------------------------------------------------------------------------------------------


def is_desk(staff: StaffContext | None) -> bool:
    return staff is not None and bool(staff.roles & DESK_ROLES)


def _people() -> QuerySet[User]:
    return User.objects.filter(is_active=True, erased_at__isnull=True)


def person_search(*, staff: StaffContext, kind: str, query: str) -> QuerySet[User]:
    """The people matching what the person at the desk gave (already normalised by the form), by name."""
    if not is_desk(staff):
        return User.objects.none()
    people = _people()
    if kind == SearchKind.NAME:
        people = people.filter(full_name__icontains=query)
    elif kind == SearchKind.PHONE:
        digits = Value("")
        stored: Any = "phone"
        for sign in (" ", "-", ".", "(", ")", "/"):
            stored = Replace(stored, Value(sign), digits)
        people = people.exclude(phone="").annotate(phone_digits=stored).filter(phone_digits__endswith=query)
    elif kind == SearchKind.EMAIL:
        people = people.filter(email__iexact=query)
    elif kind == SearchKind.REFERENCE:
        holders = Q()
        for finder in reference_finders.values():
            holders |= Q(pk__in=finder(query))
        people = people.filter(holders) if holders else people.none()
    elif kind == SearchKind.IDENTITY:
        from accounts.services import document_hash

        people = people.filter(pk__in=document_holders(digest=document_hash(query)))
    else:
        return User.objects.none()
    return people.order_by("full_name", "pk")


def document_holders(*, digest: str) -> QuerySet[Any]:
    """The ids of the accounts an identity document (its keyed hash) verifies now."""
    return IdentityCheck.objects.filter(document_hash=digest, revoked_at__isnull=True).values("user_id")


def other_accounts_with_document(*, staff: StaffContext, digest: str, person: User) -> list[User]:
    """The other accounts this document already verifies (a person with two accounts, or a mistake)."""
    if not is_desk(staff):
        return []
    return list(_people().filter(pk__in=document_holders(digest=digest)).exclude(pk=person.pk).order_by("pk")[:5])


def people_page(people: QuerySet[User], number: int | None) -> Page[User]:
    return Paginator(people, PAGE_SIZE).get_page(number or 1)


def person_get(*, staff: StaffContext, public_id: Any) -> User | None:
    """The person's account as the desk sees it (any person: the desk serves everyone), or None."""
    if not is_desk(staff):
        return None
    return _people().filter(public_id=public_id).first()


def end_of_day(moment: datetime) -> datetime:
    """Midnight at the end of the moment's local day: when a consent given at the desk ends."""
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))


def consent_current(*, staff: StaffContext, agent: User, person: User) -> DeskConsent | None:
    """The consent the person gave this agent today, at an office of the agent's institution, if still running."""
    if not is_desk(staff):
        return None
    now = clock.now()
    return (
        DeskConsent.objects.filter(
            person=person,
            agent=agent,
            office__institution=staff.institution,
            created_at__lte=now,
            expires_at__gt=now,
        )
        .select_related("office")
        .order_by("-created_at")
        .first()
    )


def counter_office(*, agent: User, staff: StaffContext) -> Any:
    """The office of the counter the agent has open in this institution (the consent's default office), or None."""
    counter = (
        Counter.objects.filter(agent=agent, office__institution=staff.institution).select_related("office").first()
    )
    return counter.office if counter else None


def person_cases(*, staff: StaffContext, person: User, consent: DeskConsent | None, after: str | None) -> FeedPage[Any]:
    """The person's files across modules (what they see in "My Office"), only with today's consent."""
    if consent is None or consent.person_id != person.pk:
        raise PermissionError("no consent")
    return my_office_items.page(person, after=after, limit=CASES_PAGE_SIZE)


def staff_links_for(*, staff: StaffContext, items: list[OfficeItem]) -> dict[str, str]:
    """{reference: staff case page} for the items the agent may also open as a case handler."""
    by_module: dict[str, list[str]] = {}
    for item in items:
        if item.reference:
            by_module.setdefault(item.module, []).append(item.reference)
    links: dict[str, str] = {}
    for module, references in by_module.items():
        builder = staff_case_links.get(module)
        if builder is not None:
            links.update(builder(references, staff))
    return links
