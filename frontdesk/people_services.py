"""Writes about the person at the desk: each look-up and each view audited, the person's consent given and ended.

Law 09-08: the agent sees who the person is to serve them; their files only once they agree, for the day. Every
look-up is recorded with its reason and the kind of search, never what was searched (a name, a number), and with
the people it showed by their random id (``User.public_id``) so a person can learn who looked at their data.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import has_role
from audit.models import AuditEvent
from audit.services import SYSTEM, Context, audit_record
from core import clock
from frontdesk.models import DeskConsent
from frontdesk.people import DESK_ROLES, end_of_day


def _require_desk(actor: Any, institution: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and has_role(actor, institution, DESK_ROLES)):
        raise PermissionDenied


@transaction.atomic
def person_lookup_record(
    *,
    actor: User,
    institution: Any,
    kind: str,
    reason: str,
    shown: list[User],
    total: int,
    page: int = 1,
    context: Context = SYSTEM,
) -> AuditEvent:
    """Record one look-up at the desk: the kind of search, the reason, how many matched and whom it showed."""
    _require_desk(actor, institution)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you look the person up."), code="reason")
    return audit_record(
        actor=actor,
        action="frontdesk.person.lookup",
        institution=institution,
        object_repr=f"{kind} search",
        changes={
            "kind": kind,
            "reason": reason,
            "found": total,
            "page": page,
            "shown": [str(person.public_id) for person in shown],
        },
        context=context,
    )


@transaction.atomic
def person_view_record(
    *, actor: User, institution: Any, person: User, cases_shown: bool, context: Context = SYSTEM
) -> AuditEvent:
    """Record that the agent opened the person's page at the desk (and whether it listed their files)."""
    _require_desk(actor, institution)
    return audit_record(
        actor=actor,
        action="frontdesk.person.view",
        obj=person,
        institution=institution,
        changes={"cases_shown": cases_shown},
        context=context,
    )


@transaction.atomic
def desk_consent_record(*, actor: User, person: User, office: Any, context: Context = SYSTEM) -> DeskConsent:
    """The person agrees that this agent sees their files, at this office, until the end of the day."""
    _require_desk(actor, office.institution)
    if person.pk == actor.pk:
        raise ValidationError(_("You cannot record your own consent."), code="self")
    now = clock.now()
    consent = DeskConsent.objects.create(
        person=person, agent=actor, office=office, created_at=now, expires_at=end_of_day(now)
    )
    audit_record(
        actor=actor,
        action="frontdesk.consent.record",
        obj=person,
        institution=office.institution,
        changes={"office": office.pk, "consent": consent.pk, "expires_at": consent.expires_at.isoformat()},
        context=context,
    )
    return consent


@transaction.atomic
def desk_consent_end(*, actor: User, person: User, institution: Any, context: Context = SYSTEM) -> int:
    """The person takes their consent back (or the visit is over): the agent no longer sees their files."""
    _require_desk(actor, institution)
    now = clock.now()
    ended = DeskConsent.objects.filter(
        person=person, agent=actor, office__institution=institution, expires_at__gt=now
    ).update(expires_at=now)
    if ended:
        audit_record(
            actor=actor,
            action="frontdesk.consent.end",
            obj=person,
            institution=institution,
            changes={"ended": ended},
            context=context,
        )
    return ended
