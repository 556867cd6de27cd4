"""Dates written in words, in the reader's language: "mardi 1er décembre 2026", "Tuesday 1 December 2026"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.formats import date_format

# Each style in Django's date-format letters, per language ("*" for every other language). French
# abbreviates months with a full stop ("déc.", but "mai", "juin") and joins the time with "à";
# Arabic separates the time with its own comma.
STYLES: dict[str, dict[str, str]] = {
    "date": {"*": "j F Y"},
    "weekday": {"*": "l j F Y"},
    "weekday_month": {"*": "l j F"},
    "short": {"fr": "j N Y", "*": "j M Y"},
    "datetime": {"fr": r"j F Y \à H:i", "ar": "j F Y، H:i", "*": "j F Y, H:i"},
    "short_datetime": {"fr": r"j N \à H:i", "ar": "j F، H:i", "*": "j M, H:i"},
}


def _literal(text: str) -> str:
    """Text escaped so that Django's date format prints it as it is."""
    return "".join("\\" + char for char in text)


def _french(pattern: str, day: dt.date) -> str:
    """The pattern with the first of the month as "1er" and the weekday in lower case, as French writes them."""
    out: list[str] = []
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            out.append(char + next(chars, ""))
        elif char == "j" and day.day == 1:
            out.append(_literal("1er"))
        elif char == "l":
            # The project's French catalogue capitalises weekdays for the opening-hours table ("Mardi").
            out.append(_literal(date_format(day, "l").lower()))
        else:
            out.append(char)
    return "".join(out)


def written_date(value: dt.date | dt.datetime | None, style: str = "date") -> str:
    """A date (or date and time) written in words in the active language; "" for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    formats = STYLES[style]
    language = (translation.get_language() or "en").split("-")[0]
    pattern = formats.get(language, formats["*"])
    if language == "fr":
        pattern = _french(pattern, value)
    return date_format(value, pattern)
