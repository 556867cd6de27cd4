"""The Citizen Office desk in a real browser (issue 12): a ticket taken at the kiosk, called by an agent, shown on
the display screen and served with an outcome; an appointment booked, checked in and served before a walk-in; an
agent checking a walk-in's identity and filing an information request and an application with a scanned document
for them, which they then see in My Office; a visitor without an email address leaving with a printed receipt and
claiming the account online; every new page under axe in every language; the kiosk and the screen at 1920×1080 and
on a 10-inch tablet.

The journeys run at an office of their own (made here, open every day and all day, one counter, one service): the
demo offices have their own people waiting, and the journeys must not depend on the hour the suite runs.
"""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from browser_tests.conftest import LANGS, assert_accessible, assert_accessible_in_every_language, sign_in
from browser_tests.test_applications import PDF, _file, _staff_sign_in
from portal.demo import CITIZEN_PASSWORD

pytestmark = pytest.mark.browser

OFFICE = "bureau-essai-navigateur"
AGENT = "agent.rabat@demo.citizen-office.ma"
ADMIN = "admin.rabat@demo.citizen-office.ma"
TABLET = {"width": 1280, "height": 800}  # a 10-inch tablet, landscape
SCREEN = {"width": 1920, "height": 1080}

SET_UP = f"""
from datetime import time
from institutions.models import Institution, Office, OpeningHours
from frontdesk.models import Counter, DeskService
rabat = Institution.objects.get(slug="commune-rabat")
office, made = Office.objects.get_or_create(
    slug="{OFFICE}",
    defaults=dict(institution=rabat, name_fr="Bureau d'essai", name_ar="مكتب التجربة", name_en="Test office",
                  name_zgh="ⴰⴱⵉⵔⵓ ⵏ ⵓⵔⵎⵎⵓⵙ", address_fr="1 place de l'Essai, Rabat"),
)
if made:
    OpeningHours.objects.bulk_create(
        [OpeningHours(office=office, weekday=d, opens=time(0, 0), closes=time(23, 55)) for d in range(7)]
    )
    counter = Counter.objects.create(office=office, number=9)
    service = DeskService.objects.create(
        office=office, prefix="T", name_fr="Essai", name_ar="تجربة", name_en="Trial", name_zgh="ⴰⵔⵎⵎⵓⵙ",
        typical_minutes=10, takes_appointments=True,
    )
    service.counters.set([counter])
print(Counter.objects.get(office=office, number=9).pk)
"""


@pytest.fixture(scope="module")
def counter_pk(server) -> int:  # type: ignore[no-untyped-def]
    return int(server.manage("shell", "-c", SET_UP).strip().splitlines()[-1])


def _agent_at_counter(page, counter_pk: int):  # type: ignore[no-untyped-def]
    """The agent signs in, finds the counter on "Desk and queue" and opens it (unless already at it)."""
    _staff_sign_in(page, AGENT)
    page.goto("/fr/staff/commune-rabat/desk/")
    at_it = page.locator(f"a[href$='/desk/counters/{counter_pk}/']")
    if at_it.count():
        at_it.first.click()
    else:
        page.locator(f"form[action$='/desk/counters/{counter_pk}/open/'] button").click()
    page.wait_for_url(re.compile(rf"/desk/counters/{counter_pk}/$"))
    return page


def _take_ticket(page) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"/fr/offices/{OFFICE}/kiosk/")
    page.locator("button[name=service][value=T]").click()
    page.wait_for_url(re.compile(r"/tickets/[^/]+/$"))
    return page.locator(".ticket__number").inner_text().strip()


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_a_ticket_is_taken_called_shown_on_the_screen_and_served(browser, server, new_page, counter_pk):
    kiosk = new_page()
    kiosk.set_viewport_size(TABLET)
    number = _take_ticket(kiosk)
    assert re.fullmatch(r"T-\d{3}", number)
    ticket_url = kiosk.url
    screen = new_page()
    screen.set_viewport_size(SCREEN)
    screen.goto(f"/fr/offices/{OFFICE}/display/")
    agent = _agent_at_counter(new_page(), counter_pk)
    agent.locator("form[action$='/call-next/'] button").click()
    assert number in agent.locator(".console__current").inner_text()
    # The screen shows the call within two seconds, without being reloaded (it asks every 1.5 s).
    expect(screen.locator("[data-calls] td", has_text=number)).to_be_visible(timeout=2_500)
    assert "9" in screen.locator("[data-calls] tr.is-latest").inner_text()
    agent.locator("form[action$='/start/'] button").click()
    agent.locator("input[name=outcome][value=information]").check()
    agent.locator("form[action$='/finish/'] button[type=submit]").click()
    expect(agent.locator(".console__current")).not_to_contain_text(number)
    kiosk.goto(ticket_url)
    assert kiosk.locator("a[href$='/rate/']").count() == 1  # served: the visitor may rate the visit


