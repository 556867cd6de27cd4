"""Texts institutions wrote: in the reader's language when written, else marked with the language they are in."""

from __future__ import annotations

import pickle

import pytest
from django.template import Context, Template
from django.utils import translation

from core.i18n import LocalText, fallback_order, language_codes, missing_languages, translated


class Sheet:
    title_ar = ""
    title_fr = "Budget 2026"
    title_en = ""


def test_the_readers_language_is_not_marked():
    with translation.override("fr"):
        title = translated(Sheet(), "title")
    assert title == "Budget 2026" and not title.fallback
    assert title.__html__() == "Budget 2026"


@pytest.mark.parametrize(("lang", "hint"), [("ar", "(بالفرنسية)"), ("en", "(in French)")])
def test_a_fallback_is_marked_with_its_language_on_a_page(lang, hint):
    with translation.override(lang):
        title = translated(Sheet(), "title")
        html = Template("<p>{{ t }}</p>").render(Context({"t": title}))
    assert title.fallback and title.lang == "fr"
    assert '<span lang="fr" dir="ltr">Budget 2026</span>' in html
    assert f'<span class="lang-hint">{hint}</span>' in html


def test_an_arabic_fallback_reads_right_to_left():
    sheet = Sheet()
    sheet.title_fr, sheet.title_ar = "", "ميزانية 2026"
    with translation.override("en"):
        assert '<span lang="ar" dir="rtl">' in translated(sheet, "title").__html__()


def test_plain_text_uses_get_the_bare_text():
    with translation.override("en"):
        title = translated(Sheet(), "title")
        text = Template("{% autoescape off %}{{ t }}{% endautoescape %}").render(Context({"t": title}))
        page_title = Template("{% load text %}<title>{% filter plain_title %}{{ t }}{% endfilter %}</title>").render(
            Context({"t": title})
        )
        attribute = Template('{% load text %}<img alt="{{ t|plain }}">').render(Context({"t": title}))
    assert text == "Budget 2026"
    assert page_title == "<title>Budget 2026</title>"
    assert attribute == '<img alt="Budget 2026">'
    assert type(str(title)) is str


def test_html_in_the_text_is_escaped_even_when_marked():
    sheet = Sheet()
    sheet.title_fr = "<b>x</b>"
    with translation.override("en"):
        assert "<b>" not in translated(sheet, "title").__html__()


def test_a_marked_text_survives_the_cache():
    text = LocalText("Budget", "fr", True)
    again = pickle.loads(pickle.dumps(text))  # noqa: S301 — our own bytes, as the cache does
    assert (again, again.lang, again.fallback) == ("Budget", "fr", True)


def test_language_codes_are_whole_codes(settings):
    settings.CONTENT_FALLBACK = {**settings.CONTENT_FALLBACK, "zgh": ["zgh", "ar", "fr", "en"]}
    assert fallback_order("zgh")[0] == "zgh"
    assert fallback_order("fr-ma")[0] == "fr"


def test_missing_languages_lists_what_is_left_to_translate():
    assert missing_languages(Sheet(), "title") == [code for code in language_codes() if code != "fr"]
