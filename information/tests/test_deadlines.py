"""Deadline computations, table-driven, on the seeded holiday table.

The day of the event is day zero, whatever day it is (domain rules §3). 2027's lunar holidays are seeded
at Morocco's usual sighting, one day after Umm al-Qura: Eid al-Fitr Wed 10 – Thu 11 March, Eid al-Adha
Mon 17 – Tue 18 May.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.calendar import DeadlineRule, DurationUnit
from information.deadlines import Rules, is_long_overdue, is_overdue, long_due, resume
from institutions.selectors import working_calendar

pytestmark = pytest.mark.django_db

WD = DurationUnit.WORKING_DAYS


@pytest.mark.parametrize(
    ("received", "days", "due", "skipped"),
    [
        # Friday before Eid al-Fitr: the weekend and both days of Eid are skipped.
        (date(2027, 3, 5), 20, date(2027, 4, 6), [date(2027, 3, 10), date(2027, 3, 11)]),
        # Filed on a Saturday: Monday is day 1, as for a filing on Friday.
        (date(2027, 3, 6), 20, date(2027, 4, 6), [date(2027, 3, 10), date(2027, 3, 11)]),
        # Urgent (3 working days) across Eid.
        (date(2027, 3, 8), 3, date(2027, 3, 15), [date(2027, 3, 10), date(2027, 3, 11)]),
        # Filed on a holiday (Youth Day, a Friday) just before the Mawlid: that day is day zero, Monday day 1.
        (date(2026, 8, 21), 20, date(2026, 9, 22), [date(2026, 8, 25), date(2026, 8, 26)]),
        # Across Independence Day.
        (date(2026, 11, 13), 20, date(2026, 12, 14), [date(2026, 11, 18)]),
        # Across the year end, 11 January and the Amazigh new year.
        (date(2026, 12, 24), 20, date(2027, 1, 26), [date(2027, 1, 1), date(2027, 1, 11), date(2027, 1, 14)]),
        # Urgent request filed the Friday before Eid al-Adha (Monday and Tuesday).
        (date(2027, 5, 14), 3, date(2027, 5, 21), [date(2027, 5, 17), date(2027, 5, 18)]),
    ],
)
def test_answer_deadline_skips_weekends_and_holidays(received, days, due, skipped):
    deadline = working_calendar().deadline(received, DeadlineRule(days, WD))
    assert deadline.due == due
    assert list(deadline.skipped_holidays) == skipped


@pytest.mark.parametrize(
    ("paused", "due", "resumed", "new_due", "stood_still"),
    [
        # Asked on day zero, answered the Friday after Eid: all 20 days count again from Friday.
        (date(2027, 3, 8), date(2027, 4, 7), date(2027, 3, 12), date(2027, 4, 9), 2),
        # Asked with 5 working days left, answered a week later.
        (date(2027, 3, 31), date(2027, 4, 7), date(2027, 4, 7), date(2027, 4, 14), 5),
        # Answered on a Saturday: that Saturday is day zero, Monday day 1 of the four days left; the clock stood
        # still one working day (Friday).
        (date(2027, 4, 1), date(2027, 4, 7), date(2027, 4, 3), date(2027, 4, 8), 1),
    ],
)
def test_stopped_clock_restarts_with_the_days_that_were_left(paused, due, resumed, new_due, stood_still):
    deadline, still = resume(working_calendar(), paused_on=paused, due_on=due, resumed_on=resumed)
    assert deadline.due == new_due
    assert still == stood_still


def test_extension_adds_the_same_period_from_the_due_date():
    rules = Rules({})
    cal = working_calendar()
    assert cal.deadline(date(2027, 4, 9), rules.extension(urgent=False)).due == date(2027, 5, 7)
    assert cal.deadline(date(2027, 3, 8), rules.extension(urgent=True)).due == date(2027, 3, 15)


def test_long_overdue_is_the_deadline_passed_by_as_much_again():
    cal = working_calendar()
    assert long_due(cal, date(2027, 4, 7), DeadlineRule(20, WD)) == date(2027, 5, 5)


@pytest.mark.parametrize(
    ("state", "today", "overdue", "long_overdue"),
    [
        ("in_progress", date(2027, 4, 7), False, False),  # the due day itself is still on time
        ("in_progress", date(2027, 4, 8), True, False),
        ("submitted", date(2027, 5, 6), True, True),
        ("awaiting_clarification", date(2027, 5, 6), False, False),  # the clock is stopped
        ("answered", date(2027, 5, 6), False, False),
        ("closed", date(2027, 5, 6), False, False),
    ],
)
def test_overdue_is_derived_from_dates_and_state(state, today, overdue, long_overdue):
    assert is_overdue(state=state, due_on=date(2027, 4, 7), today=today) is overdue
    assert is_long_overdue(state=state, long_due_on=date(2027, 5, 5), today=today) is long_overdue


def test_rules_come_from_the_database_and_can_be_edited():
    from information.models import InformationDeadline
    from information.services.common import rules

    assert rules().answer(urgent=False) == DeadlineRule(20, WD)
    InformationDeadline.objects.filter(kind="answer").update(duration=15)
    assert rules().answer(urgent=False) == DeadlineRule(15, WD)
    assert rules()["commission_window"] == DeadlineRule(30, DurationUnit.CALENDAR_DAYS)


def test_platform_administrator_edits_a_deadline_in_the_admin_and_it_is_audited(client):
    from accounts.tests.factories import UserFactory, with_totp
    from audit.models import AuditEvent
    from information.models import InformationDeadline
    from information.services.common import rules

    admin_user = UserFactory(verified=True, is_staff=True, is_superuser=True)
    with_totp(admin_user)
    client.force_login(admin_user)
    row = InformationDeadline.objects.get(kind="urgent_answer")
    response = client.post(
        f"/admin/information/informationdeadline/{row.pk}/change/",
        {"duration": 2, "unit": "working_days", "legal_basis": "Law 31-13, art. 17"},
    )
    assert response.status_code == 302, response.content[:500]
    assert rules().answer(urgent=True) == DeadlineRule(2, WD)
    assert AuditEvent.objects.filter(action="admin.change", object_type="information.informationdeadline").exists()