def test_an_appointment_is_booked_checked_in_and_called_before_the_walk_in(browser, server, new_page, counter_pk):
    walk_in = _take_ticket(new_page())
    citizen = new_page()
    sign_in(citizen, "citizen3@demo.citizen-office.ma", CITIZEN_PASSWORD)
    citizen.goto("/fr/appointments/")
    citizen.locator("main a", has_text="Bureau d'essai").click()
    citizen.locator("main .choice-list a").first.click()  # the service (the only one: chosen already) or the day
    if citizen.locator("input[name=starts_at]").count() == 0:
        citizen.locator("main .choice-list a").first.click()
    citizen.locator("input[name=starts_at]").first.check()
    citizen.locator("main form button[type=submit]").click()
    citizen.wait_for_url(re.compile(r"/appointments/[^/]+/$"))
    code = citizen.locator("dd.code").inner_text().strip()
    assert citizen.locator("a[href$='/calendar.ics']").count() == 1
    # The appointment is in ten minutes (the booking needs an hour ahead; the check-in opens half an hour before).
    server.manage(
        "shell",
        "-c",
        "from datetime import timedelta; from core import clock; from frontdesk.models import Appointment; "
        "start = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=10); "
        f"Appointment.objects.filter(code='{code}').update(starts_at=start, ends_at=start + timedelta(minutes=10), "
        "day=start.date())",
    )
    kiosk = new_page()
    kiosk.set_viewport_size(TABLET)
    kiosk.goto(f"/fr/offices/{OFFICE}/kiosk/")
    kiosk.fill("#id_code", code.lower().replace("-", ""))
    kiosk.locator("form[action$='/check-in/'] button").click()
    kiosk.wait_for_url(re.compile(r"/tickets/[^/]+/$"))
    booked = kiosk.locator(".ticket__number").inner_text().strip()
    agent = _agent_at_counter(new_page(), counter_pk)
    agent.locator("form[action$='/call-next/'] button").click()
    current = agent.locator(".console__current").inner_text()
    assert booked in current and walk_in not in current  # first, though the walk-in came before
    agent.locator("form[action$='/start/'] button").click()
    agent.locator("input[name=outcome][value=information]").check()
    agent.locator("form[action$='/finish/'] button[type=submit]").click()
    citizen.reload()
    assert "Servi" in citizen.locator("main").inner_text()
    # The walk-in is next; the agent marks them as not there and closes the counter.
    agent.locator("form[action$='/call-next/'] button").click()
    agent.locator("form[action$='/no_show/'] button").click()
    agent.locator("form[action$='/close/'] button").click()


