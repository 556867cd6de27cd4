"""What accounts hold about a person, for "My data" (law 09-08)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.registry import data_exporters

if TYPE_CHECKING:
    from accounts.models import User


def export(user: User) -> Any:
    from allauth.account.models import EmailAddress

    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "commune": str(user.commune) if user.commune_id else None,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "assurance_level": user.assurance_level,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "identity_checks": [
            {
                "office": str(c.office),
                "checked_at": c.checked_at.isoformat(),
                "document_kind": c.document_kind,
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in user.identity_checks.select_related("office")
        ],
        "memberships": [
            {"institution": str(m.institution), "role": m.role, "active": m.is_active}
            for m in user.memberships.select_related("institution")
        ],
    }


def register() -> None:
    data_exporters.register("account", export)
