"""The platform in Amazigh, JavaScript off: from the home page to a procedure, then a request for information filed
and its receipt read back in Tifinagh; texts not yet in Amazigh show in Arabic, marked as Arabic."""

from __future__ import annotations

import re

import pytest

from browser_tests.conftest import assert_accessible, sign_in
from portal.demo import CITIZEN_PASSWORD

pytestmark = pytest.mark.browser


def test_an_amazigh_reader_finds_a_procedure_and_files_a_request_with_javascript_off(browser, server):
    import pypdfium2

    context = browser.new_context(base_url=server.url, java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/zgh/")
        assert page.locator("html").get_attribute("lang") == "zgh"
        assert page.locator("html").get_attribute("dir") == "ltr"
        assert page.locator('.lang-switch a[hreflang="zgh"]').inner_text() == "ⵜⴰⵎⴰⵣⵉⵖⵜ"
        page.locator('.cards a[href="/zgh/procedures/"]').first.click()
        page.wait_for_url(re.compile(r"/zgh/procedures/$"))
        page.locator('main a[href="/zgh/procedures/commune-rabat/certificat-de-residence/"]').first.click()
        # The procedure is not written in Amazigh yet: its title shows in Arabic, marked as Arabic, right to left.
        title = page.locator('h1 span[lang="ar"][dir="rtl"]')
        assert title.inner_text() == "شهادة السكنى"
        assert page.locator("h1 .lang-hint").count() == 1

        sign_in(page, "citizen8@demo.citizen-office.ma", CITIZEN_PASSWORD, lang="zgh")
        page.goto("/zgh/information/ask/?institution=commune-rabat")
        page.fill("#id_subject", "ⴰⵙⵓⵜⵔ ⵏ ⵓⵙⵏⵖⵎⵙ ⵅⴼ ⵜⵉⵎⵣⴳⵉⴷⵉⵏ")
        page.fill("#id_body", "ⵔⵉⵖ ⴰⴷ ⵙⵙⵏⵖ ⵎⴰⵏⵉ ⵍⵍⴰⵏⵜ ⵜⵉⵎⵣⴳⵉⴷⵉⵏ ⵏ ⵜⵎⴷⵉⵏⵜ.")
        page.locator("main form button[type=submit]").last.click()
        if page.locator("main form button[value=send]").count():  # "is it already published?" first
            page.locator("main form button[value=send]").click()
        page.wait_for_url(re.compile(r"/zgh/information/mine/[\w-]+/received/$"))
        confirmation_url = page.url
        receipt = page.request.get(page.locator("main a[href$='receipt.pdf']").first.get_attribute("href"))
        assert receipt.status == 200
        pdf = pypdfium2.PdfDocument(receipt.body())
        try:
            text = pdf[0].get_textpage().get_text_range()
        finally:
            pdf.close()
        assert "ⵜⵉⵎⵣⴳⵉⴷⵉⵏ" in text
    finally:
        context.close()
    # axe (it needs JavaScript) on the pages walked, signed in and not.
    checker = browser.new_context(base_url=server.url)
    axe_page = checker.new_page()
    try:
        for path in ("/zgh/", "/zgh/procedures/", "/zgh/procedures/commune-rabat/certificat-de-residence/"):
            axe_page.goto(path)
            assert_accessible(axe_page)
        sign_in(axe_page, "citizen8@demo.citizen-office.ma", CITIZEN_PASSWORD, lang="zgh")
        for path in ("/zgh/me/", "/zgh/information/ask/", confirmation_url.replace(server.url, "")):
            axe_page.goto(path)
            assert_accessible(axe_page)
    finally:
        checker.close()
