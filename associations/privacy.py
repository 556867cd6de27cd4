"""What associations hold about a person."""

from __future__ import annotations

from typing import Any

from core.registry import data_erasers, data_exporters


def export(user: Any) -> Any:
    from associations.models import AssociationMember

    return [
        {"association": m.association.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
        for m in AssociationMember.objects.filter(user=user).select_related("association")
    ]


def erase(user: Any) -> None:
    from associations.models import AssociationMember

    AssociationMember.objects.filter(user=user).delete()


def register() -> None:
    data_exporters.register("associations", export)
    data_erasers.register("associations", erase)
