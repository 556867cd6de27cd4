"""Working-day calendar: table-driven, around weekends, Eid, year ends and filings on holidays."""

from datetime import date

import pytest

from core.calendar import DeadlineRule, DurationUnit, WorkingCalendar, add_months

# Morocco 2026 as seeded (Eid al-Fitr estimated 20–21 March, Eid al-Adha 27–28 May,
# Throne Day 30 July, Independence Day 18 November) plus 1 and 11 January 2027.
HOLIDAYS = {
    date(2026, 1, 1),
    date(2026, 1, 11),
    date(2026, 1, 14),
    date(2026, 3, 20),
    date(2026, 3, 21),
    date(2026, 5, 1),
    date(2026, 5, 27),
    date(2026, 5, 28),
    date(2026, 7, 30),
    date(2026, 8, 14),
    date(2026, 8, 20),
    date(2026, 8, 21),
    date(2026, 11, 6),
    date(2026, 11, 18),
    date(2027, 1, 1),
    date(2027, 1, 11),
    date(2027, 1, 14),
}
CAL = WorkingCalendar.from_dates(HOLIDAYS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 16), True),  # Monday
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 3, 15), False),  # Sunday
        (date(2026, 3, 20), False),  # Eid al-Fitr, a Friday
        (date(2026, 5, 27), False),  # Eid al-Adha, a Wednesday
        (date(2026, 12, 31), True),  # New Year's Eve is a working day
        (date(2027, 1, 1), False),  # New Year's Day
    ],
)
def test_is_working_day(day, expected):
    assert CAL.is_working_day(day) is expected


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (date(2026, 3, 16), 0, date(2026, 3, 16), "day zero is the day of receipt"),
        (date(2026, 3, 16), 1, date(2026, 3, 17), "plain weekday"),
        (date(2026, 3, 13), 1, date(2026, 3, 16), "Friday + 1 skips the weekend"),
        (date(2026, 3, 14), 1, date(2026, 3, 17), "filed on Saturday counts from Monday"),
        (date(2026, 3, 19), 1, date(2026, 3, 23), "Thursday before Eid al-Fitr (Fri) and the weekend"),
        (date(2026, 3, 20), 1, date(2026, 3, 24), "filed on Eid itself counts from the next working day"),
        (date(2026, 3, 2), 20, date(2026, 3, 31), "20 working days across Eid al-Fitr"),
        (date(2026, 5, 26), 3, date(2026, 6, 2), "urgent request across Eid al-Adha (Wed-Thu)"),
        (date(2026, 12, 24), 6, date(2027, 1, 4), "year end: 1 January is skipped"),
        (date(2026, 12, 31), 20, date(2027, 2, 2), "year end with 1, 11 and 14 January skipped"),
        (date(2026, 11, 17), 1, date(2026, 11, 19), "Independence Day (18 Nov)"),
    ],
)
def test_add_working_days(start, days, expected, why):
    assert CAL.add_working_days(start, days) == expected, why


@pytest.mark.parametrize(
    ("start", "days"),
    [(date(2026, 3, 2), 20), (date(2026, 5, 25), 3), (date(2026, 12, 24), 5), (date(2026, 7, 27), 15)],
)
def test_working_days_between_is_the_inverse_of_add(start, days):
    assert CAL.working_days_between(start, CAL.add_working_days(start, days)) == days


def test_working_days_between_is_zero_backwards():
    assert CAL.working_days_between(date(2026, 3, 10), date(2026, 3, 2)) == 0


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 3, 2), -1)


def test_request_filed_on_friday_before_eid_is_due_after_eid_and_lists_the_holidays_skipped():
    deadline = CAL.deadline(date(2026, 3, 19), DeadlineRule(3, DurationUnit.WORKING_DAYS))
    assert deadline.due == date(2026, 3, 25)
    assert deadline.skipped_holidays == (date(2026, 3, 20),)  # the 21st is a Saturday anyway


def test_filing_made_on_a_holiday_lists_that_holiday():
    deadline = CAL.deadline(date(2026, 5, 27), DeadlineRule(1, DurationUnit.WORKING_DAYS))
    assert deadline.due == date(2026, 6, 1)
    assert deadline.skipped_holidays == (date(2026, 5, 27), date(2026, 5, 28))


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        (DeadlineRule(15, DurationUnit.CALENDAR_DAYS), date(2026, 12, 20), date(2027, 1, 4)),
        (DeadlineRule(60, DurationUnit.CALENDAR_DAYS), date(2026, 1, 1), date(2026, 3, 2)),
        (DeadlineRule(2, DurationUnit.MONTHS), date(2026, 12, 31), date(2027, 2, 28)),
        (DeadlineRule(3, DurationUnit.MONTHS), date(2026, 11, 30), date(2027, 2, 28)),
    ],
)
def test_calendar_day_and_month_rules(rule, start, expected):
    assert CAL.deadline(start, rule).due == expected


def test_add_months_clamps_to_the_end_of_february_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_a_rule_cannot_be_negative():
    with pytest.raises(ValueError):
        DeadlineRule(-1, DurationUnit.WORKING_DAYS)
