"""Filters for texts institutions wrote (core.i18n.LocalText): the bare text where markup cannot go."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

HINT = re.compile(r'\s*<span class="lang-hint">.*?</span>')


@register.filter
def plain(value: Any) -> str:
    """The text alone, for attributes (``title=``, ``alt=``) and other places where a tag would show."""
    return str(value) if value is not None else ""


@register.filter(is_safe=True)
def plain_title(value: str) -> SafeString:
    """A rendered ``<title>``: the "(in French)" hints and every tag removed, the escaped text kept."""
    return mark_safe(strip_tags(HINT.sub("", value)))


@register.filter
def in_language(names: Any) -> str:
    """A name kept per language (``{"ar": …, "fr": …}``) in the reader's language, else French, else any."""
    from django.utils.translation import get_language

    if not isinstance(names, dict) or not names:
        return ""
    return str(names.get(get_language() or "") or names.get("fr") or next(iter(names.values())))
