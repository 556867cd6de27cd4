"""What associations hold about a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.registry import data_erasers, data_exporters

if TYPE_CHECKING:
    from accounts.models import User


def export(user: User) -> Any:
    from associations.models import AssociationMember

    return [
        {"association": m.association.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
        for m in AssociationMember.objects.filter(user=user).select_related("association")
    ]


def erase(user: User) -> None:
    from associations.models import AssociationMember

    AssociationMember.objects.filter(user=user).delete()


def register() -> None:
    data_exporters.register("associations", export)
    data_erasers.register("associations", erase)
