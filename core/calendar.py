"""Working-day calendar and deadline rules: pure functions over a set of holiday dates.

Working days are Monday to Friday minus public holidays. A period runs *from* an event (receipt,
answer, expiry): the day of the event is day zero, whatever day it falls on, and day 1 is the first
working day after it, so a filing on Friday and one on Saturday both have Monday as day 1. A period
counted in calendar days or months that ends on a non-working day ends on the next working day
(domain rules §3). The holiday dates come from the database (institutions.selectors.holidays_for),
so this module stays free of any domain model and is trivially testable.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

WEEKEND = frozenset({5, 6})  # Saturday, Sunday


class DurationUnit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline as data: (duration, unit), e.g. 20 working days (law 31-13, art. 16)."""

    duration: int
    unit: DurationUnit

    def __post_init__(self) -> None:
        if self.duration < 0:
            raise ValueError("A deadline cannot be negative.")


@dataclass(frozen=True)
class Deadline:
    """A computed due date and how it was reached, so a page can explain it."""

    start: date
    due: date
    rule: DeadlineRule
    skipped_holidays: tuple[date, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = frozenset()
    weekend: frozenset[int] = WEEKEND

    @classmethod
    def from_dates(cls, dates: Iterable[date]) -> WorkingCalendar:
        return cls(holidays=frozenset(dates))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day on or after ``day``."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (day zero = the day of the event).

        The day of the event is never counted, whatever day it falls on: a request filed on a
        Saturday with a one-day deadline is due on Monday, like one filed on Friday.
        """
        if days < 0:
            raise ValueError("days must be zero or more")
        day = start
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start).

        The inverse of add_working_days: working_days_between(d, add_working_days(d, n)) == n.
        """
        if end <= start:
            return 0
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count

    def holidays_between(self, start: date, end: date) -> tuple[date, ...]:
        """Holidays that fell on weekdays between start (exclusive) and end (inclusive)."""
        return tuple(sorted(d for d in self.holidays if start < d <= end and d.weekday() not in self.weekend))

    def period_end(self, start: date, rule: DeadlineRule) -> date:
        """The last day of a period before any roll-forward: the working-day count, or the calendar date."""
        if rule.unit == DurationUnit.WORKING_DAYS:
            return self.add_working_days(start, rule.duration)
        if rule.unit == DurationUnit.CALENDAR_DAYS:
            return start + timedelta(days=rule.duration)
        return add_months(start, rule.duration)

    def deadline(self, start: date, rule: DeadlineRule) -> Deadline:
        """Apply a deadline rule to a start date and keep what was skipped for display.

        Working days: the holidays (on weekdays) after day zero up to the due date, each of which
        pushed the date by one working day. Calendar days and months: a period ending on a day
        that is not a working day ends on the next working day; the holidays it rolled over are
        the ones skipped.
        """
        end = self.period_end(start, rule)
        if rule.unit == DurationUnit.WORKING_DAYS:
            return Deadline(start=start, due=end, rule=rule, skipped_holidays=self.holidays_between(start, end))
        due = self.next_working_day(end)
        skipped = self.holidays_between(end - timedelta(days=1), due - timedelta(days=1)) if due != end else ()
        return Deadline(start=start, due=due, rule=rule, skipped_holidays=skipped)

    def moved_due(self, old: WorkingCalendar, *, start: date, due: date, unit: str, end: date | None = None) -> date:
        """The due date, under this (new) calendar, of a clock that ran from ``start`` to ``due`` under ``old``.

        Working days: as many working days after ``start`` as ``old`` counted up to ``due``, so
        only the changed days move it. Calendar days and months: the period's own end never
        moves, only the roll-forward onto a working day does. ``end`` is that end when the
        caller knows it; else ``due`` itself (a due date that was not rolled forward).
        """
        if unit == DurationUnit.WORKING_DAYS:
            return self.add_working_days(start, old.working_days_between(start, due))
        if end is None or end > due or old.next_working_day(end) != due:
            end = due
        return self.next_working_day(end)


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))
