"""The site's languages beyond what Django ships: Amazigh (``zgh``) and catalogues still being translated.

- ``settings.LANG_INFO_EXTRA``: the name of a language Django does not know, in English and in its own script,
  and its direction, so ``get_language_info`` and the language switcher work for it.
- ``settings.PARTIAL_CATALOGUES``: a language whose interface catalogue is not complete yet, and the one its
  missing strings are read from. Django would fall back to the site's default (French); an Amazigh reader should
  see Arabic instead. The catalogue of ``zgh`` gets ``ar`` as its fallback, which itself falls back to French.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def install() -> None:
    from django.conf.locale import LANG_INFO
    from django.utils.translation import trans_real

    for code, info in getattr(settings, "LANG_INFO_EXTRA", {}).items():
        LANG_INFO.setdefault(code, info)
    if getattr(trans_real.translation, "reads_partial_catalogues", False):
        return
    original = trans_real.translation

    def translation(language: str) -> Any:
        catalogue = original(language)
        fallback = getattr(settings, "PARTIAL_CATALOGUES", {}).get(language)
        if fallback and getattr(catalogue, "_fallback_language", None) != fallback:
            # gettext's own chain (NullTranslations.add_fallback keeps it in ``_fallback``): missing → fallback
            catalogue._fallback = original(fallback)  # type: ignore[attr-defined]
            catalogue._fallback_language = fallback  # type: ignore[attr-defined]
        return catalogue

    translation.reads_partial_catalogues = True  # type: ignore[attr-defined]
    trans_real.translation = translation
