"""Reads for accounts: assurance checks that every module calls, and the person's data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accounts.models import Assurance, IdentityCheck, Membership, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from institutions.models import Institution


class InsufficientAssurance(PermissionDenied):
    """The person must raise their level of assurance first (e.g. at a Citizen Office)."""

    def __init__(self, required: int) -> None:
        super().__init__(required)
        self.required = required


def has_assurance(user: User | AnonymousUser, level: int) -> bool:
    return isinstance(user, User) and int(user.assurance_level) >= int(level)


def require_assurance(user: User | AnonymousUser, level: int) -> None:
    if not has_assurance(user, level):
        raise InsufficientAssurance(level)


@dataclass(frozen=True)
class IdentitySummary:
    office: Any
    checked_at: datetime
    document_kind: str


def identity_check_latest(*, user: User) -> IdentitySummary | None:
    """The check shown as "identity checked at <office> on <date>"."""
    check = (
        IdentityCheck.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("office")
        .order_by("-checked_at")
        .first()
    )
    if check is None:
        return None
    return IdentitySummary(
        office=check.office, checked_at=check.checked_at, document_kind=check.get_document_kind_display()
    )


def membership_list_for_institution(*, actor: User, institution: Institution) -> QuerySet[Membership]:
    from accounts.models import Role
    from accounts.permissions import has_role

    if not has_role(actor, institution, [Role.INSTITUTION_ADMIN]):
        return Membership.objects.none()
    return (
        Membership.objects.filter(institution=institution)
        .select_related("user", "department")
        .order_by("user__full_name", "role")
    )


__all__ = ["Assurance", "has_assurance", "identity_check_latest", "require_assurance"]


def identity_check_list(*, user: User) -> list[IdentityCheck]:
    """Every identity check of the person, withdrawn ones too, newest first (what they and the desk see)."""
    return list(
        IdentityCheck.objects.filter(user=user).select_related("office", "office__institution").order_by("-checked_at")
    )
