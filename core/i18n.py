"""Content written per language (name_ar, name_fr, name_en) with a fallback order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import get_language, get_language_info, gettext_lazy

# How a text shown in another language than the page's is announced ("Budget 2026 (in French)").
IN_LANGUAGE = {
    "ar": gettext_lazy("(in Arabic)"),
    "fr": gettext_lazy("(in French)"),
    "en": gettext_lazy("(in English)"),
}
RTL = {"ar"}


def fallback_order(language: str | None = None) -> list[str]:
    """The languages to try, the reader's first; language codes are whole codes (``zgh`` is not ``zg``)."""
    lang = language or get_language() or settings.LANGUAGE_CODE
    if lang not in settings.CONTENT_FALLBACK:
        lang = lang.split("-", 1)[0]  # "fr-ma" reads as "fr"
    return settings.CONTENT_FALLBACK.get(lang, [lang, "fr", "ar", "en"])


class LocalText(str):
    """A text institutions wrote, with the language it is in. When that is not the reader's language (a
    fallback), a page shows it marked: ``lang`` and ``dir`` on the text, so screen readers switch voice, and a
    visible "(in French)". Plain-text uses (emails, ``str()``, filters) get the bare text."""

    lang: str
    fallback: bool

    def __new__(cls, value: str = "", lang: str = "", fallback: bool = False) -> LocalText:
        text = super().__new__(cls, value)
        text.lang = lang
        text.fallback = fallback
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalText, (str(self), self.lang, self.fallback))

    def __html__(self) -> str:
        text = escape(str(self))
        if not self.fallback:
            return text
        direction = "rtl" if self.lang in RTL else "ltr"
        hint = IN_LANGUAGE.get(self.lang, f"({self.lang})")
        return f'<span lang="{self.lang}" dir="{direction}">{text}</span> <span class="lang-hint">{escape(hint)}</span>'


def translated(obj: Any, field: str, language: str | None = None) -> str:
    """The field in the reader's language, else the first language that has it (marked as a fallback)."""
    order = fallback_order(language)
    for lang in order:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return LocalText(str(value), lang, fallback=lang != order[0])
    return ""


def missing_languages(obj: Any, field: str) -> list[str]:
    """The site's languages this field is not written in yet (for editors: what is left to translate)."""
    return [code for code, _name in settings.LANGUAGES if not getattr(obj, f"{field}_{code}", "")]


@dataclass(frozen=True)
class Gap:
    """A text written in some of the site's languages but not all: what it is and which languages it lacks."""

    what: str
    missing: tuple[str, ...]
    url: str = ""  # where an editor fills it in

    @property
    def missing_names(self) -> str:
        return ", ".join(str(get_language_info(code)["name_translated"]) for code in self.missing)


def text_gaps(items: Iterable[tuple[str, Any, Sequence[str]]]) -> list[Gap]:
    """For each (what it is, object, per-language fields), the languages a written field lacks (a field empty in
    every language is not a gap: it is not used)."""
    codes = [code for code, _name in settings.LANGUAGES]
    gaps = []
    for what, obj, fields in items:
        missing: set[str] = set()
        for field in fields:
            values = {code: getattr(obj, f"{field}_{code}", "") for code in codes}
            if any(values.values()):
                missing.update(code for code, value in values.items() if not value)
        if missing:
            gaps.append(Gap(str(what), tuple(code for code in codes if code in missing)))
    return gaps


def language_codes() -> list[str]:
    """The site's languages, whole codes, in settings order (``settings.LANGUAGES`` is the one list)."""
    return [code for code, _name in settings.LANGUAGES]


def per_language(*names: str) -> list[str]:
    """The columns of translated fields, e.g. ``per_language("title")`` → ``["title_ar", "title_fr", …]``."""
    return [f"{name}_{code}" for name in names for code in language_codes()]


def text_in(obj: Any, name: str, language: str) -> str:
    """One language's text of a translated field (``text_in(holiday, "name", "fr")``), typed for mypy."""
    return str(getattr(obj, f"{name}_{language}", "") or "")


def written_in(obj: Any, name: str) -> dict[str, str]:
    """A translated field's texts by language, the empty ones left out (for the API)."""
    return {code: value for code in language_codes() if (value := getattr(obj, f"{name}_{code}", ""))}


def _local_text_getter(name: str, field: Any) -> Any:
    return lambda obj: translated(obj, name)


def translated_field(field: Any, *, required: Iterable[str] = ()) -> Any:
    """A text written per language, declared once: one column per language of ``settings.LANGUAGES``
    (``name_ar``, ``name_fr``, …, django-translated-fields), each named "<name> (<language>)"; ``obj.name`` reads
    the reader's language with the fallback of ``CONTENT_FALLBACK`` (a ``LocalText``). ``required``: the
    languages that must be written (the others may be blank). A new language in settings is a migration away."""
    from django.utils.text import format_lazy
    from translated_fields import TranslatedField

    specific: dict[str, dict[str, Any]] = {}
    for code, language in settings.LANGUAGES:
        options: dict[str, Any] = {"verbose_name": format_lazy("{} ({})", field.verbose_name, language)}
        if code in required:
            options["blank"] = False
        specific[code] = options
    return TranslatedField(field, specific, attrgetter=_local_text_getter)


def mark_language_inputs(form: Any) -> None:
    """Give each per-language input of a form its language and direction (``title_ar`` → lang="ar" dir="rtl"), so
    it is typed, spell-checked and read out in the right language."""
    for name, field in form.fields.items():
        for code in language_codes():
            if name.endswith(f"_{code}"):
                field.widget.attrs["lang"] = code
                field.widget.attrs["dir"] = "rtl" if code in RTL else "ltr"


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
