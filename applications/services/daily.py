"""The daily jobs: officers are reminded, applicants chased for documents, old drafts warned and removed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from applications.models import Application, ApplicationState
from applications.models.cases import OPEN_STATES
from applications.services.applying import _delete_draft
from applications.services.common import calendar_for, tell_applicant, tell_officers
from core import clock
from core.calendar import WorkingCalendar


def reminders_send(*, today: date | None = None) -> int:
    """Officers: three working days before the due date, and the day after it passed. Idempotent by key."""
    today = today or clock.today()
    sent = 0
    qs = (
        Application.objects.filter(
            state__in=[s for s in OPEN_STATES if s != ApplicationState.AWAITING_DOCUMENTS],
            due_on__gte=today - timedelta(days=7),
            due_on__lte=today + timedelta(days=14),
        )
        .select_related("institution", "assignee", "procedure")
        .order_by("due_on")
    )
    calendars: dict[int, WorkingCalendar] = {}
    for application in qs.iterator(chunk_size=500):
        assert application.due_on is not None
        cal = calendars.get(application.institution_id) or calendars.setdefault(
            application.institution_id, calendar_for(application)
        )
        if today > application.due_on:
            step = "overdue"
        elif cal.working_days_between(today, application.due_on) <= 3:
            step = "soon"
        else:
            continue
        with transaction.atomic():
            tell_officers(application, what=step, key=f"app-remind:{application.pk}:{application.due_on}:{step}")
        sent += 1
    return sent


CHASE_AFTER = (10, 25)  # calendar days after missing documents were requested


def documents_chase(*, today: date | None = None) -> int:
    """Remind the applicant that documents are awaited (10 and 25 days after the request); idempotent by key."""
    today = today or clock.today()
    sent = 0
    for days in CHASE_AFTER:
        for application in Application.objects.filter(
            state=ApplicationState.AWAITING_DOCUMENTS, paused_on=today - timedelta(days=days)
        ).select_related("procedure", "institution", "applicant"):
            with transaction.atomic():
                tell_applicant(
                    application, what="documents_awaited", key=f"app-chase:{application.pk}:{days}", days=days
                )
            sent += 1
    return sent


def drafts_tidy(*, today: date | None = None) -> tuple[int, int]:
    """Warn 7 days and 1 day before a draft expires; delete expired drafts and their files."""
    today = today or clock.today()
    warned = deleted = 0
    for days in (7, 1):
        for draft in Application.objects.filter(
            state=ApplicationState.DRAFT, expires_on=today + timedelta(days=days)
        ).select_related("procedure", "institution", "applicant"):
            with transaction.atomic():
                tell_applicant(
                    draft, what="draft_expiring", key=f"app-expiring:{draft.pk}:{draft.expires_on}", days=days
                )
            warned += 1
    for draft in Application.objects.filter(state=ApplicationState.DRAFT, expires_on__lt=today).prefetch_related(
        "files"
    ):
        with transaction.atomic():
            _delete_draft(draft)
        deleted += 1
    return warned, deleted


def daily(*, today: date | None = None) -> dict[str, int]:
    """Reminders and drafts; silence becoming acceptance is the case engine's clock job (cases.tasks)."""
    reminded = reminders_send(today=today)
    chased = documents_chase(today=today)
    warned, deleted = drafts_tidy(today=today)
    return {
        "reminded": reminded,
        "documents_chased": chased,
        "drafts_warned": warned,
        "drafts_deleted": deleted,
    }