def test_an_agent_checks_a_walk_ins_identity_and_files_for_them(browser, server, new_page, counter_pk):
    agent = new_page()
    _staff_sign_in(agent, AGENT)
    agent.goto("/fr/staff/commune-rabat/people/find/")
    agent.locator("input[name=kind][value=email]").check()
    agent.fill("#id_query", "citizen12@demo.citizen-office.ma")
    agent.fill("#id_reason", "Guichet : dossier de permis")
    agent.locator("main form button[type=submit]").first.click()
    agent.locator("main table a").first.click()
    agent.wait_for_url(re.compile(r"/people/[0-9a-f-]{36}/$"))
    person_url = agent.url
    agent.locator("#consent-agreed").check()
    agent.locator("form[action$='/consent/'] button[type=submit]").click()
    agent.locator("#id-document_number").fill(f"BK{secrets.randbelow(900000) + 100000}")
    agent.locator("#id-seen").check()
    agent.locator("form[action$='/identity/'] button[type=submit]").click()
    assert agent.locator("form[action*='/identity/'][action$='/revoke/']").count() >= 1
    # An information request, through the same service as online.
    agent.locator("a[href$='/file/information/']").click()
    agent.select_option("#id_institution", "commune-rabat")
    agent.fill("#id_subject", "Budget 2026 de l'arrondissement")
    agent.fill("#id_body", "Le budget voté pour 2026, ligne par ligne.")
    agent.locator("main form button[type=submit]").click()
    agent.wait_for_url(re.compile(r"/desk/visits/[^/]+/$"))
    request_reference = re.search(r"INF-[A-Z0-9-]+", agent.locator("main").inner_text()).group(0)  # type: ignore[union-attr]
    # An online application with the scanned documents, through the module's own pages.
    agent.goto(person_url)
    agent.locator("form[action$='/act/'] button").click()
    expect(agent.locator(".acting-banner")).to_be_visible()
    agent.goto("/fr/procedures/commune-rabat/permis-de-construire/")
    agent.locator(".button--start").click()
    agent.wait_for_url(re.compile(r"/tasks/$"))
    agent.locator(".task-list a").first.click()
    agent.fill("#id_adresse", "4 rue Tanger, Rabat")
    agent.locator("button[value=continue]").click()
    agent.fill("#id_terrain", "Lot 7, Hay Nahda, Rabat")
    agent.fill("#id_surface", "90")
    agent.locator("input[name=travaux]").first.check()
    agent.locator("input[name=lotissement][value=no]").check()
    agent.locator("button[value=continue]").click()
    inputs = agent.locator("input[type=file]")
    for index in range(inputs.count()):
        inputs.nth(index).set_input_files(_file(f"scan-{index}.pdf", PDF))  # from the desk's scanner
    agent.locator("button[value=continue]").click()
    agent.wait_for_url(re.compile(r"/check/$"))
    agent.locator("form[data-once] button[type=submit]").click()
    agent.wait_for_url(re.compile(r"/received/$"))
    application_reference = agent.inner_text("#reference").strip()
    agent.locator(".acting-banner button").click()
    agent.wait_for_url(person_url)
    agent.locator("a[href*='/desk/visits/']").first.click()
    receipt = agent.locator("main").inner_text()
    assert request_reference in receipt and application_reference in receipt
    # The person finds both in their own office.
    citizen = new_page()
    sign_in(citizen, "citizen12@demo.citizen-office.ma", CITIZEN_PASSWORD)
    citizen.goto("/fr/me/")
    mine = citizen.locator("main").inner_text()
    assert request_reference in mine and application_reference in mine


def test_a_visitor_without_email_leaves_with_a_receipt_and_claims_the_account_online(browser, server, new_page):
    agent = new_page()
    _staff_sign_in(agent, AGENT)
    agent.goto("/fr/staff/commune-rabat/people/new/")
    agent.fill("#id_full_name", "Mbarek Ait Ouahmane")
    agent.fill("#id_phone", "06 61 23 45 67")
    agent.locator("#id_agreed").check()
    agent.locator("main form button[type=submit]").click()
    agent.wait_for_url(re.compile(r"/people/[0-9a-f-]{36}/$"))
    agent.locator("a[href$='/file/information/']").click()
    agent.select_option("#id_institution", "commune-rabat")
    agent.fill("#id_subject", "Horaires du marché municipal")
    agent.fill("#id_body", "Les horaires d'ouverture du marché de Yacoub El Mansour.")
    agent.locator("main form button[type=submit]").click()
    agent.wait_for_url(re.compile(r"/desk/visits/[^/]+/$"))
    printed = agent.locator("main").inner_text()
    reference = re.search(r"INF-[A-Z0-9-]+", printed).group(0)  # type: ignore[union-attr]
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", printed).group(0)  # type: ignore[union-attr]
    # Later, at home: the code, an address and a password.
    visitor = new_page("ar-MA")
    visitor.goto("/ar/claim/")
    assert_accessible(visitor)
    address = f"mbarek.{secrets.token_hex(3)}@example.org"
    visitor.fill("#id_code", code)
    visitor.fill("#id_email", address)
    visitor.fill("#id_password1", "Tafraout-2026-argan")
    visitor.fill("#id_password2", "Tafraout-2026-argan")
    visitor.locator("main form button[type=submit]").click()
    assert address in visitor.locator("main").inner_text()
    found = re.search(r"(http://127\.0\.0\.1:\d+/\S+/accounts/confirm-email/\S+/)", server.emails_to(address)[-1])
    assert found
    visitor.goto(found.group(1))
    visitor.locator("main form button[type=submit]").click()
    sign_in(visitor, address, "Tafraout-2026-argan", lang="ar")
    visitor.goto("/ar/me/")
    assert reference in visitor.locator("main").inner_text()


