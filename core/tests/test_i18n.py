"""Every interface string is translated in ar, fr and en; institution content falls back."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from core.i18n import translated

LOCALES = [code for code, _name in settings.LANGUAGES]
# Catalogues that must be complete; the others (settings.PARTIAL_CATALOGUES) hold every entry, some untranslated.
COMPLETE = [code for code in LOCALES if code not in settings.PARTIAL_CATALOGUES]
ROOT = Path(settings.BASE_DIR)


def _catalogue(lang: str, base: Path = ROOT / "locale") -> polib.POFile:
    return polib.pofile(str(base / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", COMPLETE)
def test_catalogue_has_no_missing_or_fuzzy_entry(lang):
    catalogue = _catalogue(lang)
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {lang}: {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {lang}: {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LOCALES)
def test_compiled_catalogue_matches_its_source(lang):
    """The committed .mo answers every entry of the .po (run `make messages` after editing)."""
    catalogue = _catalogue(lang)
    with translation.override(lang):
        for entry in catalogue.translated_entries():
            if entry.msgid_plural or entry.msgctxt or entry.obsolete:
                continue
            assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    """Extract the strings afresh into a copy of the catalogues: nothing new may be missing.

    makemessages writes next to the nearest ``locale`` folder, so it runs in a scratch folder
    that links to the sources and holds a copy of the catalogues: the real files are untouched.
    """
    for entry in ROOT.iterdir():
        if entry.name not in {"locale", ".venv", "var", ".git", "browser_tests"} and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "locale", tmp_path / "catalogues")
    settings.LOCALE_PATHS = [tmp_path / "catalogues"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=LOCALES, symlinks=True, no_location=True, verbosity=0)
    for lang in COMPLETE:
        catalogue = _catalogue(lang, tmp_path / "catalogues")
        missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries() if not e.obsolete]
        assert not missing, f"new strings not translated in {lang}: {missing[:10]} — run `make messages`"
    # A catalogue still being translated has an entry for every string (it may be empty: read in its fallback).
    for lang in settings.PARTIAL_CATALOGUES:
        fresh = {e.msgid for e in _catalogue(lang, tmp_path / "catalogues") if not e.obsolete}
        kept = {e.msgid for e in _catalogue(lang) if not e.obsolete}
        assert fresh <= kept, f"strings missing from {lang}: {sorted(fresh - kept)[:10]} — run `make messages`"


def test_an_amazigh_reader_sees_arabic_where_the_amazigh_catalogue_has_no_translation():
    untranslated = next(e.msgid for e in _catalogue("zgh").untranslated_entries() if not e.msgid_plural)
    with translation.override("ar"):
        arabic = translation.gettext(untranslated)
    with translation.override("zgh"):
        assert translation.gettext(untranslated) == arabic != untranslated
    with translation.override("fr"):
        assert translation.gettext(untranslated) != arabic


class Content:
    name_ar = "جماعة الرباط"
    name_fr = "Commune de Rabat"
    name_en = ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "جماعة الرباط"), ("fr", "Commune de Rabat"), ("en", "Commune de Rabat")],
)
def test_institution_content_falls_back_to_another_language(lang, expected):
    with translation.override(lang):
        assert translated(Content(), "name") == expected


def test_content_in_arabic_only_is_shown_to_french_readers():
    obj = Content()
    obj.name_fr = ""
    with translation.override("fr"):
        assert translated(obj, "name") == "جماعة الرباط"


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["zgh", "zgh-Tfng-MA,fr;q=0.8", "zgh-MA, ar;q=0.9"])
def test_the_api_answers_an_amazigh_reader_in_amazigh_then_arabic(client, header):
    from institutions.tests.factories import InstitutionFactory
    from procedures.tests.factories import ProcedureFactory

    written = InstitutionFactory(name_fr="Commune A", name_zgh="ⵜⴰⵎⵙⵏⴰⵡⵜ ⴰ", name_ar="جماعة أ")
    arabic_only = InstitutionFactory(name_fr="Commune B", name_ar="جماعة ب")
    procedure = ProcedureFactory(adopted=True, title_zgh="", title_ar="شهادة السكنى", title_fr="Certificat")

    response = client.get("/api/v1/institutions", HTTP_ACCEPT_LANGUAGE=header)
    assert response["Content-Language"] == "zgh"
    names = {r["slug"]: r for r in response.json()["results"]}
    assert names[written.slug]["name"] == "ⵜⴰⵎⵙⵏⴰⵡⵜ ⴰ" and names[written.slug]["names"]["zgh"] == "ⵜⴰⵎⵙⵏⴰⵡⵜ ⴰ"
    # Not written in Amazigh: the reader gets Arabic (settings.CONTENT_FALLBACK), not French.
    assert names[arabic_only.slug]["name"] == "جماعة ب" and "zgh" not in names[arabic_only.slug]["names"]
    titles = [p["title"] for p in client.get("/api/v1/procedures", HTTP_ACCEPT_LANGUAGE=header).json()["results"]]
    assert titles == ["شهادة السكنى"] and procedure.public_id
    # The same request in French reads French: the header, not a default, chose the language.
    french = client.get("/api/v1/institutions", HTTP_ACCEPT_LANGUAGE="fr")
    assert french["Content-Language"] == "fr"
    assert {r["slug"]: r["name"] for r in french.json()["results"]}[arabic_only.slug] == "Commune B"
