"""Plain words for a request's state: what it means and what happens next, by when (Alaveteli #1368)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from core.calendar import DurationUnit
from core.dates import written_date
from information.deadlines import is_long_overdue, is_overdue
from information.models import InformationRequest, Outcome, RequestState


@dataclass(frozen=True)
class Status:
    label: str
    tone: str
    overdue: bool = False
    long_overdue: bool = False
    next_step: str = ""


def _d(day: date | None) -> str:
    return written_date(day) if day else ""


def status_of(request: InformationRequest, *, today: date, for_requester: bool = False) -> Status:
    """The state in plain words: to the requester with ``for_requester``, else to staff and the public."""
    state = request.state
    overdue = is_overdue(state=state, due_on=request.due_on, today=today)
    long_overdue = is_long_overdue(state=state, long_due_on=request.long_due_on, today=today)
    if long_overdue:
        return Status(
            _("Long overdue"),
            "danger",
            True,
            True,
            _("The answer was due on %(due)s and is now late by more than the legal deadline again.")
            % {"due": _d(request.due_on)},
        )
    if overdue:
        return Status(
            _("Overdue"),
            "danger",
            True,
            False,
            (
                _("The answer was due on %(due)s. You may complain to the head of the body.")
                if for_requester
                else _("The answer was due on %(due)s. The requester may complain to the head of the body.")
            )
            % {"due": _d(request.due_on)},
        )
    if state == RequestState.AWAITING_CLARIFICATION:
        return Status(
            _("Waiting for your answer") if for_requester else _("Waiting for the requester"),
            "warning",
            next_step=(
                _("The institution asked you a question. The clock is stopped until you answer.")
                if for_requester
                else _("The institution asked the requester a question. The clock is stopped until they answer.")
            ),
        )
    if state in (RequestState.SUBMITTED, RequestState.IN_PROGRESS):
        label = (
            _("Extended") if request.extended_on else (_("Received") if state == "submitted" else _("Being handled"))
        )
        return Status(
            label,
            "info",
            next_step=_("The institution must answer by %(due)s.") % {"due": _d(request.due_on)},
        )
    if state in (RequestState.ANSWERED, RequestState.CLOSED):
        tones = {Outcome.FULL: "success", Outcome.PARTIAL: "warning", Outcome.REFUSED: "danger"}
        outcome_label = str(dict(Outcome.choices).get(request.outcome, _("Closed")))
        return Status(outcome_label, tones.get(request.outcome, "neutral"))  # type: ignore[call-overload]
    return Status(_("Withdrawn"), "neutral")


UNIT_LABELS = {
    DurationUnit.WORKING_DAYS: "working days",
    DurationUnit.CALENDAR_DAYS: "calendar days",
    DurationUnit.MONTHS: "months",
}


def explanation_lines(events: Any, holiday_names: dict[date, str]) -> list[dict[str, Any]]:
    """The due-date computations of a request, from its timeline, ready for the template."""
    lines = []
    for event in events:
        d = event.deadline
        if not d:
            continue
        lines.append(
            {
                "event": event,
                "why": d["why"],
                "start": date.fromisoformat(d["start"]),
                "duration": d["duration"],
                "unit": d["unit"],
                "due": date.fromisoformat(d["due"]),
                "skipped": [
                    (date.fromisoformat(s), holiday_names.get(date.fromisoformat(s), "")) for s in d["skipped"]
                ],
            }
        )
    return lines
