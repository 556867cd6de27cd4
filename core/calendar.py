"""Working-day calendar and deadline rules: pure functions over a set of holiday dates.

Working days are Monday to Friday minus public holidays. Day zero is the day of receipt: a
filing on a weekend or a holiday counts from the next working day (domain rules §3). The
holiday dates come from the database (institutions.selectors.holidays_for), so this module
stays free of any domain model and is trivially testable.
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
        """The date ``days`` working days after ``start`` (day zero = the day of receipt).

        A filing on a non-working day counts from the next working day, so a request filed on a
        Saturday with a one-day deadline is due on Tuesday, not Monday.
        """
        if days < 0:
            raise ValueError("days must be zero or more")
        day = self.next_working_day(start)
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start).

        The inverse of add_working_days for a working-day start:
        working_days_between(d, add_working_days(d, n)) == n.
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

    def deadline(self, start: date, rule: DeadlineRule) -> Deadline:
        """Apply a deadline rule to a start date and keep what was skipped for display."""
        if rule.unit == DurationUnit.WORKING_DAYS:
            due = self.add_working_days(start, rule.duration)
            skipped = self.holidays_between(start - timedelta(days=1), due)
        elif rule.unit == DurationUnit.CALENDAR_DAYS:
            due = start + timedelta(days=rule.duration)
            skipped = ()
        else:
            due = add_months(start, rule.duration)
            skipped = ()
        return Deadline(start=start, due=due, rule=rule, skipped_holidays=skipped)


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))
