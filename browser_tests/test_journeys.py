"""User journeys of the foundation, in a real browser."""

import re

import pytest

from browser_tests.conftest import confirm_email, sign_in, totp_now
from portal.demo import CITIZEN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.browser


def test_citizen_signs_up_verifies_the_email_and_finds_an_empty_my_office(page, server):
    page.goto("/fr/accounts/signup/")
    # The commune first, step by step (region, province, commune): each step reloads the page.
    for chooser, label in (("#place-region", "Rabat-Salé-Kénitra"), ("#place-province", "Kénitra")):
        page.select_option(chooser, label=label)
        page.locator("main button[name=place]").click()
    page.select_option("#place-commune", label="Moulay Bousselham")
    page.locator("main button[name=place]").click()
    page.fill("#id_full_name", "Rajae Lahlou")
    page.fill("#id_email", "rajae.browser@example.org")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "short")
    page.select_option("#id_preferred_language", "ar")
    page.locator("main form[method=post] button[type=submit]").click()
    # Bad input: a linked error summary, and nothing typed is lost.
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.input_value("#id_full_name") == "Rajae Lahlou"
    assert page.input_value("#id_email") == "rajae.browser@example.org"
    summary.locator('a[href="#id_password1"]').click()
    page.fill("#id_password1", "a long walk by the sea")
    page.fill("#id_password2", "a long walk by the sea")
    page.locator("main form[method=post] button[type=submit]").click()
    # The same answer for every address (taken or not): check your email. Nobody is signed in before confirming.
    page.wait_for_url(re.compile(r"/fr/accounts/confirm-email/$"))
    assert "rajae.browser@example.org" in page.locator("main").inner_text()

    # The verification link arrives by email (in the person's language), signs the person in and raises the level.
    confirm_email(page, server, "rajae.browser@example.org")
    assert page.locator(".empty-state").is_visible()
    page.goto("/fr/me/")
    assert page.locator("#assurance-heading + p strong").inner_text() != ""
    level = page.locator("#assurance-heading + p strong").inner_text()
    page.goto("/fr/me/")
    assert level == page.locator("#assurance-heading + p strong").inner_text()

    # Switch to Arabic: right to left, same page.
    page.locator('.lang-switch a[lang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/me/$"))
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Download my data: the password is asked once more first.
    page.goto("/fr/accounts/reauthenticate/?next=/fr/me/data/")
    page.fill("#id_password", "a long walk by the sea")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fr/me/data/$"))
    with page.expect_download() as download:
        page.locator("a[download]").click()
    assert download.value.suggested_filename.startswith("citizen-office-my-data-")


def test_anonymous_visitor_finds_an_office_with_javascript_off(nojs_page):
    page = nojs_page
    page.goto("/fr/")
    page.fill("#home-q", "Rabat")
    page.locator(".search-form button").click()
    page.wait_for_url(re.compile(r"/fr/search/\?q=Rabat"))
    page.locator("main a", has_text="Commune de Rabat").first.click()
    page.locator("a", has_text="Hôtel de ville").first.click()
    assert page.locator("h1").inner_text().startswith("Bureau citoyen")
    assert page.locator("section[aria-labelledby=hours-heading] table").is_visible()
    assert page.locator("section[aria-labelledby=desk-heading] table").is_visible()  # the desk's services and waits
    assert "openstreetmap.org" in page.content()


def test_staff_signs_in_with_two_step_verification_and_verifies_an_association(page):
    sign_in(page, "admin.rabat@demo.citizen-office.ma", STAFF_PASSWORD, totp=True)
    page.wait_for_url(re.compile(r"/fr/staff/commune-rabat/$"))
    assert page.locator("h1").inner_text()
    page.locator(".subnav a", has_text="Associations").click()
    row = page.locator("tr", has_text="Jeunes de Rabat pour la participation")
    if row.locator("button").count():
        row.locator("button").click()
        assert page.locator(".notice--success").is_visible()
    assert page.locator("tr", has_text="Jeunes de Rabat pour la participation").locator(".tag--success").is_visible()
    page.locator(".subnav a", has_text="Journal d'audit").or_(page.locator(".subnav a", has_text="Audit")).first.click()
    assert page.locator("table").is_visible()


def test_new_staff_member_must_set_up_an_authenticator_before_any_staff_page(page, server):
    server.manage(
        "shell",
        "-c",
        "from accounts.models import Membership, User, Role; from institutions.models import Institution;"
        "u = User.objects.filter(email='new.agent@demo.citizen-office.ma').first() or "
        "User.objects.create_user(email='new.agent@demo.citizen-office.ma', password='a very long staff password', "
        "full_name='New Agent');"
        "Membership.objects.get_or_create(user=u, institution=Institution.objects.get(slug='commune-rabat'), "
        "role=Role.FRONT_DESK);"
        # Confirmed address: accounts sign in once their email is confirmed (decision 78).
        "from allauth.account.models import EmailAddress;"
        "EmailAddress.objects.get_or_create(user=u, email=u.email, defaults={'verified': True, 'primary': True})",
    )
    sign_in(page, "new.agent@demo.citizen-office.ma", "a very long staff password")
    page.goto("/fr/staff/commune-rabat/")
    # Setting up an authenticator asks for the password once more (allauth's reauthentication).
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.fill("#id_password", "a very long staff password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    from accounts.totp import totp_code

    page.fill("#id_code", totp_code(secret))
    page.locator("main form button[type=submit]").click()
    page.goto("/fr/staff/commune-rabat/")
    page.wait_for_url(re.compile(r"/fr/staff/commune-rabat/$"))
    assert totp_now()  # the demo secret still works for the other demo accounts


def test_citizen_cannot_open_the_back_office(page):
    sign_in(page, "citizen3@demo.citizen-office.ma", CITIZEN_PASSWORD)
    response = page.goto("/fr/staff/commune-rabat/")
    assert response.status == 403
    assert page.locator("h1").is_visible()


def test_citizen_deletes_their_account_after_confirming_the_password(page):
    sign_in(page, "citizen20@demo.citizen-office.ma", CITIZEN_PASSWORD)
    page.goto("/fr/me/data/")
    page.fill("#id_confirm", "SUPPRIMER")
    page.locator("main form button.button--danger").click()
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.fill("#id_password", CITIZEN_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fr/$"))
    assert page.locator(".notice--success").is_visible()
    sign_in(page, "citizen20@demo.citizen-office.ma", CITIZEN_PASSWORD)
    assert "/fr/me/" not in page.url  # the account is gone


def test_forgotten_password_is_reset_through_the_emailed_link(page, server):
    page.goto("/en/accounts/password/reset/")
    page.fill("#id_email", "citizen19@demo.citizen-office.ma")
    page.locator("main form button[type=submit]").click()
    message = server.emails_to("citizen19@demo.citizen-office.ma")[-1]
    found = re.search(r"(http://127\.0\.0\.1:\d+/\S+/accounts/password/reset/key/\S+/)", message)
    assert found, message
    page.goto(found.group(1))
    page.fill("#id_password1", "a brand new sentence to remember")
    page.fill("#id_password2", "a brand new sentence to remember")
    page.locator("main form button[type=submit]").first.click()
    sign_in(page, "citizen19@demo.citizen-office.ma", "a brand new sentence to remember", lang="en")
    page.wait_for_url(re.compile(r"/en/me/$"))
