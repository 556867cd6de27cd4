"""An institution picker for forms and filters: a select grouped by kind, its HTML cached.

With every commune on the platform the list holds ~1,600 institutions; rendering that many
options through Django's widget templates costs ~200 ms a page, so the options' HTML is built
once per language and cached until an institution changes (see institutions.signals).
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
from institutions.models import Institution, InstitutionKind

VERSION_KEY = "institutions:choices-version"


def _version() -> int:
    return int(cache.get_or_set(VERSION_KEY, 1, None) or 1)


def invalidate_institution_choices() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def institution_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """(kind label, [(slug, name)]) for the institutions on the platform, in the reader's language."""
    lang = get_language() or settings.LANGUAGE_CODE
    key = f"institutions:choices:{lang}:{_version()}"
    choices = cache.get(key)
    if choices is None:
        groups: dict[str, list[tuple[str, str]]] = {k: [] for k in InstitutionKind.values}
        for institution in Institution.objects.filter(on_platform=True).only(
            "slug", "kind", "name_ar", "name_fr", "name_en"
        ):
            groups[institution.kind].append((institution.slug, institution.tr("name")))
        labels = dict(InstitutionKind.choices)
        choices = [
            (str(labels[kind]), sorted(items, key=lambda item: item[1])) for kind, items in groups.items() if items
        ]
        cache.set(key, choices, 3600)
    return choices  # type: ignore[no-any-return]


def _options_html() -> str:
    lang = get_language() or settings.LANGUAGE_CODE
    return cached_grouped_options(f"institutions:options:{lang}:{_version()}", institution_choices)


class _Choices(BaseChoiceIterator):
    def __init__(self, empty_label: str) -> None:
        self.empty_label = empty_label

    def __iter__(self) -> Iterator[Any]:
        yield ("", self.empty_label)
        yield from institution_choices()


class InstitutionSelect(CachedOptionsSelect):
    """A select whose options come from the cached HTML, with the current value selected."""

    def options_html(self) -> str:
        return _options_html()

    def option_value(self, value: Any) -> str:
        return super().option_value(getattr(value, "slug", value))


class InstitutionChoiceField(forms.ModelChoiceField):
    """Institutions on the platform, by slug; ``exclude`` leaves one out (e.g. for a transfer)."""

    widget = InstitutionSelect

    def __init__(self, *, empty_label: Any = "—", exclude: Any = None, **kwargs: Any) -> None:
        queryset = Institution.objects.filter(on_platform=True)
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        super().__init__(queryset=queryset, to_field_name="slug", empty_label=empty_label, **kwargs)
        self.widget.empty_label = empty_label
        self.widget.exclude = exclude.slug if exclude is not None else ""
        self.widget.attrs.update({"data-filter-select": "", "data-filter-label": _("Type to filter the list")})

    def _get_choices(self) -> Any:
        return _Choices(str(self.empty_label or "—"))

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]
