"""The case engine's journeys in a real browser: a holiday moved in the admin moves an open request's due
date and its requester is told; the staff work queue pages through more items than fit on one page."""

from __future__ import annotations

import re

import pytest

from browser_tests.conftest import assert_accessible, assert_accessible_in_every_language, sign_in
from portal.demo import ADMIN_EMAIL, ADMIN_PASSWORD, CITIZEN_PASSWORD, STAFF_PASSWORD

pytestmark = pytest.mark.browser

FILE_REQUESTS = """
from accounts.models import User
from information.services import request_submit
from institutions.models import Institution

institution = Institution.objects.get(slug="{slug}")
citizen = User.objects.get(email="{email}")
for i in range({count}):
    request, _ = request_submit(
        actor=citizen, institution=institution, subject="{subject} " + str(i + 1),
        body="Je souhaite recevoir ce document.", delivery_format="electronic",
        urgent={urgent}, urgency_reason="{reason}",
    )
    print("REFERENCE", request.reference)
"""


def _file(server, *, slug: str, email: str, subject: str, count: int = 1, urgent: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    script = FILE_REQUESTS.format(
        slug=slug,
        email=email,
        subject=subject,
        count=count,
        urgent=urgent,
        reason="Une audience au tribunal le 20 mai." if urgent else "",
    )
    output = server.manage("shell", "-c", script)
    return re.findall(r"^REFERENCE (\S+)$", output, flags=re.MULTILINE)


def _move_holiday(admin, *, listed: str, to: str) -> None:  # type: ignore[no-untyped-def]
    """In the platform admin: open the estimated Eid al-Adha day listed on ``listed``, put it on ``to`` and
    confirm it (the announced day)."""
    admin.goto("/admin/institutions/holiday/?q=sacrifice&date__year=2027")
    admin.locator("#result_list a", has_text=listed).click()
    admin.fill("#id_date", to)
    admin.locator("#id_estimated").uncheck()
    admin.locator("input[name=_save]").click()
    admin.wait_for_url(re.compile(r"/admin/institutions/holiday/(\?.*)?$"))
    admin.locator(".messagelist .success").wait_for()  # saved through the service (a failure shows no success)


def test_a_holiday_moved_in_the_admin_moves_the_due_date_and_the_requester_is_told(server, new_page):
    citizen_email = "citizen6@demo.citizen-office.ma"
    try:
        # Wednesday 12 May 2027: an urgent request (3 working days). Eid al-Adha is estimated on Monday 17 and
        # Tuesday 18 May, so the days are Thursday 13, Friday 14 and Wednesday 19.
        server.set_today("2027-05-12")
        (reference,) = _file(server, slug="commune-rabat", email=citizen_email, subject="Permis d'inhumer", urgent=True)
        citizen = new_page()
        sign_in(citizen, citizen_email, CITIZEN_PASSWORD)
        citizen.goto("/fr/me/")
        citizen.locator("main a", has_text=reference).click()
        citizen.wait_for_url(re.compile(r"/fr/information/mine/[\w-]+/$"))
        mine_url = citizen.url
        assert "19 mai 2027" in citizen.locator("dl.summary").inner_text()

        # The moon is sighted a day later: Eid is Tuesday 18 and Wednesday 19. The administrator moves both days
        # (the second day first, so no day is listed twice) and confirms them.
        admin = new_page()
        sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD, totp=True)
        _move_holiday(admin, listed="18 mai 2027", to="2027-05-19")
        _move_holiday(admin, listed="17 mai 2027", to="2027-05-18")
        listing = admin.locator("#result_list").inner_text()
        assert "18 mai 2027" in listing and "19 mai 2027" in listing and "17 mai 2027" not in listing

        # Monday 17 is a working day again: the request is due on Monday 17 May, and its timeline says why.
        citizen.goto(mine_url)
        assert "17 mai 2027" in citizen.locator("dl.summary").inner_text()
        timeline = citizen.locator("main").inner_text()
        assert "Échéance déplacée" in timeline
        assert_accessible_in_every_language(citizen, mine_url.replace(server.url, ""))
        # Told in their messages and by email.
        citizen.goto("/fr/me/messages/")
        assert reference in citizen.locator("main").inner_text()
        assert any(reference in message and "17 mai 2027" in message for message in server.emails_to(citizen_email))

        # The public holidays page shows the confirmed days.
        public = new_page()
        public.goto("/fr/holidays/")
        row = public.locator("tr", has_text="19 mai 2027")
        assert "sacrifice" in row.inner_text().lower()
        assert "estim" not in row.inner_text().lower()
    finally:
        server.set_today(None)


def test_the_work_queue_pages_through_thirty_requests_and_back(server, new_page):
    references = _file(
        server, slug="chef-du-gouvernement", email="citizen7@demo.citizen-office.ma", subject="Rapport", count=30
    )
    officer = new_page()
    sign_in(officer, "info.cdg@demo.citizen-office.ma", STAFF_PASSWORD, totp=True)
    officer.goto("/fr/staff/chef-du-gouvernement/")
    officer.wait_for_url(re.compile(r"/fr/staff/chef-du-gouvernement/$"))
    counts = officer.locator(".feed-counts").inner_text()
    assert re.search(r"\b(3\d)\b", counts), counts  # every request counted, not only the first page
    first = officer.locator("main").inner_text()
    assert officer.locator(".pagination a", has_text="Retour au début").count() == 0
    officer.locator(".pagination a[rel=next]").click()
    officer.wait_for_url(re.compile(r"\?after="))
    second = officer.locator("main").inner_text()
    assert_accessible(officer)
    seen_first = {r for r in references if re.search(rf"{r}\b", first)}
    seen_second = {r for r in references if re.search(rf"{r}\b", second)}
    assert seen_first and seen_second and not seen_first & seen_second  # nothing shown twice
    assert seen_first | seen_second == set(references)  # nothing skipped
    assert_accessible_in_every_language(officer, officer.url.replace(server.url, ""))
    officer.locator(".pagination a", has_text="Retour au début").click()
    assert officer.locator("main").inner_text() == first
