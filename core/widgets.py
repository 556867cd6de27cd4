"""A select whose options' HTML is built once and cached, for lists of a thousand entries or more.

Rendering 1,500 options through Django's widget templates costs 100-200 ms a page; subclasses
give the options' HTML (cached per language), and this class marks the current value selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.cache import cache
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


class CachedOptionsSelect(forms.Select):
    empty_label: Any = "—"
    exclude: str = ""  # a value left out of the list

    def options_html(self) -> str:
        raise NotImplementedError

    def option_value(self, value: Any) -> str:
        return "" if value in (None, "") else str(value)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        current = self.option_value(value)
        options = self.options_html()
        if self.exclude:
            start = options.find(f'<option value="{escape(self.exclude)}">')
            if start >= 0:
                options = options[:start] + options[options.index("</option>", start) + len("</option>") :]
        if current:
            option = f'<option value="{escape(current)}">'
            options = options.replace(option, option[:-1] + " selected>", 1)
        selected = "" if current else mark_safe(" selected")
        empty = format_html('<option value=""{}>{}</option>', selected, self.empty_label)
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(empty + options))


def cached_grouped_options(key: str, groups: Callable[[], Iterable[tuple[str, Iterable[tuple[Any, str]]]]]) -> str:
    """The <optgroup>/<option> HTML of ``groups()``, built once and cached an hour under ``key``."""
    html = cache.get(key)
    if html is None:
        parts = []
        for group, items in groups():
            options = "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in items)
            parts.append(f'<optgroup label="{escape(group)}">{options}</optgroup>')
        html = "".join(parts)
        cache.set(key, html, 3600)
    return str(html)