PUBLIC = [
    f"/fr/offices/{OFFICE}/kiosk/",
    f"/fr/offices/{OFFICE}/display/",
    f"/fr/offices/{OFFICE}/appointments/",
    f"/fr/offices/{OFFICE}/appointments/?service=T",
    f"/fr/offices/{OFFICE}/kiosk/rate/",
    "/fr/offices/bureau-citoyen-rabat-hotel-de-ville/",
    "/fr/appointments/",
    "/fr/claim/",
]


def test_the_desks_public_pages_are_accessible_in_every_language(page, counter_pk):
    for path in PUBLIC:
        assert_accessible_in_every_language(page, path)


def test_a_ticket_its_print_outs_and_an_appointment_are_accessible(page, server, new_page, counter_pk):
    _take_ticket(page)
    ticket = page.url.split("/fr", 1)[1]
    for size in ("58", "80", "a4"):
        assert_accessible_in_every_language(page, f"/fr{ticket}print/?size={size}")
    assert_accessible_in_every_language(page, f"/fr{ticket}")
    citizen = new_page()
    sign_in(citizen, "citizen1@demo.citizen-office.ma", CITIZEN_PASSWORD)
    citizen.goto("/fr/me/")
    link = citizen.locator("main a[href*='/appointments/']").first.get_attribute("href")
    assert link, "citizen1 has an appointment in the demo data"
    path = "/fr" + link.split("/", 2)[2] if not link.startswith("/fr/") else link
    assert_accessible_in_every_language(citizen, path)
    assert_accessible_in_every_language(citizen, path + "move/")
    day = citizen.locator("main .choice-list a").first.get_attribute("href")
    citizen.goto(day or path + "move/")
    assert_accessible(citizen)


STAFF = [
    "/{lang}/staff/commune-rabat/desk/",
    "/{lang}/staff/commune-rabat/desk/counters/{counter}/",
    "/{lang}/staff/commune-rabat/desk/appointments/",
    "/{lang}/staff/commune-rabat/desk/appointments/book/?office=" + OFFICE + "&service=T",
    "/{lang}/staff/commune-rabat/people/find/",
    "/{lang}/staff/commune-rabat/people/new/",
    "/{lang}/staff/commune-rabat/desk/offices/bureau-citoyen-rabat-hotel-de-ville/figures/",
    "/{lang}/staff/commune-rabat/desk/offices/bureau-citoyen-rabat-hotel-de-ville/figures/?period=30",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/hours/",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/closures/",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/counters/",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/services/",
    "/{lang}/staff/commune-rabat/offices/" + OFFICE + "/setup/services/new/",
]


def test_the_desks_staff_pages_are_accessible_in_every_language(page, counter_pk):
    _staff_sign_in(page, ADMIN)
    for lang in LANGS:
        for path in STAFF:
            page.goto(path.format(lang=lang, counter=counter_pk))
            assert page.locator("html").get_attribute("lang") == lang, page.url
            assert_accessible(page)


def test_the_person_page_and_the_receipt_are_accessible(page, server):
    _staff_sign_in(page, AGENT)
    page.goto("/fr/staff/commune-rabat/people/new/")
    page.fill("#id_full_name", "Hajar Bennis")
    page.locator("#id_agreed").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/[0-9a-f-]{36}/$"))
    person = page.url.split("/fr", 1)[1]
    assert_accessible_in_every_language(page, f"/fr{person}")
    assert_accessible_in_every_language(page, f"/fr{person}file/information/")
    page.goto(f"/fr{person}")
    page.locator("a[href*='/desk/visits/']").first.click()
    assert_accessible_in_every_language(page, "/fr" + page.url.split("/fr", 1)[1])


@pytest.mark.parametrize("viewport", [SCREEN, TABLET], ids=["1920x1080", "tablet"])
def test_the_kiosk_and_the_screen_fit_big_screens_and_tablets(browser, server, viewport, counter_pk):
    context = browser.new_context(base_url=server.url, viewport=viewport, locale="ar-MA")
    page = context.new_page()
    for lang in ("ar", "fr"):
        page.goto(f"/{lang}/offices/{OFFICE}/kiosk/")
        _no_sideways_scroll(page)
        box = page.locator("button[name=service]").first.bounding_box()
        assert box and box["height"] >= 88 and box["width"] >= 200  # a touch target from arm's length
        page.goto(f"/{lang}/offices/{OFFICE}/display/")
        _no_sideways_scroll(page)
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.display__table')).fontSize)")
        assert size >= 32  # readable across a waiting room
    context.close()
