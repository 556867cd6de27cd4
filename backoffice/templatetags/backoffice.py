"""The modules' entries in the back-office menu (core.registry.backoffice_links)."""

from __future__ import annotations

from typing import Any

from django import template

from core.registry import Link, backoffice_links

register = template.Library()


@register.simple_tag
def backoffice_menu(staff: Any) -> list[Link]:
    if staff is None:
        return []
    return [link for _key, provider in backoffice_links.items() for link in provider(staff.institution, staff.roles)]
