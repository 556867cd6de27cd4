"""The catalogue of procedures in a real browser: an admin adopts and publishes a national model,
a visitor finds it by life event with JavaScript off; every page under axe in ar, fr and en."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_tests.conftest import assert_accessible, assert_accessible_in_every_language, sign_in
from portal.demo import STAFF_PASSWORD

pytestmark = pytest.mark.browser


def test_admin_adopts_and_publishes_a_model_that_a_visitor_then_finds(page, nojs_page):
    sign_in(page, "admin.region@demo.citizen-office.ma", STAFF_PASSWORD, totp=True)
    base = "/fr/staff/region-rabat-sale-kenitra/procedures/"
    page.goto(base)
    assert_accessible_in_every_language(page, base)
    page.locator("main a", has_text="Certificat de résidence").click()
    adopt_url = urlsplit(page.url).path
    assert_accessible_in_every_language(page, adopt_url)
    page.fill("#id_fee", "-3")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()  # explained next to the field
    assert_accessible(page)
    page.fill("#id_fee", "0")
    page.locator("#id_offices input[type=checkbox]").first.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/procedures/$"))
    page.locator("tr", has_text="Certificat de résidence").locator("button[value=publish]").click()
    # The national model has no Amazigh text yet: publishing names what is missing and asks first.
    assert "amazighe" in page.locator("main .card--danger").inner_text().lower()
    page.locator("main form button.button--danger").click()  # Publish anyway
    page.wait_for_url(re.compile(r"/procedures/$"))
    withdraw = page.locator("tr", has_text="Certificat de résidence").locator("a", has_text="Retirer du catalogue")
    assert withdraw.is_visible()
    # Withdrawing asks first, on a page of its own: Cancel leaves the procedure published.
    withdraw.click()
    confirm_url = urlsplit(page.url).path
    assert "Certificat de résidence" in page.locator("main .lead").inner_text()
    assert_accessible_in_every_language(page, confirm_url)
    page.locator("main .actions a").click()  # Cancel
    page.wait_for_url(re.compile(r"/procedures/$"))
    assert withdraw.is_visible()
    # Edit it: a new version, a document added; the page and its errors under axe.
    page.locator("tr", has_text="Certificat de résidence").locator("a").first.click()
    edit_url = urlsplit(page.url).path
    assert_accessible_in_every_language(page, edit_url)
    page.fill("#id_documents-2-name_fr", "Quittance d'eau ou d'électricité")
    page.fill("#id_documents-2-formats", "pdf,exe")
    page.locator("main form button[type=submit]").click()
    assert page.locator("#id_documents-2-formats_error").is_visible()
    assert page.input_value("#id_documents-2-name_fr") == "Quittance d'eau ou d'électricité"
    assert_accessible(page)
    page.fill("#id_documents-2-formats", "pdf,jpeg")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/procedures/$"))
    assert "version 2" in page.locator("tr", has_text="Certificat de résidence").inner_text()
    # Confirmed, the withdrawal takes it out of the catalogue; published again for the visitor below.
    page.goto(confirm_url)
    page.locator("main form button.button--danger").click()  # Yes, withdraw
    page.wait_for_url(re.compile(r"/procedures/$"))
    assert "n'est plus dans le catalogue public" in page.locator("body").inner_text()
    page.locator("tr", has_text="Certificat de résidence").locator("button[value=publish]").click()
    # The document added is only in French: publishing says so and asks first.
    assert "Quittance d'eau ou d'électricité" in page.locator("main .card--danger").inner_text()
    assert_accessible(page)
    page.locator("main form button.button--danger").click()  # Publish anyway
    page.wait_for_url(re.compile(r"/procedures/$"))
    assert withdraw.is_visible()

    visitor = nojs_page
    visitor.goto("/fr/procedures/")
    visitor.locator("main a", has_text="Un déménagement").click()
    visitor.locator("main .card", has_text="Région").locator("a", has_text="Certificat de résidence").click()
    assert visitor.locator("h1").inner_text() == "Certificat de résidence"
    assert "Carte nationale d'identité" in visitor.locator("main").inner_text()
    assert "Quittance d'eau ou d'électricité" in visitor.locator("main").inner_text()


def test_catalogue_and_procedure_pages_are_accessible(page):
    assert_accessible_in_every_language(page, "/fr/procedures/")
    assert_accessible_in_every_language(page, "/fr/procedures/?life_event=building&q=permis")
    assert_accessible_in_every_language(page, "/fr/procedures/commune-rabat/permis-de-construire/")
    assert_accessible_in_every_language(page, "/fr/procedures/region-rabat-sale-kenitra/subvention-aux-associations/")
