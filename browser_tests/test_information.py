"""Access to information in a real browser: the whole journey of a request across a weekend and
Eid al-Fitr 2027 (10-11 March, Morocco's estimate), with the server's legal clock moved day by day;
every page under axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_tests.conftest import assert_accessible, assert_accessible_in_every_language, confirm_email, sign_in
from core.pdf import minimal_pdf
from portal.demo import CITIZEN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.browser

CITIZEN = "citizen3@demo.citizen-office.ma"
OFFICER = "info.rabat@demo.citizen-office.ma"
HEAD = "mayor.rabat@demo.citizen-office.ma"


def _due(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("dl.summary time").last.inner_text()


def test_request_clarified_extended_answered_in_part_and_complained_about(server, new_page):
    citizen, officer, head = new_page(), new_page(), new_page()
    try:
        # Saturday 6 March 2027: the citizen files; the clock counts from Monday and skips Eid.
        server.set_today("2027-03-06")
        sign_in(citizen, CITIZEN, CITIZEN_PASSWORD)
        citizen.goto("/fr/me/")
        name = citizen.locator("main .lead").inner_text().split(",", 1)[1].strip(" .")
        citizen.goto("/fr/institutions/commune-rabat/")
        citizen.locator("main a", has_text="Demander une information").click()
        citizen.wait_for_url(re.compile(r"/fr/information/ask/"))
        assert citizen.locator("#id_institution").input_value() == "commune-rabat"
        assert_accessible_in_every_language(citizen, "/fr/information/ask/?institution=commune-rabat")
        citizen.locator("main form button[type=submit]").click()  # empty: explained, nothing lost
        assert citizen.locator(".error-summary").is_visible()
        assert_accessible(citizen)
        citizen.fill("#id_subject", "Budget communal détaillé par quartier")
        citizen.fill("#id_body", f"Je m'appelle {name.upper()} et je souhaite le détail du budget communal 2026.")
        citizen.locator("main form button[type=submit]").click()
        # "Is it already published?" — the demo budget is suggested; the request is kept.
        assert citizen.locator("#suggestions-heading").is_visible()
        assert citizen.input_value("#id_subject") == "Budget communal détaillé par quartier"
        assert_accessible(citizen)
        citizen.locator("main form button[value=send]").click()
        citizen.wait_for_url(re.compile(r"/fr/information/mine/[\w-]+/received/$"))
        reference = citizen.locator(".reference").inner_text()
        assert re.fullmatch(r"INF-CRABAT-2027-\d{6}", reference)
        body = citizen.locator("main").inner_text()
        assert "6 avril 2027" in body  # Saturday is day zero: 20 working days from Monday 8 March, Eid skipped
        assert "10 mars 2027" in body and "11 mars 2027" in body  # the holidays shown
        receipt = citizen.request.get(citizen.locator("a", has_text="reçu").first.get_attribute("href"))
        assert receipt.status == 200 and receipt.body().startswith(b"%PDF")
        confirmation_url = citizen.url
        assert_accessible_in_every_language(citizen, confirmation_url.replace(server.url, ""))
        mine_url = citizen.locator("a", has_text="Suivre votre demande").get_attribute("href")

        # Monday 8 March: the officer asks for a clarification; the clock stops.
        server.set_today("2027-03-08")
        sign_in(officer, OFFICER, STAFF_PASSWORD, totp=True)
        officer.goto("/fr/staff/commune-rabat/information/?state=submitted")
        assert_accessible_in_every_language(officer, "/fr/staff/commune-rabat/information/?state=submitted")
        officer.locator("a", has_text=reference).click()
        staff_url = officer.url.replace(server.url, "")
        assert_accessible_in_every_language(officer, staff_url)
        officer.locator("summary", has_text="Demander une précision").click()
        officer.fill("#id_clarify-question", "Quels quartiers vous intéressent ?")
        officer.locator("details[open] button[type=submit]").click()
        assert "En attente du demandeur" in officer.locator("main").inner_text()

        # Friday 12 March: the citizen answers; the 20 days left count from that Friday.
        server.set_today("2027-03-12")
        citizen.goto(mine_url)
        assert "Quels quartiers vous intéressent ?" in citizen.locator("main").inner_text()
        assert_accessible_in_every_language(citizen, mine_url)
        citizen.fill("#id_answer", "Agdal et Hay Riad.")
        citizen.locator("#clarify-heading ~ form button[type=submit]").click()
        assert _due(citizen).endswith("8 avril 2027")

        # Monday 15 March: the officer extends once, by the same period, with reasons.
        server.set_today("2027-03-15")
        officer.goto(staff_url)
        officer.locator("summary", has_text="Prolonger").click()
        officer.fill("#id_extend-reason", "Les données sont tenues par trois arrondissements.")
        officer.locator("details[open] button[type=submit]").click()
        assert _due(officer).endswith("6 mai 2027")
        assert officer.locator("summary", has_text="Prolonger").count() == 0  # once only

        # Tuesday 16 March: a partial answer, with the ground for what is withheld.
        server.set_today("2027-03-16")
        officer.goto(staff_url)
        officer.locator("summary", has_text="Répondre").click()
        officer.locator("input[name=answer-outcome][value=partial]").check()
        officer.fill("#id_answer-text", "Voici le budget par arrondissement ; le détail des marchés est protégé.")
        officer.select_option("#id_answer-refusal_ground", "economy")
        officer.locator("details[open] button[type=submit]").click()
        assert "Information donnée en partie" in officer.locator("main").inner_text()

        # Wednesday 17 March: the citizen complains to the head of the body (15 working days).
        server.set_today("2027-03-17")
        citizen.goto(mine_url)
        citizen.locator("a", has_text="Réclamer auprès du chef").click()
        complaint_url = citizen.url.replace(server.url, "")
        assert_accessible_in_every_language(citizen, complaint_url)
        citizen.fill("#id_body", "Le détail des marchés relève de l'argent public.")
        citizen.locator("main form button[type=submit]").click()
        citizen.wait_for_url(re.compile(r"/fr/information/mine/[\w-]+/$"))
        assert "7 avril 2027" in citizen.locator("#complaint-heading + p").inner_text()

        # Thursday 18 March: the head of the body answers.
        server.set_today("2027-03-18")
        sign_in(head, HEAD, STAFF_PASSWORD, totp=True)
        head.goto("/fr/staff/commune-rabat/complaints/")
        assert_accessible_in_every_language(head, "/fr/staff/commune-rabat/complaints/")
        head.locator("a", has_text=reference).click()
        assert_accessible_in_every_language(head, head.url.replace(server.url, ""))
        head.locator("input[name=decision][value=upheld]").check()
        head.fill("#id_text", "Le détail des marchés vous sera communiqué sous dix jours.")
        head.locator("main form button[type=submit]").click()
        head.wait_for_url(re.compile(r"/fr/staff/commune-rabat/complaints/$"))

        citizen.goto(mine_url)
        main = citizen.locator("main").inner_text()
        assert "sous dix jours" in main
        citizen.locator("a", has_text="Faire appel").click()
        assert_accessible_in_every_language(citizen, citizen.url.replace(server.url, ""))
        appeal = citizen.request.get(citizen.url.replace("/appeal/", "/appeal.pdf"))
        assert appeal.status == 200 and appeal.body().startswith(b"%PDF")

        # In public: the request without the requester's name, and its timeline.
        public_url = mine_url.replace("/mine/", "/requests/")
        anonymous = new_page()
        anonymous.goto(public_url)
        text = anonymous.locator("main").inner_text()
        assert reference in text and "Agdal et Hay Riad." in text
        assert name.split()[-1].lower() not in anonymous.content().lower()  # masked, in any letter case
        assert_accessible_in_every_language(anonymous, public_url)

        # Another citizen follows it and says "I want this too": the count shows it.
        neighbour = new_page()
        sign_in(neighbour, "citizen4@demo.citizen-office.ma", CITIZEN_PASSWORD)
        neighbour.goto(public_url)
        neighbour.locator("button", has_text="Je le veux aussi").click()
        assert "1 personne" in neighbour.locator("#follow-heading + p").inner_text()
        assert neighbour.locator("button", has_text="Ne plus suivre").is_visible()
    finally:
        server.set_today(None)


PUBLIC_PAGES = [
    "/fr/information/publications/",
    "/fr/information/publications/?institution=commune-rabat&category=budget",
    "/fr/information/institutions/commune-rabat/scheme/",
    "/fr/information/institutions/chef-du-gouvernement/scheme/",
    "/fr/information/requests/",
    "/fr/information/requests/?state=answered",
    "/fr/information/statistics/",
]


def test_public_information_pages_are_accessible(page):
    for path in PUBLIC_PAGES:
        assert_accessible_in_every_language(page, path)
    page.goto("/fr/information/publications/")
    page.locator("main .card__title a").first.click()
    assert_accessible_in_every_language(page, urlsplit(page.url).path)


def test_publication_is_published_by_an_officer_with_javascript_off(browser, server):
    context = browser.new_context(base_url=server.url, java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    try:
        sign_in(page, "info.region@demo.citizen-office.ma", STAFF_PASSWORD, totp=True)
        page.goto("/fr/staff/region-rabat-sale-kenitra/publications/new/")
        page.select_option("#id_language", "fr")
        page.fill("#id_title_fr", "Compte administratif 2026")
        page.select_option("#id_category", label="Budget et finances")
        page.fill("#id_published_on", "2026-11-20")
        page.set_input_files(
            "#id_attachments", files=[{"name": "note.exe", "mimeType": "application/pdf", "buffer": b"MZ"}]
        )
        page.locator("main form button[type=submit]").first.click()
        assert page.locator("#id_attachments_error").is_visible()  # refused by its content, kindly
        assert page.input_value("#id_title_fr") == "Compte administratif 2026"
        pdf = minimal_pdf("Compte administratif 2026")  # a real PDF: uploads are opened with a PDF parser
        page.set_input_files(
            "#id_attachments", files=[{"name": "ca.pdf", "mimeType": "application/pdf", "buffer": pdf}]
        )
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/publications/$"))
        page.goto("/fr/information/publications/?q=administratif")
        assert "Compte administratif 2026" in page.locator("main").inner_text()
        # Withdrawn with a reason: gone from the library.
        page.goto("/fr/staff/region-rabat-sale-kenitra/publications/?q=administratif")
        page.locator("main table a", has_text="Compte administratif 2026").click()
        page.fill("#id_reason", "Remplacé par la version amendée.")
        page.locator("main .card--danger button[type=submit]").click()
        page.wait_for_url(re.compile(r"/publications/$"))
        page.goto("/fr/information/publications/?q=administratif")
        assert "Compte administratif 2026" not in page.locator("main").inner_text()
    finally:
        context.close()


def test_publication_pages_of_the_back_office_are_accessible(page):
    # (axe needs JavaScript: the pages the JavaScript-off test walks are checked here.)
    sign_in(page, "info.cdg@demo.citizen-office.ma", STAFF_PASSWORD, totp=True)
    base = "/fr/staff/chef-du-gouvernement/publications/"
    assert_accessible_in_every_language(page, base)
    assert_accessible_in_every_language(page, base + "new/")
    page.locator("main form button[type=submit]").first.click()  # empty: the errors, linked
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.goto(base)
    page.locator("main table a").first.click()
    assert_accessible_in_every_language(page, urlsplit(page.url).path)


def test_a_new_account_confirms_its_email_before_it_can_file(page, server):
    page.goto("/fr/accounts/signup/")
    page.fill("#id_full_name", "Nouha Berrada")
    page.fill("#id_email", "nouha.unconfirmed@example.org")
    page.fill("#id_password1", "a quiet morning in Agdal")
    page.fill("#id_password2", "a quiet morning in Agdal")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fr/accounts/confirm-email/$"))
    # "Check your email", in every language; the request form still asks to sign in.
    assert_accessible_in_every_language(page, "/fr/accounts/confirm-email/")
    page.goto("/fr/information/ask/")
    assert "/accounts/login/" in page.url
    confirm_email(page, server, "nouha.unconfirmed@example.org")
    response = page.goto("/fr/information/ask/")
    assert response is not None and response.status == 200


def test_a_visitor_reports_personal_data_and_the_officer_masks_it_and_marks_it_handled(browser, server, new_page):
    """Issue 11 §3: any visitor, JavaScript off, reports a public text; the institution's officer, told by a message
    and finding the report from the back office's menu, opens the request and marks the report handled."""
    visitor_context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="ar-MA")
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(10_000)
    officer = new_page()
    try:
        visitor.goto("/ar/information/requests/?institution=commune-rabat")
        visitor.locator("main .card__title a, main table a").first.click()
        request_page = urlsplit(visitor.url).path
        visitor.locator("main a[href$='/report/']").click()
        report_page = urlsplit(visitor.url).path
        assert report_page.endswith("/report/")
        visitor.locator("main form[method=post] button[type=submit]").click()  # nothing chosen: the error, linked
        assert visitor.locator(".error-summary").is_visible()
        visitor.locator("main input[name=reason]").first.check()
        visitor.fill("main textarea[name=text]", "الفقرة الثانية فيها رقم هاتف")
        visitor.locator("main form[method=post] button[type=submit]").click()
        visitor.wait_for_url(re.compile(re.escape(request_page) + "$"))
        assert visitor.locator(".notice--success").is_visible()

        # The page and the form pass axe in every language (JavaScript on for axe).
        for path in (request_page, report_page):
            assert_accessible_in_every_language(officer, path.replace("/ar/", "/fr/", 1))

        # The officer finds it from the back office's menu, opens the request and marks the report handled there.
        sign_in(officer, OFFICER, STAFF_PASSWORD, totp=True)
        officer.goto("/fr/staff/commune-rabat/")
        officer.locator("a[href$='/personal-data-reports/']").first.click()
        reports = urlsplit(officer.url).path
        assert_accessible_in_every_language(officer, reports)
        assert "الفقرة الثانية" in officer.locator("main").inner_text()
        officer.locator("main table a").first.click()
        assert officer.locator("main").get_by_text("الفقرة الثانية").first.is_visible()
        officer.locator("main form[action$='/handled/'] button[type=submit]").first.click()
        officer.goto(reports)
        assert "الفقرة الثانية" not in officer.locator("main").inner_text()
    finally:
        visitor_context.close()
