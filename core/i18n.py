"""Content written per language (name_ar, name_fr, name_en) with a fallback order."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language


def fallback_order(language: str | None = None) -> list[str]:
    lang = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    return settings.CONTENT_FALLBACK.get(lang, [lang, "fr", "ar", "en"])


def translated(obj: Any, field: str, language: str | None = None) -> str:
    """The field in the reader's language, else the first language that has it."""
    for lang in fallback_order(language):
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return str(value)
    return ""


class TranslatedMixin:
    """Gives models ``obj.tr('name')`` for their per-language fields."""

    def tr(self, field: str) -> str:
        return translated(self, field)


def path_without_language(name: str, *args: Any) -> str:
    """A page's path without its /<lang>/ prefix, for links in messages (the site opens it in the reader's language)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        path = reverse(name, args=list(args))
    return "/" + path.split("/", 2)[2] if path.count("/") > 2 else path
