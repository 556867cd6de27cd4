"""A mark on a request's user: this session holds no staff rights (set by accounts' second-factor gate).

Kept in core so that every app's permission checks — including those below accounts, such as institutions' holiday
editors — can read it without importing accounts.
"""

from __future__ import annotations

from typing import Any

_WITHHELD = "_co_staff_rights_withheld"


def withhold(user: Any) -> None:
    setattr(user, _WITHHELD, True)


def withheld(user: Any) -> bool:
    return bool(getattr(user, _WITHHELD, False))


def is_platform_admin(user: Any) -> bool:
    """A superuser whose session passed the second factor."""
    return bool(getattr(user, "is_superuser", False)) and not withheld(user)
