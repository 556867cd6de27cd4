"""Reminders before a deadline (five and one working days) and on the day it passes."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from core import clock
from information.models import InformationRequest
from information.models.requests import RUNNING_STATES
from information.services.common import calendar_for
from information.services.notices import tell_officers, tell_requester


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
    calendars: dict[int, object] = {}
    for request in qs.iterator(chunk_size=500):
        assert request.due_on is not None
        cal = calendars.setdefault(request.institution_id, calendar_for(request.institution))
        left = cal.working_days_between(today, request.due_on)  # type: ignore[attr-defined]
        if today > request.due_on:
            step = "overdue"
        elif left <= 1:
            step = "one_day"
        elif left <= 5 and not request.urgent:  # an urgent request has only three days in all
            step = "five_days"
        else:
            continue
        key = f"inf-reminder:{request.pk}:{request.due_on.isoformat()}:{step}"
        with transaction.atomic():
            tell_officers(request, what=step, key=key)
            if step == "overdue":
                tell_requester(request, what="overdue", key=f"{key}:requester")
        sent += 1
    return sent
