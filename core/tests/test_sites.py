"""Links that leave the page (emails, SMS, QR codes) point at the address the site is served at."""

import pytest
from django.test import RequestFactory

from core.sites import absolute_url, site_url


def test_inside_a_request_links_use_the_address_the_page_was_served_at(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    request = RequestFactory().get("/fr/", SERVER_PORT="9000")
    assert site_url(request) == "http://testserver:9000"
    assert absolute_url("/fr/accounts/login/?next=/fr/#top", request, language="ar") == (
        "http://testserver:9000/ar/accounts/login/?next=/fr/#top"
    )


def test_outside_a_request_links_use_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:9123"
    assert site_url() == "http://127.0.0.1:9123"
    assert absolute_url("http://elsewhere.example/en/x/") == "http://127.0.0.1:9123/en/x/"


def test_a_host_the_site_does_not_serve_never_becomes_a_link(settings):
    settings.SITE_URL = "http://127.0.0.1:9123"
    request = RequestFactory().get("/fr/", HTTP_HOST="attacker.example")
    assert site_url(request) == "http://127.0.0.1:9123"


def test_in_production_an_explicit_site_url_wins_over_the_request(settings):
    settings.PRODUCTION = True
    settings.SITE_URL_EXPLICIT = True
    settings.SITE_URL = "https://citizen-office.example"
    request = RequestFactory().get("/fr/", HTTP_HOST="localhost:9000")
    assert site_url(request) == "https://citizen-office.example"


def test_production_without_site_url_fails_the_deployment_check(settings):
    from core.sites import check_site_url

    settings.PRODUCTION = True
    settings.SITE_URL_EXPLICIT = False
    assert [w.id for w in check_site_url()] == ["core.W001"]
    settings.SITE_URL_EXPLICIT = True
    assert check_site_url() == []


def test_while_a_page_is_served_a_service_that_queues_a_message_links_to_its_address(settings):
    from django.http import HttpResponse

    from core.sites import CurrentRequestMiddleware

    settings.SITE_URL = "http://127.0.0.1:9123"
    seen = []
    middleware = CurrentRequestMiddleware(lambda request: seen.append(site_url()) or HttpResponse())
    middleware(RequestFactory().get("/fr/", SERVER_PORT="9000"))
    assert seen == ["http://testserver:9000"]
    assert site_url() == "http://127.0.0.1:9123"  # forgotten once the response is made


def test_a_link_switches_to_a_three_letter_language_and_from_it(settings):
    from core.sites import absolute_url

    assert absolute_url("/fr/applications/track/", language="zgh").endswith("/zgh/applications/track/")
    assert absolute_url("/zgh/me/", language="ar").endswith("/ar/me/")


@pytest.mark.django_db
def test_sign_up_in_amazigh_proposes_amazigh_for_messages(client):
    html = client.get("/zgh/accounts/signup/").content.decode()
    assert '<option value="zgh" selected>' in html
