import gzip
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.tests.factories import UserFactory
from institutions.tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_home_page_in_each_language_with_its_direction(client, lang, direction):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    # The switcher links to the same page in the two other languages.
    for other in {"ar", "fr", "en"} - {lang}:
        assert f'href="/{other}/"' in html


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302 and re.match(r"^/(ar|fr|en)/$", response["Location"])


def test_language_switcher_keeps_the_page(client):
    office = OfficeFactory()
    html = client.get(f"/fr/offices/{office.slug}/").content.decode()
    assert f'href="/ar/offices/{office.slug}/"' in html


def test_my_office_shows_a_clear_empty_state(client):
    client.force_login(UserFactory())
    response = client.get(reverse("portal:my_office"))
    assert response.status_code == 200
    assert 'class="empty-state"' in response.content.decode()


def test_my_office_lists_items_registered_by_modules(client):
    from datetime import date

    from core.registry import OfficeItem, my_office_items

    user = UserFactory()
    my_office_items.register(
        "test-module",
        lambda u: (
            [OfficeItem("test", "Mon dossier", "TST-1", "Déposé", "/fr/x/", date(2026, 3, 2), date(2026, 3, 30))]
            if u == user
            else []
        ),
    )
    try:
        client.force_login(user)
        html = client.get(reverse("portal:my_office")).content.decode()
        assert "TST-1" in html and "Mon dossier" in html and 'datetime="2026-03-30"' in html
    finally:
        my_office_items.unregister("test-module")


