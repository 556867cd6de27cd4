"""A commune picker that works without JavaScript: a select grouped by province.

Browsers let a person type to jump within a select; a small script (static/js/filter-select.js)
adds a filter box when JavaScript is on. The choices are built once per language and cached.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.cache import cache
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language

from territories.models import Level, Territory


def commune_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    lang = (get_language() or "fr")[:2]
    key = f"territories:commune-choices:{lang}:v1"
    choices = cache.get(key)
    if choices is None:
        groups: dict[str, list[tuple[int, str]]] = {}
        communes = Territory.objects.filter(level=Level.COMMUNE).select_related("parent")
        for commune in communes:
            groups.setdefault(commune.parent.tr("name") if commune.parent else "", []).append(
                (commune.pk, commune.tr("name"))
            )
        choices = [(group, sorted(items, key=lambda c: c[1])) for group, items in sorted(groups.items())]
        cache.set(key, choices, 3600)
    return choices


class _CommuneChoices(BaseChoiceIterator):
    """Evaluated when the select is rendered, never at import time."""

    def __iter__(self) -> Iterator[Any]:
        yield ("", "—")
        yield from commune_choices()


class CommuneChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Territory.objects.filter(level=Level.COMMUNE), **kwargs)
        self.widget.attrs.update({"data-filter-select": ""})

    def _get_choices(self) -> Any:
        return _CommuneChoices()

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]
