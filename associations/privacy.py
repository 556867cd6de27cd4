"""What associations hold about a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from core.registry import HomeLink, Mission, data_erasers, data_exporters, home_links

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
    home_links.register(
        "associations",
        HomeLink(
            Mission.PARTICIPATION,
            gettext_lazy("Register your association"),
            "associations:new",
            gettext_lazy("Declare it to the institution it works with, which verifies it."),
            order=20,
        ),
    )
