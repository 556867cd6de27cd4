"""Online applications in a real browser (issue 4): a citizen applies with documents and JavaScript
off, the officer asks for a missing one, the citizen sends it, the officer accepts, and a stranger
reads the decision's QR code and verifies it; silence as acceptance; every new page under axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_tests.conftest import assert_accessible, assert_accessible_in_every_language, fresh_totp_code, sign_in
from core.pdf import minimal_pdf
from portal.demo import CITIZEN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.browser

# A real one-page PDF: uploads are opened with a PDF parser (core.validators.pdf_check).
PDF = minimal_pdf("Plans")


def _file(name: str, data: bytes, mime: str = "application/pdf") -> dict:
    return {"name": name, "mimeType": mime, "buffer": data}


def _staff_sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    """Sign in with the authenticator code; a code already used this half-minute is refused, so wait for the next."""
    sign_in(page, email, STAFF_PASSWORD, totp=True)
    if page.locator("#id_code").count():
        page.fill("#id_code", fresh_totp_code(email))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert not page.locator("#id_code").count()


def _open_action(page, action: str) -> None:  # type: ignore[no-untyped-def]
    form = page.locator(f"form[action$='/{action}/']")
    form.locator("xpath=ancestor::details").locator("summary").click()


def _qr_url(pdf: bytes) -> str:
    """Read the decision's QR code from the rendered page, as a phone's camera would."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=3).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code on the decision"
    return str(found[0].text)


def test_apply_with_documents_missing_one_completed_accepted_and_verified_by_qr(browser, server, new_page):
    # The citizen, with JavaScript off: conditions and uploads work from the server alone.
    citizen_context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="fr-FR")
    citizen = citizen_context.new_page()
    citizen.set_default_timeout(10_000)
    sign_in(citizen, "citizen11@demo.citizen-office.ma", CITIZEN_PASSWORD)
    citizen.goto("/fr/procedures/commune-rabat/permis-de-construire/")
    citizen.locator(".button--start").click()
    citizen.wait_for_url(re.compile(r"/tasks/$"))
    citizen.locator(".task-list a").first.click()
    assert citizen.input_value("#id_nom")  # prefilled from the profile
    citizen.fill("#id_adresse", "12 rue Oued Sebou, Rabat")
    citizen.locator("button[value=continue]").click()
    # Step 2: "yes" to the housing estate; the lot number appears on the next page, answers kept.
    citizen.fill("#id_terrain", "Lot Al Amal, Hay Riad, Rabat")
    citizen.fill("#id_surface", "120")
    citizen.locator("input[name=travaux]").first.check()
    assert not citizen.locator("#id_lot").is_visible()
    citizen.locator("input[name=lotissement][value=yes]").check()
    citizen.locator("button[value=continue]").click()
    assert citizen.locator("#id_lot").is_visible()
    assert citizen.input_value("#id_surface") == "120"
    citizen.fill("#id_lot", "B-12")
    citizen.locator("button[value=continue]").click()
    # Step 3: a file that is not what it claims, then one too large, are refused next to the field.
    inputs = citizen.locator("input[type=file]")
    assert inputs.count() == 4
    first_id = inputs.first.get_attribute("id")
    inputs.first.set_input_files(_file("plans.pdf", b"MZ\x90\x00 this is a program"))
    citizen.locator("button[value=continue]").click()
    assert citizen.locator(f"#{first_id}_error").is_visible()
    inputs = citizen.locator("input[type=file]")
    inputs.first.set_input_files(_file("scan.pdf", PDF + b"0" * (6 * 1024 * 1024)))
    citizen.locator("button[value=continue]").click()
    assert "5" in citizen.locator(f"#{first_id}_error").inner_text()
    inputs = citizen.locator("input[type=file]")
    for index in range(4):
        inputs.nth(index).set_input_files(_file(f"piece-{index}.pdf", PDF))
    citizen.locator("button[value=continue]").click()
    citizen.wait_for_url(re.compile(r"/check/$"))
    assert "B-12" in citizen.locator("main").inner_text()
    citizen.locator("form[data-once] button[type=submit]").click()
    citizen.wait_for_url(re.compile(r"/received/$"))
    reference = citizen.inner_text("#reference")
    secret = citizen.inner_text("#secret")
    case_url = urlsplit(citizen.url).path.replace("received/", "")
    receipt = citizen.request.get(case_url + "receipt.pdf")
    assert receipt.ok and receipt.body().startswith(b"%PDF")

    # The case officer asks for a missing document, once.
    officer = new_page()
    _staff_sign_in(officer, "officer.rabat@demo.citizen-office.ma")
    officer.goto(f"/fr/staff/commune-rabat/cases/?q={reference}")
    officer.locator("main table a", has_text=reference).click()
    officer_case = urlsplit(officer.url).path
    _open_action(officer, "take")
    officer.locator("form[action$='/take/'] button[type=submit]").click()
    _open_action(officer, "request_documents")
    officer.locator("form[action$='/request_documents/'] label", has_text="Plans architecturaux").click()
    officer.fill("form[action$='/request_documents/'] textarea", "Les plans ne sont pas signés par l'architecte.")
    officer.locator("form[action$='/request_documents/'] button[type=submit]").click()
    assert officer.locator("form[action$='/request_documents/']").count() == 0  # only once

    # The citizen sends it; the clock restarts.
    citizen.goto(case_url)
    assert "Les plans ne sont pas signés" in citizen.locator("main").inner_text()
    citizen.locator("form[action$='/documents/'] input[type=file]").set_input_files(_file("plans-signes.pdf", PDF))
    citizen.locator("form[action$='/documents/'] button[type=submit]").click()
    assert citizen.locator("form[action$='/documents/']").count() == 0

    # The officer accepts: the decision is issued.
    officer.goto(officer_case)
    assert "plans-signes.pdf" in officer.locator("main").inner_text()
    _open_action(officer, "accept")
    officer.locator("form[action$='/accept/'] button[type=submit]").click()
    officer.wait_for_load_state()
    assert officer.locator("form[action$='/accept/']").count() == 0

    # The citizen downloads the decision; a stranger scans its QR code and sees it is genuine.
    citizen.goto(case_url)
    decision = citizen.request.get(case_url + "decision.pdf")
    assert decision.ok
    url = _qr_url(decision.body())
    assert url.startswith(server.url + "/verify/")
    stranger_context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="fr-FR")
    stranger = stranger_context.new_page()
    stranger.goto(url)
    text = stranger.locator("main").inner_text()
    assert reference in text
    assert "authentique" in text.lower() or "genuine" in text.lower()
    assert "@demo" not in text
    # Anyone holding the receipt follows the case without an account.
    stranger.goto("/fr/applications/track/")
    stranger.fill("#id_reference", reference)
    stranger.fill("#id_secret", secret)
    stranger.locator("main form button[type=submit]").click()
    assert reference in stranger.locator("main").inner_text()
    stranger_context.close()
    citizen_context.close()


