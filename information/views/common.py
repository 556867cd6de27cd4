"""What the request pages share: the timeline, the due-date explanation, the filters' query."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core import clock
from core.views import add_service_errors
from information.models import InformationRequest
from information.presentation import explanation_lines, status_of
from information.services.complaints import complaint_window
from institutions.models import Holiday


def holiday_names(days: list[date]) -> dict[date, str]:
    if not days:
        return {}
    names: dict[date, list[str]] = {}
    for holiday in Holiday.objects.filter(date__in=days, institution__isnull=True).order_by("date", "pk"):
        names.setdefault(holiday.date, []).append(holiday.tr("name"))
    # Two holidays may fall on one day (one row each).
    return {day: ", ".join(found) for day, found in names.items()}


def timeline_context(request: InformationRequest, *, public: bool, for_requester: bool = False) -> dict[str, Any]:
    today = clock.today()
    events = list(request.events.all())
    skipped = [date.fromisoformat(s) for e in events for s in (e.deadline or {}).get("skipped", [])]
    complaint = getattr(request, "complaint", None)
    if complaint is not None:
        skipped += [date.fromisoformat(s) for s in complaint.deadline.get("skipped", [])]
    names = holiday_names(skipped)
    return {
        "req": request,
        "events": events,
        "status": status_of(request, today=today, for_requester=for_requester),
        "explanations": explanation_lines(events, names),
        "complaint": complaint,
        "complaint_window": complaint_window(request, today=today) if for_requester else None,
        "last_question": next((e for e in reversed(events) if e.kind == "clarification_requested"), None),
        "public": public,
        "today": today,
        "files": list(request.answer_files.all()) if (not public or request.publish_answer_files) else [],
    }


def apply_errors(form: Any, exc: ValidationError) -> None:
    """A service's errors next to the fields (a service's ``files`` is the forms' ``attachments``)."""
    add_service_errors(form, exc, rename={"files": "attachments"})
