"""Reads for the portal: the person's items across modules, through the registry."""

from __future__ import annotations

from typing import Any

from core.registry import OfficeItem, my_office_items


def my_office_list(*, user: Any) -> list[OfficeItem]:
    """Everything the person filed, signed or booked, newest first, from every module."""
    items: list[OfficeItem] = []
    for _key, provider in my_office_items.items():
        items.extend(provider(user))
    return sorted(items, key=lambda item: item.updated, reverse=True)
