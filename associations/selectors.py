"""Reads for associations, scoped to members or to the verifying institution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from associations.models import Association

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution


def association_list_for_user(*, user: User) -> QuerySet[Association]:
    return Association.objects.filter(members__user=user).select_related("registered_with").distinct().order_by("name")


def association_get_for_user(*, user: User, public_id: str) -> Association | None:
    return association_list_for_user(user=user).filter(public_id=public_id).first()


def association_list_for_institution(*, institution: Institution, pending_only: bool = False) -> QuerySet[Association]:
    qs = Association.objects.filter(registered_with=institution).select_related("commune")
    if pending_only:
        qs = qs.filter(verified_at__isnull=True)
    return qs.order_by("verified_at", "name")


def association_get_for_institution(*, institution: Institution, public_id: str) -> Association | None:
    return association_list_for_institution(institution=institution).filter(public_id=public_id).first()
