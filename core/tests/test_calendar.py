"""Working-day calendar: table-driven, around weekends, Eid, year ends and filings on holidays.

The law's reading (domain rules §3): the day of the event (receipt, answer, expiry) is day zero, whatever
day it falls on; day 1 is the first working day after it. A period in calendar days or months that ends
on a day that is not a working day ends on the next working day.
"""

from datetime import date

import pytest

from core.calendar import DeadlineRule, DurationUnit, WorkingCalendar, add_months

WD, CD, MONTHS = DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS, DurationUnit.MONTHS

# Morocco 2026 as seeded (Eid al-Fitr estimated 20–21 March, Eid al-Adha 27–28 May,
# Throne Day 30 July, Independence Day 18 November) plus 2027 with its lunar holidays at Morocco's
# usual sighting (Eid al-Fitr Wed 10 – Thu 11 March, Eid al-Adha Mon 17 – Tue 18 May, 1 Muharram
# Mon 7 June): explicit dates, so these tests never read the database.
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
    date(2027, 3, 10),
    date(2027, 3, 11),
    date(2027, 5, 1),
    date(2027, 5, 17),
    date(2027, 5, 18),
    date(2027, 6, 7),
    date(2027, 7, 30),
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
        (date(2026, 3, 14), 1, date(2026, 3, 16), "filed on Saturday: day zero, Monday is day 1"),
        (date(2026, 3, 15), 0, date(2026, 3, 15), "zero days: the day of the event itself, even a Sunday"),
        (date(2026, 3, 19), 1, date(2026, 3, 23), "Thursday before Eid al-Fitr (Fri) and the weekend"),
        (date(2026, 3, 20), 1, date(2026, 3, 23), "filed on Eid itself: that day is day zero"),
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


def test_filing_made_on_a_holiday_lists_only_the_holidays_after_it():
    # Wednesday 27 May 2026 (Eid al-Adha) is day zero: it is not "skipped", it is never counted anyway.
    deadline = CAL.deadline(date(2026, 5, 27), DeadlineRule(1, DurationUnit.WORKING_DAYS))
    assert deadline.due == date(2026, 5, 29)
    assert deadline.skipped_holidays == (date(2026, 5, 28),)


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        (DeadlineRule(15, DurationUnit.CALENDAR_DAYS), date(2026, 12, 20), date(2027, 1, 4)),
        (DeadlineRule(60, DurationUnit.CALENDAR_DAYS), date(2026, 1, 1), date(2026, 3, 2)),
        # 28 February 2027 is a Sunday: the period ends on Monday 1 March.
        (DeadlineRule(2, DurationUnit.MONTHS), date(2026, 12, 31), date(2027, 3, 1)),
        (DeadlineRule(3, DurationUnit.MONTHS), date(2026, 11, 30), date(2027, 3, 1)),
        (DeadlineRule(1, DurationUnit.MONTHS), date(2026, 6, 30), date(2026, 7, 31)),
    ],
)
def test_calendar_day_and_month_rules(rule, start, expected):
    assert CAL.deadline(start, rule).due == expected


def test_add_months_clamps_to_the_end_of_february_in_a_leap_year():
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_a_rule_cannot_be_negative():
    with pytest.raises(ValueError):
        DeadlineRule(-1, DurationUnit.WORKING_DAYS)


