"""Reads for the portal: the person's items across modules, through the registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.feeds import FeedPage
from core.registry import OfficeItem, my_office_items

if TYPE_CHECKING:
    from accounts.models import User


def my_office_page(*, user: User, after: str | None = None, limit: int = 20) -> FeedPage[OfficeItem]:
    """One page of everything the person filed, signed or booked, most recently changed first, from every
    module, with each module's count (a module that fails is reported unavailable, the rest still shows)."""
    return my_office_items.page(user, after=after, limit=limit)
