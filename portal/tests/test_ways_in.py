"""Ways in: the home page's cards and search, the main menu, in every language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from core.registry import SearchBlock, site_search
from information.tests.factories import PublicationFactory
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db
LANGS = ("ar", "fr", "en")


def _url(name: str, lang: str, *args: str) -> str:
    with translation.override(lang):
        return reverse(name, args=list(args))


@pytest.mark.parametrize("lang", LANGS)
def test_each_home_card_links_to_real_pages(client, lang, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    cards = html.split('aria-labelledby="what-heading"', 1)[1].split("</section>", 1)[0]
    for name in (
        "information:index",
        "information:library",
        "information:new",
        "procedures:catalogue",
        "applications:track",
        "information:log",
        "associations:new",
    ):
        url = _url(name, lang)
        assert f'href="{url}"' in cards, name
        assert client.get(url).status_code in (200, 302), name  # 302: sign in first (asking, associations)
    if lang == "en":  # what is not built yet is not promised
        assert "petition" not in cards.lower() and "vote" not in cards.lower()


@pytest.mark.parametrize("lang", LANGS)
def test_the_main_menu_names_the_modules_for_visitors_and_for_citizens(client, lang):
    expected = {
        "information:index": "Information",
        "procedures:catalogue": "Procedures",
        "applications:track": "Track my file",
        "institutions:directory": "Institutions",
    }
    for signed_in in (False, True):
        if signed_in:
            client.force_login(UserFactory())
        html = client.get(_url("information:library", lang)).content.decode()
        nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
        phone, wide = nav.split('class="wrap main-nav__wide"', 1)
        for name, label in expected.items():
            with translation.override(lang):
                link = f'href="{_url(name, lang)}"'
                assert link in phone and link in wide, name
                assert translation.gettext(label) in wide
        # The page's own module is marked as the current one.
        assert f'href="{_url("information:index", lang)}" aria-current="page"' in wide
        assert "<summary" in phone  # the phone menu is a disclosure: it opens without JavaScript


def test_the_menu_is_in_menu_order():
    from portal.context_processors import _main_menu

    with translation.override("en"):
        labels = [str(entry["label"]) for entry in _main_menu("/en/")]
    assert labels[:5] == ["Information", "Procedures", "Track my file", "Institutions", "Appointments"]


@pytest.fixture
def findable(db):
    institution = InstitutionFactory(name_fr="Commune de Tazenakht", name_ar="جماعة تازناخت", name_en="Tazenakht")
    ProcedureFactory(
        adopted=True,
        institution=institution,
        title_fr="Certificat de résidence Tazenakht",
        title_ar="شهادة السكنى تازناخت",
        title_en="Residence certificate Tazenakht",
    )
    PublicationFactory(institution=institution, title="Budget de Tazenakht 2026")
    return institution


@pytest.mark.parametrize("lang", LANGS)
def test_one_search_finds_procedures_publications_and_institutions_grouped_by_kind(client, findable, lang):
    response = client.get(_url("portal:search", lang), {"q": "Tazenakht"})
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(lang):
        for kind in ("Procedures", "Publications", "Institutions"):
            assert f"{translation.gettext(kind)} <span" in html, kind
    title = {"ar": "شهادة السكنى تازناخت", "fr": "Certificat de résidence Tazenakht"}.get(lang, "Residence certificate")
    assert title in html  # in the reader's language
    assert "Budget de Tazenakht 2026" in html
    assert _url("institutions:detail", lang, findable.slug) in html


def test_the_home_search_box_sends_to_the_site_search(client):
    html = client.get("/en/").content.decode()
    assert f'action="{_url("portal:search", "en")}"' in html
    assert "Search for a procedure, a publication or an institution" in html


def test_search_shows_a_few_per_kind_and_links_to_all_of_them(client, django_assert_max_num_queries):
    institution = InstitutionFactory()
    for n in range(12):
        ProcedureFactory(adopted=True, institution=institution, title_fr=f"Attestation Zerhoun {n}")
    with django_assert_max_num_queries(8):
        response = client.get("/fr/search/", {"q": "Zerhoun"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Attestation Zerhoun") == 5
    assert "/fr/procedures/?q=Zerhoun" in html and "12" in html


def test_search_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    institution = InstitutionFactory(name_fr="Commune Ouarzazate")
    for n in range(30):
        ProcedureFactory(adopted=True, institution=institution, title_fr=f"Ouarzazate {n}")
        PublicationFactory(institution=institution, title=f"Ouarzazate {n}", with_file=False)
    with django_assert_max_num_queries(8):
        response = client.get("/fr/search/", {"q": "Ouarzazate"})
    assert response.status_code == 200
    assert response.content.decode().count("Ouarzazate 1") >= 2


def test_a_failing_kind_is_reported_and_the_others_still_answer(client, findable, caplog):
    def broken(query: str, limit: int) -> SearchBlock:
        raise RuntimeError("index down")

    site_search.register("broken", broken)
    try:
        response = client.get("/en/search/", {"q": "Tazenakht"})
    finally:
        site_search.unregister("broken")
    html = response.content.decode()
    assert response.status_code == 200
    assert "could not be searched for the moment" in html
    assert "Residence certificate Tazenakht" in html
    assert "search broken failed" in caplog.text


def test_nothing_found_says_so_and_offers_the_modules(client, findable):
    html = client.get("/en/search/", {"q": "zzzz-nothing"}).content.decode()
    assert "Nothing matches these words." in html
    assert f'href="{_url("procedures:catalogue", "en")}"' in html.split("empty-state", 1)[1]


def test_an_empty_search_shows_the_box_only(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/en/search/")
    assert response.status_code == 200
    assert "result for" not in response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_the_information_page_leads_to_every_way_of_getting_information(client, lang, django_assert_max_num_queries):
    for n in range(8):
        PublicationFactory(title=f"Rapport {n}", with_file=False)
    with django_assert_max_num_queries(4):
        response = client.get(_url("information:index", lang))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("information:library", "information:new", "information:log", "information:statistics"):
        assert f'href="{_url(name, lang)}"' in html, name
    assert html.count("Rapport ") == 5