# The law's reading, case by case; each expected date worked out by hand on the 2027 calendar above.
@pytest.mark.parametrize(
    ("start", "rule", "due", "skipped", "why"),
    [
        # Received Friday 5 March: day 1 Monday 8, day 2 Tuesday 9, Eid (10-11), day 3 Friday 12 ... day 20 Tue 6 April.
        (date(2027, 3, 5), DeadlineRule(20, WD), date(2027, 4, 6), (date(2027, 3, 10), date(2027, 3, 11)), "Friday"),
        # Received Saturday 6 March: the same Monday is day 1, so the same due date (not one day more).
        (date(2027, 3, 6), DeadlineRule(20, WD), date(2027, 4, 6), (date(2027, 3, 10), date(2027, 3, 11)), "Saturday"),
        # Received on Eid itself (Wed 10 March): day zero; Thursday is Eid too, so Friday 12 is day 1.
        (date(2027, 3, 10), DeadlineRule(20, WD), date(2027, 4, 8), (date(2027, 3, 11),), "on a holiday"),
        # Received the eve of the two-day Eid (Tue 9 March): day 1 is Friday 12.
        (
            date(2027, 3, 9),
            DeadlineRule(20, WD),
            date(2027, 4, 8),
            (date(2027, 3, 10), date(2027, 3, 11)),
            "eve of Eid",
        ),
        # Extended on the last day (due Fri 7 May): 20 more working days from that day, over Eid al-Adha
        # (17-18 May) and 1 Muharram (7 June).
        (
            date(2027, 5, 7),
            DeadlineRule(20, WD),
            date(2027, 6, 9),
            (date(2027, 5, 17), date(2027, 5, 18), date(2027, 6, 7)),
            "extension on the last day",
        ),
        # Urgent (3 working days) received Friday 23 April: Monday 26, Tuesday 27, Wednesday 28.
        (date(2027, 4, 23), DeadlineRule(3, WD), date(2027, 4, 28), (), "urgent over a weekend, from Friday"),
        # Urgent received Saturday 24 April: the same three days (not four).
        (date(2027, 4, 24), DeadlineRule(3, WD), date(2027, 4, 28), (), "urgent over a weekend, from Saturday"),
        # Clarification answered Saturday 3 April with 3 working days left: Monday 5, Tuesday 6, Wednesday 7.
        (date(2027, 4, 3), DeadlineRule(3, WD), date(2027, 4, 7), (), "clarification answered on a Saturday"),
        # Silence: due Tuesday 6 April; the 20 working days to complain run from that day (day zero), not the next.
        (date(2027, 4, 6), DeadlineRule(20, WD), date(2027, 5, 4), (), "complaint window after silence"),
        # 30 calendar days from Friday 5 March end on Sunday 4 April: the period ends on Monday 5 April.
        (date(2027, 3, 5), DeadlineRule(30, CD), date(2027, 4, 5), (), "calendar days ending on a Sunday"),
        # 15 calendar days from Tuesday 23 February end on Eid (Wed 10 March): rolled over both days of Eid.
        (
            date(2027, 2, 23),
            DeadlineRule(15, CD),
            date(2027, 3, 12),
            (date(2027, 3, 10), date(2027, 3, 11)),
            "calendar days ending on a holiday",
        ),
        # Two months from Thursday 31 December 2026: 28 February 2027, a Sunday, so Monday 1 March.
        (date(2026, 12, 31), DeadlineRule(2, MONTHS), date(2027, 3, 1), (), "months ending on a Sunday"),
    ],
)
def test_counting_as_the_law_does(start, rule, due, skipped, why):
    deadline = CAL.deadline(start, rule)
    assert deadline.due == due, why
    assert deadline.skipped_holidays == skipped, why


def test_clarification_answered_on_a_saturday_restarts_the_clock_from_that_day():
    from information.deadlines import resume

    # Asked Thursday 1 April with 4 working days left (due Wednesday 7); answered Saturday 3 April: Saturday
    # is day zero, Monday day 1; the clock stood still one working day (Friday 2).
    deadline, stood_still = resume(
        CAL, paused_on=date(2027, 4, 1), due_on=date(2027, 4, 7), resumed_on=date(2027, 4, 3)
    )
    assert (deadline.due, stood_still) == (date(2027, 4, 8), 1)


@pytest.mark.parametrize(
    ("start", "due", "unit", "end", "new_holidays", "expected"),
    [
        # A holiday added inside a working-day period pushes it by one working day.
        (date(2027, 4, 1), date(2027, 4, 15), WD, None, {date(2027, 4, 8)}, date(2027, 4, 16)),
        # A holiday on the due date itself pushes it too.
        (date(2027, 4, 1), date(2027, 4, 15), WD, None, {date(2027, 4, 15)}, date(2027, 4, 16)),
        # A holiday after the due date changes nothing.
        (date(2027, 4, 1), date(2027, 4, 15), WD, None, {date(2027, 4, 19)}, date(2027, 4, 15)),
        # Calendar days: only the roll-forward moves; a holiday inside the period changes nothing.
        (date(2027, 4, 1), date(2027, 4, 15), CD, date(2027, 4, 15), {date(2027, 4, 8)}, date(2027, 4, 15)),
        (date(2027, 4, 1), date(2027, 4, 15), CD, date(2027, 4, 15), {date(2027, 4, 15)}, date(2027, 4, 16)),
    ],
)
def test_moved_due_counts_again_under_the_new_calendar(start, due, unit, end, new_holidays, expected):
    after = WorkingCalendar.from_dates(HOLIDAYS | new_holidays)
    assert after.moved_due(CAL, start=start, due=due, unit=unit, end=end) == expected


def test_moved_due_undoes_a_roll_forward_when_the_holiday_goes():
    # 15 calendar days from Tue 23 Feb 2027 end on Wed 10 March (Eid): rolled to Friday 12. If Eid moves off
    # the 10th and 11th, the period ends on the 10th again.
    after = WorkingCalendar.from_dates(HOLIDAYS - {date(2027, 3, 10), date(2027, 3, 11)})
    moved = after.moved_due(CAL, start=date(2027, 2, 23), due=date(2027, 3, 12), unit=CD, end=date(2027, 3, 10))
    assert moved == date(2027, 3, 10)
