"""``{{ day|written_date }}``, ``{{ day|written_date:"weekday" }}``: dates in words (core.dates)."""

from __future__ import annotations

import datetime as dt

from django import template

from core.dates import written_date as _written_date

register = template.Library()


@register.filter(expects_localtime=True)
def written_date(value: dt.date | dt.datetime | None, style: str = "date") -> str:
    """The date in words in the page's language, in one of core.dates.STYLES."""
    return _written_date(value, style)
