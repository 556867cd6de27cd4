"""Periodic jobs of the applications module."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from applications.services import daily


@db_periodic_task(crontab(hour="0", minute="20"))
def applications_daily() -> dict[str, int]:
    """Every night, after the case engine's clock (tacit acceptances): reminders, draft warnings and removal."""
    return daily()
