"""Issue 11 §6: public pages kept for anonymous visitors, correct per language and per person, dropped on change."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.template import RequestContext, Template
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.pagecache import public_form_page, public_page
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


def _token(page) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page.content.decode())
    assert match, "the form has no CSRF token"
    return match.group(1)


def _csrf_view(body: str):
    def view(request):
        return HttpResponse(Template(body).render(RequestContext(request)))

    return view


def test_a_public_page_holding_a_csrf_token_is_never_kept(rf):
    view = public_page()(_csrf_view('<form method="post">{% csrf_token %}</form>'))
    first = view(rf.get("/fr/essai/"))
    assert "X-Page-Cache" not in first and "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Page-Cache" not in view(rf.get("/fr/essai/"))


@pytest.mark.parametrize("name", ["account_login", "account_signup"])
def test_a_form_page_is_kept_and_each_visitor_gets_a_token_of_their_own(name):
    first_visitor, second_visitor = Client(), Client()
    first = first_visitor.get(reverse(name))
    second = second_visitor.get(reverse(name))
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert _token(first) != _token(second) and _token(first) not in second.content.decode()
    first_secret = first_visitor.cookies[settings.CSRF_COOKIE_NAME].value
    second_secret = second_visitor.cookies[settings.CSRF_COOKIE_NAME].value
    assert first_secret != second_secret
    assert _unmask_cipher_token(_token(second)) == second_secret
    assert "pagecache-csrf-token-slot" not in first.content.decode() + second.content.decode()


def test_the_token_of_a_kept_sign_in_page_is_accepted():
    Client().get(reverse("account_login"))  # the page is now kept
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(reverse("account_login"))
    assert page["X-Page-Cache"] == "hit"
    answer = visitor.post(
        reverse("account_login"),
        {"csrfmiddlewaretoken": _token(page), "login": "personne@example.org", "password": "pas le bon"},
    )
    assert answer.status_code == 200 and "error-summary" in answer.content.decode()  # the form refused it, not CSRF
    assert Client(enforce_csrf_checks=True).post(reverse("account_login"), {"login": "x"}).status_code == 403


def test_a_visitor_with_a_csrf_cookie_keeps_it(client):
    client.get(reverse("account_login"))
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    again = client.get(reverse("account_login"))
    assert again["X-Page-Cache"] == "hit" and _unmask_cipher_token(_token(again)) == secret


def test_every_mask_of_the_secret_becomes_a_slot_and_a_shown_secret_is_never_kept(rf):
    tokens = public_form_page()(
        _csrf_view('<form method="post">{% csrf_token %}</form><meta name="t" content="{{ csrf_token }}">')
    )
    first = tokens(rf.get("/fr/formulaire/"))
    second_request = rf.get("/fr/formulaire/")
    second = tokens(second_request)
    assert second["X-Page-Cache"] == "hit"
    values = re.findall(r"[A-Za-z0-9]{64}", second.content.decode())
    assert len(values) == 2 and all(_unmask_cipher_token(v) == second_request.META["CSRF_COOKIE"] for v in values)
    assert not set(values) & set(re.findall(r"[A-Za-z0-9]{64}", first.content.decode()))

    def shows_the_secret(request):
        get_token(request)
        return HttpResponse(f"<p>{request.META['CSRF_COOKIE']}</p>")

    view = public_form_page()(shows_the_secret)
    assert "X-Page-Cache" not in view(rf.get("/fr/secret/"))
    assert "X-Page-Cache" not in view(rf.get("/fr/secret/"))


def test_without_a_time_limit_nothing_is_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get("/fr/institutions/")
