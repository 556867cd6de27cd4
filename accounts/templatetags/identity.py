"""The person's identity checks, for their own pages: ``{% identity_checks user as checks %}``."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import IdentityCheck, User
from accounts.selectors import identity_check_list

register = template.Library()


@register.simple_tag
def identity_checks(user: Any) -> list[IdentityCheck]:
    """Every check of the signed-in person, withdrawn ones too (one query, with the offices)."""
    if not isinstance(user, User):
        return []
    return identity_check_list(user=user)
