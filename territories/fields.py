"""A commune picker that works without JavaScript: a select grouped by province.

Browsers let a person type to jump within a select; a small script (static/js/citizen-office.js)
adds a filter box when JavaScript is on. The options' HTML is built once per language and cached:
rendering 1,503 options through Django's widget templates on every sign-up would cost ~100 ms.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.widgets import CachedOptionsSelect, cached_grouped_options
from territories.models import Level, Territory


def commune_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    lang = get_language() or settings.LANGUAGE_CODE
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


def _options_html() -> str:
    lang = get_language() or settings.LANGUAGE_CODE
    return cached_grouped_options(f"territories:commune-options:{lang}:v1", commune_choices)


class CommuneSelect(CachedOptionsSelect):
    """A select whose options come from the cached HTML, with the current value selected."""

    def options_html(self) -> str:
        return _options_html()


class CommuneChoiceField(forms.ModelChoiceField):
    widget = CommuneSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Territory.objects.filter(level=Level.COMMUNE), **kwargs)
        self.widget.attrs.update({"data-filter-select": "", "data-filter-label": _("Type to filter the list")})

    def _get_choices(self) -> Any:
        return _CommuneChoices()

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]


class CommuneHiddenField(forms.ModelChoiceField):
    """A commune chosen with the step-by-step chooser (territories.places) and carried in a hidden input."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Territory.objects.filter(level=Level.COMMUNE), **kwargs)
