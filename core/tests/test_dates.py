"""Dates in words: "mardi 1er décembre 2026" in French, Django's own forms in Arabic and English."""

from __future__ import annotations

import datetime as dt

import pytest
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
