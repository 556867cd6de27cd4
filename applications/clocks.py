"""The applications module's clock: when a holiday changes, the open applications counting over it get
their due date recomputed (registered in ``core.registry.deadline_clocks``).

The current run of an application's clock starts on the day it was received, or on the day the
applicant last sent the missing documents. Working days: the days that run counted up to the due
date under the old calendar are counted again under the new one. Calendar days and months: the
period's own end does not move, only its roll-forward onto a working day. Applications waiting for
documents have no running due date: it is recomputed when the documents arrive.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from applications.models import Application, ApplicationState, CaseEvent, EventKind
from core.calendar import DurationUnit, WorkingCalendar
from core.i18n import path_without_language
from institutions.selectors import calendars_for_change
from notifications.services import notify

RUNNING = (ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW)


def applications_clock(*, days: set[date], institution_id: int | None, actor: Any, context: Any) -> int:
    """Recompute the due dates of the running applications counting over ``days``; how many moved."""
    from applications.services.common import event_add

    if not days:
        return 0
    first, last = min(days), max(days)
    resumed = (
        CaseEvent.objects.filter(application=OuterRef("pk"), kind=EventKind.DOCUMENTS_SENT)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    found = (
        Application.objects.filter(
            state__in=RUNNING, due_on__isnull=False, due_on__gte=first, received_on__isnull=False, received_on__lte=last
        )
        .annotate(resumed_at=Subquery(resumed))
        .select_related("institution", "applicant", "procedure")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if institution_id is not None:
        found = found.filter(institution_id=institution_id)
    cache: dict[int, tuple[WorkingCalendar, WorkingCalendar]] = {}
    moved = 0
    for application in found:
        assert application.due_on is not None and application.received_on is not None
        start = application.received_on
        if application.resumed_at is not None:
            start = max(start, timezone.localdate(application.resumed_at))
        unit = application.clock_unit or application.procedure.max_unit
        if application.institution_id not in cache:
            cache[application.institution_id] = calendars_for_change(
                institution=application.institution, days=days, changed_institution_id=institution_id
            )
        before, after = cache[application.institution_id]
        end = None
        never_paused = start == application.received_on and application.procedure.max_unit == unit
        if unit != DurationUnit.WORKING_DAYS and never_paused:
            # The period is the procedure's, from the day of receipt: its own end is known.
            end = before.period_end(start, application.procedure.max_rule)
        old_due = application.due_on
        new_due = after.moved_due(before, start=start, due=old_due, unit=unit, end=end)
        if new_due == old_due:
            continue
        application.due_on = new_due
        application.save(update_fields=["due_on", "updated_at"])
        event_add(
            application=application,
            kind=EventKind.DUE_DATE_MOVED,
            actor=actor,
            by_staff=True,
            context=context,
            changes={"from": old_due.isoformat(), "days": sorted(d.isoformat() for d in days)},
        )
        notify(
            recipient=application.applicant,
            template="due_date_moved",
            context={
                "what": "application",
                "reference": application.reference or "",
                "old_due": old_due,
                "new_due": new_due,
            },
            institution=application.institution,
            url=path_without_language("applications:case", application.public_id),
            key=f"due-moved:app:{application.pk}:{old_due.isoformat()}:{new_due.isoformat()}",
        )
        moved += 1
    return moved


def register() -> None:
    from core.registry import deadline_clocks

    deadline_clocks.register("applications", applications_clock)
