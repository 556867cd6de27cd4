"""The legal clock of an information request, as pure functions over a working calendar.

- 20 working days from receipt; 3 when urgent (art. 16-17); once extended by the same period.
- The clock stops while the institution waits for the requester's clarification; the working
  days that were left are counted again from the day the requester answers.
- "Overdue" and "long overdue" (past the deadline by as much again) are derived from dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.calendar import Deadline, DeadlineRule, DurationUnit, WorkingCalendar

DEFAULT_RULES: dict[str, tuple[int, str, str]] = {
    # kind: (duration, unit, legal basis) — verify against the law before each release.
    "answer": (20, DurationUnit.WORKING_DAYS, "Law 31-13, art. 16"),
    "urgent_answer": (3, DurationUnit.WORKING_DAYS, "Law 31-13, art. 17"),
    "extension": (20, DurationUnit.WORKING_DAYS, "Law 31-13, art. 16"),
    "urgent_extension": (3, DurationUnit.WORKING_DAYS, "Law 31-13, art. 17"),
    "complaint_window": (20, DurationUnit.WORKING_DAYS, "Law 31-13, art. 19"),
    "complaint_answer": (15, DurationUnit.WORKING_DAYS, "Law 31-13, art. 19"),
    "commission_window": (30, DurationUnit.CALENDAR_DAYS, "Law 31-13, art. 20"),
}


@dataclass(frozen=True)
class Rules:
    """The deadlines in force, read from InformationDeadline rows (defaults when a row is missing)."""

    table: dict[str, DeadlineRule]

    def __getitem__(self, kind: str) -> DeadlineRule:
        if kind in self.table:
            return self.table[kind]
        duration, unit, _basis = DEFAULT_RULES[kind]
        return DeadlineRule(duration, DurationUnit(unit))

    def answer(self, *, urgent: bool) -> DeadlineRule:
        return self["urgent_answer" if urgent else "answer"]

    def extension(self, *, urgent: bool) -> DeadlineRule:
        return self["urgent_extension" if urgent else "extension"]


def explain(deadline: Deadline, *, why: str) -> dict[str, Any]:
    """What the request page shows: from which day, which rule, which holidays were skipped."""
    return {
        "why": why,
        "start": deadline.start.isoformat(),
        "duration": deadline.rule.duration,
        "unit": str(deadline.rule.unit),
        "skipped": [d.isoformat() for d in deadline.skipped_holidays],
        "due": deadline.due.isoformat(),
    }


def long_due(calendar: WorkingCalendar, due: date, rule: DeadlineRule) -> date:
    """The day after which a request is "long overdue": the deadline passed by as much again.

    The due date is day zero of that second period.
    """
    return calendar.deadline(due, rule).due


def resume(calendar: WorkingCalendar, *, paused_on: date, due_on: date, resumed_on: date) -> tuple[Deadline, int]:
    """Restart a stopped clock: the working days left when it stopped count from the day it restarts.

    The day of the answer is day zero, whatever day it falls on (an answer on Saturday has Monday
    as day 1, like one on Friday). Returns the new deadline and the working days the clock stood
    still: the working days after the pause up to the day of the answer.
    """
    left = calendar.working_days_between(paused_on, due_on)
    deadline = calendar.deadline(resumed_on, DeadlineRule(left, DurationUnit.WORKING_DAYS))
    stood_still = calendar.working_days_between(paused_on, resumed_on)
    return deadline, stood_still


def is_overdue(*, state: str, due_on: date | None, today: date) -> bool:
    from information.models.requests import RUNNING_STATES

    return state in RUNNING_STATES and due_on is not None and today > due_on


def is_long_overdue(*, state: str, long_due_on: date | None, today: date) -> bool:
    from information.models.requests import RUNNING_STATES

    return state in RUNNING_STATES and long_due_on is not None and today > long_due_on
