"""The information module's clock: when a holiday changes, the open requests and complaints counting over
it get their due date recomputed (registered in ``core.registry.deadline_clocks``).

A request's current run of the clock starts on the day it was received (or transferred), or on the
day the requester last answered a clarification; the working days that run counted up to the due
date under the old calendar are counted again under the new one. Days before a pause are not
recounted: the days left when the clock stopped were fixed then. Paused requests have no running
due date: they are recomputed when the requester answers, with the calendar of that day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from core.calendar import Deadline, DeadlineRule, DurationUnit, WorkingCalendar
from core.i18n import path_without_language
from information.deadlines import explain
from information.models import (
    Complaint,
    ComplaintState,
    EventKind,
    InformationRequest,
    RequestEvent,
)
from information.models.requests import RUNNING_STATES
from institutions.selectors import calendars_for_change
from notifications.services import notify

TEMPLATE = "due_date_moved"


def _calendars(
    cache: dict[int, tuple[WorkingCalendar, WorkingCalendar]], institution: Any, days: set[date], changed: int | None
) -> tuple[WorkingCalendar, WorkingCalendar]:
    if institution.pk not in cache:
        cache[institution.pk] = calendars_for_change(institution=institution, days=days, changed_institution_id=changed)
    return cache[institution.pk]


def _tell(request: InformationRequest, *, what: str, old: date, new: date) -> None:
    notify(
        recipient=request.requester,
        template=TEMPLATE,
        context={"what": what, "reference": request.reference, "old_due": old, "new_due": new},
        institution=request.institution,
        url=path_without_language("information:mine", request.public_id),
        key=f"due-moved:inf-{what}:{request.pk}:{old.isoformat()}:{new.isoformat()}",
    )


def _requests_moved(*, days: set[date], institution_id: int | None, actor: Any, context: Any) -> int:
    from information.services.common import event_add, rules

    first, last = min(days), max(days)
    resumed = (
        RequestEvent.objects.filter(request=OuterRef("pk"), kind=EventKind.CLARIFICATION_GIVEN)
        .order_by("-on_date")
        .values("on_date")[:1]
    )
    found = (
        InformationRequest.objects.filter(state__in=RUNNING_STATES, due_on__isnull=False, clock_started_on__lte=last)
        .filter(Q(due_on__gte=first) | Q(long_due_on__gte=first))
        .annotate(resumed_on=Subquery(resumed))
        .select_related("institution", "requester")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if institution_id is not None:
        found = found.filter(institution_id=institution_id)
    table = rules()
    cache: dict[int, tuple[WorkingCalendar, WorkingCalendar]] = {}
    moved = 0
    for request in found:
        assert request.due_on is not None
        start = max(request.clock_started_on, request.resumed_on or request.clock_started_on)
        rule = table.answer(urgent=request.urgent)
        before, after = _calendars(cache, request.institution, days, institution_id)
        old_due, old_long = request.due_on, request.long_due_on or request.due_on
        new_due = after.moved_due(before, start=start, due=old_due, unit=rule.unit)
        if rule.unit == DurationUnit.WORKING_DAYS:
            new_long = after.add_working_days(new_due, before.working_days_between(old_due, old_long))
        else:
            new_long = after.deadline(new_due, rule).due
        if new_due == old_due and new_long == request.long_due_on:
            continue
        request.due_on, request.long_due_on = new_due, new_long
        request.save(update_fields=["due_on", "long_due_on", "updated_at"])
        if new_due == old_due:
            continue  # only the "long overdue" day moved: nothing the requester was told changed
        counted = after.working_days_between(start, new_due) if rule.unit == DurationUnit.WORKING_DAYS else 0
        deadline = Deadline(
            start=start,
            due=new_due,
            rule=DeadlineRule(counted, rule.unit) if counted else rule,
            skipped_holidays=after.holidays_between(start, new_due),
        )
        event_add(
            request=request,
            kind=EventKind.DUE_DATE_MOVED,
            actor=actor,
            by_staff=True,
            deadline=explain(deadline, why="moved"),
            context=context,
            changes={"from": old_due.isoformat(), "days": sorted(d.isoformat() for d in days)},
        )
        _tell(request, what="request", old=old_due, new=new_due)
        moved += 1
    return moved


def _complaints_moved(*, days: set[date], institution_id: int | None, actor: Any, context: Any) -> int:
    from information.services.common import event_add

    first, last = min(days), max(days)
    found = (
        Complaint.objects.filter(state=ComplaintState.SUBMITTED, filed_on__lte=last, due_on__gte=first)
        .select_related("request__institution", "request__requester", "institution")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if institution_id is not None:
        found = found.filter(institution_id=institution_id)
    cache: dict[int, tuple[WorkingCalendar, WorkingCalendar]] = {}
    moved = 0
    for complaint in found:
        explained = complaint.deadline or {}
        unit = explained.get("unit", DurationUnit.WORKING_DAYS)
        before, after = _calendars(cache, complaint.institution, days, institution_id)
        end = None
        if unit != DurationUnit.WORKING_DAYS and "duration" in explained:
            end = before.period_end(complaint.filed_on, DeadlineRule(int(explained["duration"]), DurationUnit(unit)))
        old_due = complaint.due_on
        new_due = after.moved_due(before, start=complaint.filed_on, due=old_due, unit=unit, end=end)
        if new_due == old_due:
            continue
        duration = int(explained.get("duration", 0))
        deadline = Deadline(
            start=complaint.filed_on,
            due=new_due,
            rule=DeadlineRule(duration, DurationUnit(unit)),
            skipped_holidays=after.holidays_between(complaint.filed_on, new_due),
        )
        complaint.due_on = new_due
        complaint.deadline = explain(deadline, why="complaint")
        complaint.save(update_fields=["due_on", "deadline"])
        request = complaint.request
        event_add(
            request=request,
            kind=EventKind.DUE_DATE_MOVED,
            actor=actor,
            by_staff=True,
            context=context,
            changes={
                "complaint_due_on": new_due.isoformat(),
                "from": old_due.isoformat(),
                "days": sorted(d.isoformat() for d in days),
            },
        )
        _tell(request, what="complaint", old=old_due, new=new_due)
        moved += 1
    return moved


def information_clock(*, days: set[date], institution_id: int | None, actor: Any, context: Any) -> int:
    """Recompute the due dates of the running requests and open complaints counting over ``days``."""
    if not days:
        return 0
    return _requests_moved(days=days, institution_id=institution_id, actor=actor, context=context) + (
        _complaints_moved(days=days, institution_id=institution_id, actor=actor, context=context)
    )


def register() -> None:
    from core.registry import deadline_clocks

    deadline_clocks.register("information", information_clock)
