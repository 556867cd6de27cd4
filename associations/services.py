"""Writes for associations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from accounts.permissions import has_role
from associations.models import Association, AssociationMember, AssociationRole
from audit.services import SYSTEM, Context, audit_record

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def association_create(
    *,
    actor: User,
    name: str,
    registration_number: str,
    registered_with: Any,
    description: str = "",
    commune: Any = None,
    founded_on: Any = None,
    context: Context = SYSTEM,
) -> Association:
    """A citizen registers their association and becomes its representative (unverified)."""
    association = Association.objects.create(
        name=name.strip(),
        registration_number=registration_number.strip(),
        registered_with=registered_with,
        description=description,
        commune=commune,
        founded_on=founded_on,
    )
    AssociationMember.objects.create(association=association, user=actor, role=AssociationRole.REPRESENTATIVE)
    audit_record(
        actor=actor, action="association.create", obj=association, institution=registered_with, context=context
    )
    return association


@transaction.atomic
def association_member_add(
    *, actor: User, association: Association, user: User, role: str = AssociationRole.MEMBER, context: Context = SYSTEM
) -> AssociationMember:
    if not association.members.filter(user=actor, role=AssociationRole.REPRESENTATIVE).exists():
        raise PermissionDenied
    member, _created = AssociationMember.objects.update_or_create(
        association=association, user=user, defaults={"role": role}
    )
    audit_record(
        actor=actor,
        action="association.member_add",
        obj=association,
        changes={"user": user.pk, "role": role},
        context=context,
    )
    return member


@transaction.atomic
def association_verify(*, actor: User, association: Association, context: Context = SYSTEM) -> Association:
    """An admin of the institution the association declared itself to marks it verified."""
    if not has_role(actor, association.registered_with, [Role.INSTITUTION_ADMIN]):
        raise PermissionDenied
    if association.verified_at is None:
        association.verified_at = timezone.now()
        association.verified_by = actor
        association.save(update_fields=["verified_at", "verified_by"])
        audit_record(
            actor=actor,
            action="association.verify",
            obj=association,
            institution=association.registered_with,
            context=context,
        )
    return association


def can_act_for(user: User, association: Association) -> bool:
    """Modules call this before letting a citizen act as their association."""
    return (
        association.is_verified and association.members.filter(user=user, role=AssociationRole.REPRESENTATIVE).exists()
    )