def test_silence_means_acceptance_and_the_attestation_is_downloadable(page):
    sign_in(page, "citizen9@demo.citizen-office.ma", CITIZEN_PASSWORD)
    page.goto("/fr/me/")
    page.locator("main tr", has_text="Permis de construire").locator("a").first.click()
    link = page.locator("a[href$='/decision.pdf']")
    assert link.count() == 1
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert_accessible(page)


def test_new_pages_are_accessible_in_every_language(page, new_page):
    # A citizen's draft: task list, a step with its errors, check your answers.
    sign_in(page, "citizen12@demo.citizen-office.ma", CITIZEN_PASSWORD)
    page.goto("/fr/procedures/commune-rabat/certificat-de-residence/")
    assert_accessible(page)
    page.locator(".button--start").click()
    page.wait_for_url(re.compile(r"/tasks/$"))
    assert_accessible_in_every_language(page, urlsplit(page.url).path)
    page.locator(".task-list a").nth(1).click()
    step = urlsplit(page.url).path
    assert_accessible_in_every_language(page, step)
    page.locator("input[name=usage]").last.check()  # "Autre": the script shows "say what for" at once
    assert page.locator("#id_usage-precis").is_visible()
    page.locator("button[value=continue]").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    assert_accessible_in_every_language(page, step.split("/steps/")[0] + "/check/")
    # A case, the public pages.
    page = new_page()
    sign_in(page, "citizen6@demo.citizen-office.ma", CITIZEN_PASSWORD)
    page.goto("/fr/me/")
    page.locator("main tr", has_text="Copie intégrale").locator("a").first.click()
    assert_accessible_in_every_language(page, urlsplit(page.url).path)
    code = page.locator("main .hint", has_text="Code").inner_text().split(":")[1].split(".")[0].strip()
    case_path = urlsplit(page.url).path
    assert_accessible_in_every_language(page, case_path + "received/")
    reference, secret = page.inner_text("#reference"), page.inner_text("#secret")
    page.goto("/fr/applications/track/")
    page.fill("#id_reference", reference)
    page.fill("#id_secret", secret)
    page.locator("main form button[type=submit]").click()
    assert reference in page.locator("main").inner_text()
    assert_accessible(page)
    for path in (
        "/fr/applications/track/",
        "/fr/verify/",
        f"/fr/verify/{code}/",
        "/fr/verify/AAAA-BBBB-CCCC/",
        "/fr/procedures/figures/",
    ):
        assert_accessible_in_every_language(page, path)
    # Staff: the queue, a case with an action's errors, the form builder.
    officer = new_page()
    _staff_sign_in(officer, "officer.rabat@demo.citizen-office.ma")
    assert_accessible_in_every_language(officer, "/fr/staff/commune-rabat/cases/")
    officer.locator("main table a").first.click()
    assert_accessible_in_every_language(officer, urlsplit(officer.url).path)
    if officer.locator("form[action$='/close/']").count():
        _open_action(officer, "close")
        officer.locator("form[action$='/close/'] button[type=submit]").click()
        assert officer.locator(".error-summary").is_visible()
        assert_accessible(officer)
    admin = new_page()
    _staff_sign_in(admin, "admin.rabat@demo.citizen-office.ma")
    admin.goto("/fr/staff/commune-rabat/procedures/")
    admin.locator("main tr", has_text="Permis de construire").locator("a[href$='/form/']").click()
    builder = urlsplit(admin.url).path
    assert_accessible_in_every_language(admin, builder)
    admin.locator("main a", has_text="Numéro du lot").click()
    assert_accessible_in_every_language(admin, urlsplit(admin.url).path)
    admin.goto(builder)
    admin.locator("main .card a.button--secondary").first.click()
    assert_accessible_in_every_language(admin, urlsplit(admin.url).path)


