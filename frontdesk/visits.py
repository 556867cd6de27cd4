"""Acting for the person at the desk (assisted digital): their visit, what was filed for them, the account an agent
makes for someone without an email address, and the claim code that attaches it to an address later.

Filing itself goes through each module's own service with ``requester``/``applicant`` = the person, ``actor`` = the
agent and ``Context(channel="desk", acting_for=person)``: the same rules, deadlines and messages as online, and the
agent, the office and the person on the timeline and in the audit trail. Those services ask ``may_act_for`` (a
registry this module answers): the agent needs the person's consent of the day (``DeskConsent``).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import has_role
from accounts.services import account_claim, account_create_at_desk
from applications.models.cases import code
from audit.models import Channel
from audit.services import SYSTEM, Context, audit_record
from core import clock
from frontdesk.models import DeskConsent, DeskVisit
from frontdesk.people import DESK_ROLES, end_of_day


def has_mandate(actor: Any, person: Any) -> bool:
    """The person gave this agent their consent today, at an office of an institution the agent works at the desk."""
    if not getattr(actor, "is_authenticated", False) or getattr(person, "pk", None) is None:
        return False
    now = clock.now()
    consents = DeskConsent.objects.filter(
        agent_id=actor.pk, person_id=person.pk, created_at__lte=now, expires_at__gt=now
    )
    return any(
        has_role(actor, c.office.institution, DESK_ROLES) for c in consents.select_related("office__institution")
    )


def desk_context(request: Any, person: User, office: Any) -> Context:
    """The context of something done at a desk for the person: the channel, the person, the office."""
    return Context.from_request(request, channel=Channel.DESK, acting_for=person, office=office)


def claim_digest(code: str) -> str:
    """HMAC of a claim code (normalised): enough to find the visit, useless to recover the code."""
    normal = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), f"claim:{normal}".encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    """Three groups of four from the platform's code alphabet (``K7QM-3XPA-ZT9C``, about 2^60)."""
    return code(groups=3)


def _require_desk(actor: Any, office: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and has_role(actor, office.institution, DESK_ROLES)):
        raise PermissionDenied


@transaction.atomic
def visit_open(*, actor: Any, office: Any, person: User, context: Context = SYSTEM) -> DeskVisit:
    """Today's visit of this person with this agent at this office (one a day: opened again, not twice)."""
    _require_desk(actor, office)
    now = clock.now()
    visit = (
        DeskVisit.objects.select_for_update()
        .filter(office=office, agent=actor, person=person, created_at__gte=end_of_day(now) - timedelta(days=1))
        .first()
    )
    if visit is None:
        visit = DeskVisit.objects.create(office=office, agent=actor, person=person, created_at=now)
        audit_record(
            actor=actor,
            action="frontdesk.visit.open",
            obj=person,
            institution=office.institution,
            context=context,
            changes={"visit": visit.public_id, "office": office.pk},
        )
    return visit


@transaction.atomic
def person_create_at_desk(
    *, actor: Any, office: Any, full_name: str, phone: str = "", preferred_language: str = "", context: Context = SYSTEM
) -> tuple[User, DeskVisit, str]:
    """An account for the person at the desk who has no email address, their consent (they are here and asked for
    it), today's visit and a claim code for the receipt. Returns (person, visit, code); the code is never stored."""
    person = account_create_at_desk(
        actor=actor,
        office=office,
        full_name=full_name,
        phone=phone,
        preferred_language=preferred_language,
        context=context,
    )
    now = clock.now()
    DeskConsent.objects.create(person=person, agent=actor, office=office, created_at=now, expires_at=end_of_day(now))
    visit = visit_open(actor=actor, office=office, person=person, context=context)
    code = claim_code_issue(actor=actor, visit=visit, context=context)
    return person, visit, code


@transaction.atomic
def claim_code_issue(*, actor: Any, visit: DeskVisit, context: Context = SYSTEM) -> str:
    """A new claim code for the visit's receipt (an earlier one stops working). Only for an account made at a desk
    and not claimed yet."""
    _require_desk(actor, visit.office)
    if not visit.person.made_at_desk:
        raise ValidationError(_("This person's account already has an address: nothing to claim."))
    code = _new_code()
    DeskVisit.objects.filter(person=visit.person, claimed_at__isnull=True).exclude(pk=visit.pk).update(claim_hash="")
    visit.claim_hash = claim_digest(code)
    visit.save(update_fields=["claim_hash"])
    audit_record(
        actor=actor,
        action="frontdesk.visit.claim_code",
        obj=visit.person,
        institution=visit.office.institution,
        context=context,
        changes={"visit": visit.public_id},
    )
    return code


def visit_add_filing(*, visit: DeskVisit, module: str, reference: str, url: str) -> None:
    """Note on the visit what was filed (its receipt lists it). In the filing's transaction."""
    filed = [f for f in visit.filed if f.get("reference") != reference]
    filed.append({"module": module, "reference": reference, "url": url})
    DeskVisit.objects.filter(pk=visit.pk).update(filed=filed)
    visit.filed = filed


def visit_for_claim(code: str) -> DeskVisit | None:
    if not code.strip():
        return None
    return (
        DeskVisit.objects.select_related("person", "office")
        .filter(claim_hash=claim_digest(code), claimed_at__isnull=True)
        .first()
    )


@transaction.atomic
def visit_claim(*, code: str, email: str, password: str, context: Context = SYSTEM) -> tuple[User, Any]:
    """Online, with the code on the receipt: the account made at the desk gets the person's address and password.
    Returns (person, the address to confirm); the caller sends the confirmation after the commit."""
    visit = visit_for_claim(code)
    if visit is None or not visit.person.made_at_desk:
        raise ValidationError({"code": _("This code is not valid, or it was already used. Check it on your receipt.")})
    address = account_claim(user=visit.person, email=email, password=password, context=context)
    DeskVisit.objects.filter(person=visit.person, claimed_at__isnull=True).update(claimed_at=clock.now(), claim_hash="")
    return visit.person, address


def visits_today(*, agent: Any, person: User) -> list[DeskVisit]:
    """This agent's visits with the person today (their receipts)."""
    start = end_of_day(clock.now()) - timedelta(days=1)
    return list(
        DeskVisit.objects.filter(agent_id=agent.pk, person=person, created_at__gte=start).order_by("created_at")
    )


def note_filing(agent: Any, person: User, module: str, reference: str, url: str) -> None:
    """Something was filed for the person at a desk (core.registry.desk_filings): today's visit lists it."""
    now = clock.now()
    consent = (
        DeskConsent.objects.filter(agent_id=agent.pk, person_id=person.pk, created_at__lte=now, expires_at__gt=now)
        .select_related("office__institution")
        .order_by("-created_at")
        .first()
    )
    if consent is None:
        return
    visit = visit_open(actor=agent, office=consent.office, person=person)
    visit_add_filing(visit=visit, module=module, reference=reference, url=url)
