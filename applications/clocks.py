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


def _running(days: set[date], institution_id: int | None) -> Any:
    """Running applications whose clock run can count over the changed days, locked, with their last restart."""
    resumed = (
        CaseEvent.objects.filter(application=OuterRef("pk"), kind=EventKind.DOCUMENTS_SENT)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    found = (
        Application.objects.filter(
            state__in=RUNNING,
            due_on__isnull=False,
            due_on__gte=min(days),
            received_on__isnull=False,
            received_on__lte=max(days),
        )
        .annotate(resumed_at=Subquery(resumed))
        .select_related("institution", "applicant", "procedure")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    return found if institution_id is None else found.filter(institution_id=institution_id)


def _new_due(application: Application, before: WorkingCalendar, after: WorkingCalendar) -> date:
    """The due date under the new calendar, counted from the start of the clock's current run."""
    assert application.due_on is not None and application.received_on is not None
    start = application.received_on
    resumed_at = getattr(application, "resumed_at", None)
    if resumed_at is not None:
        start = max(start, timezone.localdate(resumed_at))
    unit = application.clock_unit or application.procedure.max_unit
    end = None
    never_paused = start == application.received_on and application.procedure.max_unit == unit
    if unit != DurationUnit.WORKING_DAYS and never_paused:
        # The period is the procedure's, from the day of receipt: its own end is known.
        end = before.period_end(start, application.procedure.max_rule)
    return after.moved_due(before, start=start, due=application.due_on, unit=unit, end=end)


def _tell(application: Application, *, old_due: date, new_due: date) -> None:
    from applications.services.common import track_path

    notify(
        recipient=application.applicant,
        template="due_date_moved",
        context={
            "what": "application",
            "reference": application.reference or "",
            "track_path": track_path(application),
            "old_due": old_due,
            "new_due": new_due,
        },
        institution=application.institution,
        url=path_without_language("applications:case", application.public_id),
        key=f"due-moved:app:{application.pk}:{old_due.isoformat()}:{new_due.isoformat()}",
    )


def applications_clock(*, days: set[date], institution_id: int | None, actor: Any, context: Any) -> int:
    """Recompute the due dates of the running applications counting over ``days``; how many moved."""
    from applications.services.common import event_add

    if not days:
        return 0
    calendars: dict[int, tuple[WorkingCalendar, WorkingCalendar]] = {}
    moved = 0
    for application in _running(days, institution_id):
        if application.institution_id not in calendars:
            calendars[application.institution_id] = calendars_for_change(
                institution=application.institution, days=days, changed_institution_id=institution_id
            )
        old_due = application.due_on
        new_due = _new_due(application, *calendars[application.institution_id])
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
        _tell(application, old_due=old_due, new_due=new_due)
        moved += 1
    return moved


def register() -> None:
    from core.registry import deadline_clocks

    deadline_clocks.register("applications", applications_clock)
