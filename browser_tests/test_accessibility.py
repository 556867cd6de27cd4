"""Every page of the foundation passes axe-core with zero violations in ar, fr and en."""

import pytest

from browser_tests.conftest import LANGS, assert_accessible, sign_in
from portal.demo import CITIZEN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.browser

PUBLIC = [
    "/{lang}/",
    "/{lang}/institutions/",
    "/{lang}/institutions/?q=zzz-nothing",
    "/{lang}/institutions/commune-rabat/",
    "/{lang}/offices/bureau-citoyen-rabat-hotel-de-ville/",
    "/{lang}/holidays/",
    "/{lang}/accounts/login/",
    "/{lang}/accounts/signup/",
    "/{lang}/accounts/password/reset/",
    "/{lang}/no-such-page/",
]
CITIZEN = [
    "/{lang}/me/",
    "/{lang}/me/profile/",
    "/{lang}/me/data/",
    "/{lang}/me/messages/",
    "/{lang}/me/messages/preferences/",
    "/{lang}/me/associations/",
    "/{lang}/me/associations/new/",
    "/{lang}/accounts/email/",
    "/{lang}/accounts/password/change/",
]
STAFF = [
    "/{lang}/staff/commune-rabat/",
    "/{lang}/staff/commune-rabat/audit/",
    "/{lang}/staff/commune-rabat/outbox/",
    "/{lang}/staff/commune-rabat/people/",
    "/{lang}/staff/commune-rabat/person/",
    "/{lang}/staff/commune-rabat/associations/",
    "/{lang}/accounts/2fa/",
]


@pytest.mark.parametrize("lang", LANGS)
def test_public_pages_are_accessible(page, lang):
    for path in PUBLIC:
        page.goto(path.format(lang=lang))
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)


@pytest.mark.parametrize("lang", LANGS)
def test_forms_with_errors_are_accessible(page, lang):
    page.goto(f"/{lang}/accounts/signup/")
    page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGS)
def test_citizen_pages_are_accessible(page, lang):
    sign_in(page, "citizen5@demo.citizen-office.ma", CITIZEN_PASSWORD, lang=lang)
    for path in CITIZEN:
        page.goto(path.format(lang=lang))
        assert_accessible(page)


def test_staff_pages_are_accessible_in_every_language(page):
    # One sign-in (an authenticator code is valid once), then every back-office page in ar, fr and en.
    sign_in(page, "admin.region@demo.citizen-office.ma", STAFF_PASSWORD, lang="ar", totp=True)
    for lang in LANGS:
        for path in STAFF:
            page.goto(path.format(lang=lang).replace("commune-rabat", "region-rabat-sale-kenitra"))
            assert page.locator("html").get_attribute("lang") == lang
            assert_accessible(page)


def test_a_forbidden_staff_page_is_accessible(page):
    sign_in(page, "officer.region@demo.citizen-office.ma", STAFF_PASSWORD, lang="ar", totp=True)
    response = page.goto("/ar/staff/region-rabat-sale-kenitra/audit/")
    assert response.status == 403
    assert_accessible(page)
