"""Reminders before a deadline (five and one working days) and on the day it passes."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from core import clock
from core.calendar import WorkingCalendar
from information.models import Complaint, ComplaintState, InformationRequest
from information.models.requests import RUNNING_STATES
from information.services.common import calendar_for
from information.services.notices import tell_heads, tell_officers, tell_requester


def _step(left: int, *, overdue: bool, short: bool) -> str | None:
    if overdue:
        return "overdue"
    if left <= 1:
        return "one_day"
    if left <= 5 and not short:  # an urgent request has only three days in all
        return "five_days"
    return None


def reminders_send(*, today: date | None = None) -> int:
    """Idempotent: a message's key holds the request, its due date and the step, so a re-run sends nothing new."""
    today = today or clock.today()
    sent = 0
    window_end = today + timedelta(days=21)  # five working days, even around a long holiday
    qs = (
        InformationRequest.objects.filter(
            state__in=RUNNING_STATES, due_on__gte=today - timedelta(days=7), due_on__lte=window_end
        )
        .select_related("institution", "assignee", "requester")
        .order_by("due_on")
    )
    calendars: dict[int, WorkingCalendar] = {}
    for request in qs.iterator(chunk_size=500):
        assert request.due_on is not None
        cal = calendars.setdefault(request.institution_id, calendar_for(request.institution))
        left = cal.working_days_between(today, request.due_on)
        step = _step(left, overdue=today > request.due_on, short=request.urgent)
        if step is None:
            continue
        key = f"inf-reminder:{request.pk}:{request.due_on.isoformat()}:{step}"
        with transaction.atomic():
            tell_officers(request, what=step, key=key)
            if step == "overdue":
                tell_requester(request, what="overdue", key=f"{key}:requester")
        sent += 1
    # Complaints to the head are tracked the same way: the head is reminded too.
    complaints = Complaint.objects.filter(
        state=ComplaintState.SUBMITTED, due_on__gte=today - timedelta(days=7), due_on__lte=window_end
    ).select_related("institution", "request", "request__institution")
    for complaint in complaints.iterator(chunk_size=500):
        cal = calendars.setdefault(complaint.institution_id, calendar_for(complaint.institution))
        left = cal.working_days_between(today, complaint.due_on)
        step = _step(left, overdue=today > complaint.due_on, short=False)
        if step is None:
            continue
        with transaction.atomic():
            tell_heads(complaint, what=step, key=f"inf-complaint-reminder:{complaint.pk}:{step}")
        sent += 1
    return sent
