"""Issue 11 §6: public pages kept for anonymous visitors, correct per language and per person, dropped on change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_page_is_kept_and_served_again_without_queries(client, django_assert_num_queries):
    InstitutionFactory(name_fr="Commune d'Essai")
    first = client.get("/fr/institutions/")
    assert first["X-Page-Cache"] == "miss" and "Commune d&#x27;Essai" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get("/fr/institutions/")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content


def test_each_language_and_each_query_is_its_own_page(client):
    InstitutionFactory(name_fr="Commune d'Essai", name_ar="جماعة التجربة")
    french = client.get("/fr/institutions/").content.decode()
    arabic = client.get("/ar/institutions/").content.decode()
    assert 'lang="fr"' in french and 'lang="ar"' in arabic and "جماعة التجربة" in arabic
    assert client.get("/fr/institutions/?q=zzz")["X-Page-Cache"] == "miss"


def test_a_change_to_the_data_gives_the_next_visitor_a_fresh_page(client):
    institution = InstitutionFactory(name_fr="Ancien nom")
    client.get("/fr/institutions/")
    institution.name_fr = "Nouveau nom"
    institution.save()
    fresh = client.get("/fr/institutions/")
    assert fresh["X-Page-Cache"] == "miss" and "Nouveau nom" in fresh.content.decode()


def test_a_bulk_update_says_what_changed(client):
    from core.pagecache import changed
    from institutions.models import Institution

    InstitutionFactory(name_fr="Ancien nom")
    client.get("/fr/institutions/")
    Institution.objects.update(name_fr="Nom de masse")  # no signal
    assert "Nom de masse" not in client.get("/fr/institutions/").content.decode()
    changed("institutions")
    assert "Nom de masse" in client.get("/fr/institutions/").content.decode()


def test_a_signed_in_person_always_gets_their_own_page(client):
    client.get("/fr/institutions/")
    client.force_login(UserFactory(full_name="Salma Idrissi"))
    page = client.get("/fr/institutions/")
    assert "X-Page-Cache" not in page and reverse("account_logout") in page.content.decode()


def test_a_page_holding_a_csrf_token_is_never_kept(client):
    first = client.get(reverse("account_login"))
    assert "csrfmiddlewaretoken" in first.content.decode() and "X-Page-Cache" not in first


def test_without_a_time_limit_nothing_is_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get("/fr/institutions/")
