"""Sign-up with JavaScript off: the commune is chosen step by step (region, province, commune), then the
account is created with it; every step of the page under axe in ar, fr and en."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_tests.conftest import assert_accessible, assert_accessible_in_every_language, confirm_email

pytestmark = pytest.mark.browser

PASSWORD = "une phrase longue et facile"  # noqa: S105


def test_a_visitor_without_javascript_chooses_region_province_commune_then_signs_up(page, nojs_page, server):
    visitor = nojs_page
    visitor.goto("/fr/accounts/signup/")
    assert visitor.locator("#place-province").count() == 0
    assert len(visitor.content().encode()) < 30 * 1024
    visitor.select_option("#place-region", label="Rabat-Salé-Kénitra")
    visitor.locator("main button[name=place]").click()
    visitor.select_option("#place-province", label="Kénitra")
    visitor.locator("main button[name=place]").click()
    step_three = visitor.url
    options = visitor.locator("#place-commune option").all_inner_texts()
    assert "Kénitra" in options and len(options) < 60  # one province's communes, not 1,503
    visitor.select_option("#place-commune", label="Kénitra")
    visitor.locator("main button[name=place]").click()
    assert "Kénitra (Kénitra)" in visitor.locator("main .place-chooser").inner_text()
    visitor.fill("#id_email", "nojs.signup@example.org")
    visitor.fill("#id_full_name", "Salma Idrissi")
    visitor.fill("#id_password1", PASSWORD)
    visitor.fill("#id_password2", PASSWORD)
    visitor.locator("main form[method=post] button[type=submit]").click()
    visitor.wait_for_url(re.compile(r"/fr/accounts/confirm-email/$"))
    confirm_email(visitor, server, "nojs.signup@example.org")
    visitor.goto("/fr/me/profile/")
    assert visitor.locator("#place-commune option[selected]").inner_text() == "Kénitra"

    parts = urlsplit(step_three)
    for path in ("/fr/accounts/signup/", f"{parts.path}?{parts.query}"):
        assert_accessible_in_every_language(page, path)
    page.goto(step_three)
    page.fill("#id_password1", "short")
    page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
