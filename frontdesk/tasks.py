"""Periodic jobs of the Citizen Office desk. Each is idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from frontdesk.appointment_services import appointments_mark_no_shows, appointments_remind
from frontdesk.services import tickets_expire, usual_waits_refresh


@db_periodic_task(crontab(hour="0", minute="5"))
def close_yesterdays_tickets() -> int:
    """Just after midnight: the tickets of past days still open are closed (left, no-show, done)."""
    return tickets_expire()


@db_periodic_task(crontab(minute="*/15"))
def mark_missed_appointments() -> int:
    """Every quarter of an hour: appointments whose time passed without a check-in are no-shows."""
    return appointments_mark_no_shows()


@db_periodic_task(crontab(hour="10", minute="0"))
def remind_tomorrows_appointments() -> int:
    """Every morning: a reminder to everyone booked for tomorrow."""
    return appointments_remind()


@db_periodic_task(crontab(hour="0", minute="20"))
def refresh_usual_waits() -> int:
    """Every night: each service's usual wait per hour, from the last four weeks of tickets."""
    return usual_waits_refresh()
