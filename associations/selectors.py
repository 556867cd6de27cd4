"""Reads for associations, scoped to members or to the verifying institution."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from associations.models import Association


def association_list_for_user(*, user: Any) -> QuerySet[Association]:
    return Association.objects.filter(members__user=user).select_related("registered_with").distinct().order_by("name")


def association_get_for_user(*, user: Any, public_id: str) -> Association | None:
    return association_list_for_user(user=user).filter(public_id=public_id).first()


def association_list_for_institution(*, institution: Any, pending_only: bool = False) -> QuerySet[Association]:
    qs = Association.objects.filter(registered_with=institution).select_related("commune")
    if pending_only:
        qs = qs.filter(verified_at__isnull=True)
    return qs.order_by("verified_at", "name")


def association_get_for_institution(*, institution: Any, public_id: str) -> Association | None:
    return association_list_for_institution(institution=institution).filter(public_id=public_id).first()