def test_my_office_needs_sign_in(client):
    response = client.get(reverse("portal:my_office"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["queue"] == "ok"


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OSError("database unreachable")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "error"


def test_manifest_lets_the_site_install_on_a_phone(client):
    data = client.get("/manifest.webmanifest").json()
    assert data["display"] == "standalone" and {i["sizes"] for i in data["icons"]} >= {"192x192", "512x512"}


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_404_is_translated_and_shows_no_internals(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'lang="{lang}"' in html and "Traceback" not in html and "urlpatterns" not in html


def test_403_page_is_our_own(client):
    client.force_login(UserFactory())
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 403
    assert 'class="site-header"' in response.content.decode()


def test_500_page_shows_no_internals(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/fr/"))
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()


def test_responses_carry_a_request_id_and_a_content_security_policy(client):
    response = client.get("/fr/", HTTP_X_REQUEST_ID="abc12345-from-the-balancer")
    assert response["X-Request-ID"] == "abc12345-from-the-balancer"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert len(client.get("/fr/")["X-Request-ID"]) == 32


PUBLIC_PAGES = ["/{lang}/", "/{lang}/institutions/", "/{lang}/accounts/login/", "/{lang}/accounts/signup/"]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_public_pages_stay_within_the_weight_budget(lang, settings):
    """HTML + CSS + JS of each page, gzip-compressed, under 100 KB; JavaScript under 20 KB."""
    from django.contrib.staticfiles import finders

    office = OfficeFactory()
    client = Client()
    pages = [*PUBLIC_PAGES, f"/{{lang}}/institutions/{office.institution.slug}/", f"/{{lang}}/offices/{office.slug}/"]
    for page in pages:
        response = client.get(page.format(lang=lang), HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, page
        html = response.content if response.get("Content-Encoding") == "gzip" else gzip.compress(response.content)
        assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js|svg))"', gzip.decompress(html).decode())
        total, js = len(html), 0
        for asset in assets:
            with open(finders.find(asset), "rb") as fh:
                size = len(gzip.compress(fh.read()))
            total += size
            js += size if asset.endswith(".js") else 0
        assert total <= 100 * 1024, f"{page} weighs {total} bytes compressed"
        assert js <= 20 * 1024


def test_production_refuses_to_start_with_debug_on_or_without_a_secret():
    base = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='citizen_office.settings'; django.setup()"
    env_common = {
        "CITIZEN_OFFICE_ENV": "production",
        "ALLOWED_HOSTS": "example.org",
        "PATH": "/usr/bin:/bin",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "IDENTITY_HASH_KEY": "k" * 40,
        "AUDIT_CHAIN_KEY": "a" * 40,
    }
    good_secret = "x" * 60
    cases = [
        ({"DEBUG": "true", "SECRET_KEY": good_secret}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": good_secret, "IDENTITY_HASH_KEY": ""}, "IDENTITY_HASH_KEY must be set"),
        ({"SECRET_KEY": good_secret, "AUDIT_CHAIN_KEY": ""}, "AUDIT_CHAIN_KEY must be set"),
    ]
    for extra, message in cases:
        result = subprocess.run(
            [sys.executable, "-c", base], env={**env_common, **extra}, capture_output=True, text=True, check=False
        )
        assert result.returncode != 0 and message in result.stderr
    ok = subprocess.run(
        [sys.executable, "-c", base],
        env={**env_common, "SECRET_KEY": good_secret},
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    # Without Redis, production keeps its counts in the database cache, shared by every worker: never in memory.
    shared = subprocess.run(
        [
            sys.executable,
            "-c",
            base + "; from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        env={**env_common, "SECRET_KEY": good_secret, "REDIS_URL": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert shared.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", shared.stderr


def test_api_documents_itself_and_lists_institutions(client):
    InstitutionFactory(name_fr="Commune de test", slug="commune-de-test")
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/institutions" in schema["paths"] and "/api/v1/communes" in schema["paths"]
    data = client.get("/api/v1/institutions", {"q": "Commune de test"}).json()
    assert data["count"] == 1 and data["results"][0]["slug"] == "commune-de-test"
    communes = client.get("/api/v1/communes", {"q": "Touarga"}).json()
    assert communes[0]["code"] == "04.421.01.07"


@pytest.mark.parametrize("rows", [1, 30])
def test_home_page_query_count(client, rows, django_assert_max_num_queries):
    for _ in range(rows):
        OfficeFactory()
    with django_assert_max_num_queries(4):
        response = client.get("/fr/")
    assert response.status_code == 200
    offices = list(response.context["offices"])
    assert offices and escape(offices[0].name) in response.content.decode()


def test_seed_demo_is_refused_in_production_without_force(settings):
    from django.core.management import CommandError, call_command

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")


def test_seed_demo_is_idempotent():
    from django.core.management import call_command

    from accounts.models import User
    from institutions.models import Institution, Office

    call_command("seed_demo", verbosity=0)
    counts = (User.objects.count(), Institution.objects.count(), Office.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Institution.objects.count(), Office.objects.count()) == counts
    assert counts[0] >= 20 + 18 + 1
    assert Institution.objects.get(slug="commune-touarga").territory.population_2024 < 35_000


@pytest.mark.parametrize("rows", [1, 40])
def test_my_office_query_count_does_not_grow(client, rows, django_assert_max_num_queries):
    from datetime import date

    from core.registry import OfficeItem, my_office_items

    user = UserFactory()
    my_office_items.register(
        "bulk",
        lambda u: [OfficeItem("t", f"Dossier {i}", f"R-{i}", "Déposé", "/", date(2026, 1, 1)) for i in range(rows)],
    )
    try:
        client.force_login(user)
        # The session and user, then one or two queries per module that lists things (information, applications).
        with django_assert_max_num_queries(8):
            response = client.get(reverse("portal:my_office"))
        assert response.status_code == 200
        assert f"R-{rows - 1}" in response.content.decode()
    finally:
        my_office_items.unregister("bulk")


def test_amazigh_pages_say_in_arabic_that_the_interface_is_a_draft_being_translated(client):
    body = client.get("/zgh/").content.decode()
    notice = body.split('class="notice translation-notice"', 1)[1].split("</p>", 1)[0]
    assert 'lang="ar" dir="rtl"' in notice and "الأمازيغية" in notice and "translated" not in notice
    from django.conf import settings

    for lang, _name in settings.LANGUAGES:
        if lang not in settings.PARTIAL_CATALOGUES:
            assert "translation-notice" not in client.get(f"/{lang}/").content.decode()
