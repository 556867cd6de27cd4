"""A new visitor, JavaScript off, finds every module from the home page in each language, on a wide screen and
on a phone; an application is tracked from the link in its email, without an account."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from browser_tests.conftest import LANGS, assert_accessible_in_every_language

pytestmark = pytest.mark.browser

# A link on the home page's cards, and the heading its page shows (None: not checked).
MODULES = {
    "/information/": "Access to information",
    "/procedures/": "Administrative procedures",
    "/applications/track/": "Track my file",
    "/information/requests/": None,  # the requests other citizens made (participation, today)
}


def _nojs(browser, server, **extra):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.url, java_script_enabled=False, bypass_csp=True, **extra)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_visitor_reaches_every_module_from_the_home_page_without_javascript(browser, server, lang):
    context, page = _nojs(browser, server)
    try:
        for path, heading in MODULES.items():
            page.goto(f"/{lang}/")
            page.locator(f'.cards a[href="/{lang}{path}"]').first.click()
            page.wait_for_url(re.compile(re.escape(f"/{lang}{path}") + "$"))
            if heading:
                with translation.override(lang):  # Amazigh pages read untranslated strings in Arabic
                    assert translation.gettext(heading) in page.locator("h1").inner_text()
        # The main menu names the same modules on every page.
        page.goto(f"/{lang}/holidays/")
        menu = page.locator(".main-nav__wide")
        for path in ("/information/", "/procedures/", "/applications/track/", "/institutions/"):
            assert menu.locator(f'a[href="/{lang}{path}"]').count() == 1, path
        # One search box finds procedures, publications and institutions, grouped by kind.
        page.goto(f"/{lang}/")
        page.fill("#home-q", "associations")
        page.locator(".hero form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/search/\?q=associations"))
        assert page.locator("main h2").count() >= 2
    finally:
        context.close()


def test_on_a_phone_the_menu_opens_without_javascript(browser, server):
    context, page = _nojs(browser, server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page.goto("/ar/")
        assert not page.locator(".main-nav__wide").is_visible()
        link = page.locator('.main-nav__phone a[href="/ar/applications/track/"]')
        assert not link.is_visible()
        page.locator(".main-nav__phone summary").click()
        link.click()
        page.wait_for_url(re.compile(r"/ar/applications/track/$"))
        # The catalogue on a phone: results first, the filters folded below them.
        page.goto("/ar/procedures/")
        results = page.locator(".with-aside__main .card").first.bounding_box()
        filters = page.locator(".filters-disclosure").bounding_box()
        assert results and filters and results["y"] < filters["y"]
        assert not page.locator(".filters-disclosure select").first.is_visible()
    finally:
        context.close()


def test_an_application_is_tracked_from_the_link_in_its_email(browser, server):
    messages = [
        m for m in server.emails_to("citizen2@demo.citizen-office.ma") if "/applications/track/?reference=" in m
    ]
    assert messages, "the demo application's messages link to Track my file"
    link = re.search(r"(http://\S+/applications/track/\?reference=(\S+))", messages[0])
    assert link is not None and link.group(1).startswith(server.url)
    reference = link.group(2)
    secret = server.manage(
        "shell",
        "-c",
        f"from applications.models import Application; print(Application.objects.get(reference='{reference}').secret)",
    ).split()[-1]
    context, page = _nojs(browser, server, locale="en-GB")
    try:
        page.goto(link.group(1))
        assert page.input_value("#id_reference") == reference  # filled in; the code stays on the receipt
        page.fill("#id_secret", secret)
        page.locator("main form button[type=submit]").click()
        main = page.locator("main").inner_text()
        assert reference in main and "Status" in main
    finally:
        context.close()


def test_the_new_pages_are_accessible(page):
    for path in (
        "/fr/information/",
        "/fr/search/?q=Rabat",
        "/fr/search/?q=zzzz-nothing",
        "/fr/procedures/?online=on",
        "/fr/procedures/commune-rabat/certificat-de-residence/where/",
        "/fr/applications/track/?reference=DEM-CRABAT-2026-000001",
    ):
        assert_accessible_in_every_language(page, path)
