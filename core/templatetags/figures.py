"""``{{ figures|punctuality }}``: an on-time record in words that add up (core.punctuality)."""

from __future__ import annotations

from typing import Any

from django import template

from core.punctuality import Punctuality

register = template.Library()


@register.filter
def punctuality(figures: Any, wording: str = "answers") -> str:
    """ "8 answered on time out of 10 due; 2 overdue …"; ``"decisions"`` words it for applications."""
    return str(Punctuality.of(figures, decisions=wording == "decisions"))