def test_an_admin_builds_a_condition_and_a_citizen_meets_it_both_without_javascript(browser, server):
    def nojs():  # type: ignore[no-untyped-def]
        context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="fr-FR")
        pg = context.new_page()
        pg.set_default_timeout(10_000)
        return context, pg

    admin_context, admin = nojs()
    _staff_sign_in(admin, "admin.region@demo.citizen-office.ma")
    admin.goto("/fr/staff/region-rabat-sale-kenitra/procedures/")
    admin.locator("main tr", has_text="Subvention").locator("a[href$='/form/']").click()
    builder = urlsplit(admin.url).path
    admin.locator("main .card").first.locator("a[href$='/questions/new/']").click()
    admin.fill("#id_label_fr", "Avez-vous déjà reçu une subvention ?")
    admin.select_option("#id_kind", "yesno")
    admin.fill("#id_key", "deja")
    admin.fill("#id_position", "10")
    admin.locator("main form button[type=submit]").first.click()
    admin.wait_for_url(re.compile(re.escape(builder) + "$"))
    admin.locator("main .card").first.locator("a[href$='/questions/new/']").click()
    admin.fill("#id_label_fr", "Montant reçu l'an dernier (MAD)")
    admin.select_option("#id_kind", "number")
    admin.fill("#id_key", "montant-precedent")
    admin.fill("#id_min_value", "0")
    admin.fill("#id_position", "11")
    admin.select_option("#id_condition", "deja=yes")
    admin.locator("main form button[type=submit]").first.click()
    admin.wait_for_url(re.compile(re.escape(builder) + "$"))
    assert "deja = yes" in admin.locator("main").inner_text()
    # The new questions are only in French: the builder says so and asks before publishing.
    admin.locator("#publish-heading ~ p a.button").click()
    assert "Avez-vous déjà reçu une subvention ?" in admin.locator("main .card--danger").inner_text()
    admin.locator("main form button[type=submit]").click()
    admin.wait_for_url(re.compile(re.escape(builder) + "$"))
    assert admin.locator(".messages .notice--success").count() == 1  # "Version N of the form is published"
    admin_context.close()

    citizen_context, citizen = nojs()
    sign_in(citizen, "citizen13@demo.citizen-office.ma", CITIZEN_PASSWORD)
    citizen.goto("/fr/procedures/region-rabat-sale-kenitra/subvention-aux-associations/")
    citizen.locator(".button--start").click()
    citizen.locator(".task-list a").first.click()
    assert citizen.locator("input[name=deja]").count() == 2
    assert not citizen.locator("#id_montant-precedent").is_visible()
    citizen.fill("#id_adresse", "Salé")
    citizen.locator("input[name=deja][value=yes]").check()
    citizen.locator("button[value=continue]").click()
    assert citizen.locator("#id_montant-precedent").is_visible()  # revealed by the server
    citizen.locator("button[value=continue]").click()
    assert citizen.locator("#id_montant-precedent_error").is_visible()  # and now required
    citizen.fill("#id_montant-precedent", "15000")
    citizen.locator("button[value=continue]").click()
    assert "/steps/" in citizen.url and citizen.locator("#id_montant-precedent").count() == 0  # the next step
    citizen_context.close()
