"""Periodic jobs of the information module."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from information.services import reminders_send


@db_periodic_task(crontab(hour="7", minute="15"))
def send_information_reminders() -> int:
    """Every morning: reminders five and one working days before a due date, and when it passes."""
    return reminders_send()
