"""Dates in words: "mardi 1er décembre 2026" in French, Django's own forms in Arabic and English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from core.dates import written_date

FIRST = dt.date(2026, 12, 1)  # a Tuesday
OTHER = dt.date(2026, 5, 22)  # a Friday


@pytest.mark.parametrize(
    ("language", "day", "style", "expected"),
    [
        ("fr", FIRST, "weekday", "mardi 1er décembre 2026"),
        ("fr", FIRST, "date", "1er décembre 2026"),
        ("fr", FIRST, "short", "1er déc. 2026"),
        ("fr", FIRST, "weekday_month", "mardi 1er décembre"),
        ("fr", OTHER, "weekday", "vendredi 22 mai 2026"),
        ("fr", OTHER, "date", "22 mai 2026"),
        ("fr", dt.date(2027, 1, 11), "date", "11 janvier 2027"),
        ("ar", FIRST, "weekday", "الثلاثاء 1 ديسمبر 2026"),
        ("ar", OTHER, "date", "22 مايو 2026"),
        ("en", FIRST, "weekday", "Tuesday 1 December 2026"),
        ("en", FIRST, "short", "1 Dec 2026"),
        ("en", OTHER, "date", "22 May 2026"),
    ],
)
def test_date_is_written_in_words_as_the_language_writes_it(
    language: str, day: dt.date, style: str, expected: str
) -> None:
    with translation.override(language):
        assert written_date(day, style) == expected


def test_french_writes_the_first_of_the_month_as_1er_and_a_time_after_a() -> None:
    moment = dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC)  # 14:05 in Casablanca
    with translation.override("fr"):
        assert written_date(moment, "datetime") == "1er décembre 2026 à 14:05"
    with translation.override("en"):
        assert written_date(moment, "datetime") == "1 December 2026, 14:05"


def test_no_date_is_written_as_nothing() -> None:
    assert written_date(None) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Avant le mardi 1er décembre 2026."),
        ("ar", "Avant le الثلاثاء 1 ديسمبر 2026."),
        ("en", "Avant le Tuesday 1 December 2026."),
    ],
)
def test_template_filter_writes_the_date_in_the_page_language(language: str, expected: str) -> None:
    template = Template('{% load dates %}Avant le {{ day|written_date:"weekday" }}.')
    with translation.override(language):
        assert template.render(Context({"day": FIRST})) == expected


WORDS_IN_FORMAT = re.compile(r"""\|date:(["'])([^"']*[lDFMNEb][^"']*|\w+_FORMAT)\1""")
DATE_FORMAT_CALL = re.compile(r"\bdate_format\(")
# The Django admin is for platform administrators; core.dates is where the words are written.
PYTHON_ALLOWED = {"core/dates.py", "institutions/admin.py"}


def _project_files(*suffixes: str) -> list[Path]:
    root = Path(settings.BASE_DIR)
    skipped = {".venv", "var", "node_modules", "static", "locale"}
    return [
        path
        for suffix in suffixes
        for path in root.rglob(f"*{suffix}")
        if not set(path.relative_to(root).parts) & skipped
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and "tests" not in path.relative_to(root).parts
    ]


def test_templates_write_dates_in_words_only_through_written_date():
    root = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in _project_files(".html", ".txt")
        for match in WORDS_IN_FORMAT.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_python_writes_dates_in_words_only_through_written_date():
    root = Path(settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for path in _project_files(".py")
        if str(path.relative_to(root)) not in PYTHON_ALLOWED
        and DATE_FORMAT_CALL.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
