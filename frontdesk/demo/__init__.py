"""Demo data for the desk: counters and services at the two demo offices, thirty days of queue history, appointments
in the coming days (one for citizen1 the next day the office opens) and, today, people waiting and being served.

Idempotent: a counter is found by its number, a service by its prefix, an office's day by its tickets, the coming
appointments by the office's bookings after today. The history is simulated (demo.simulation, demo.writers): the last
``recent`` days the office opened go through the queue's and the appointments' services with the clock moved to each
step (timeline and audit trail as a real day leaves them); the older days are written in bulk, tickets, timelines and
appointments alike, without audit rows, so that the whole seed stays within seconds.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from accounts.models import User
from core import clock
from frontdesk.demo.days import appointments_ahead, citizen1_tomorrow, history, today_queue
from frontdesk.demo.desk import set_up
from frontdesk.demo.offices import DOMAIN, OFFICES
from institutions.models import Office

__all__ = ["OFFICES", "seed_frontdesk"]


def seed_frontdesk(stdout: Any, *, days: int = 30, recent: int = 3) -> None:
    """The desk's demo data (see the module's docstring); ``days`` of history, the last ``recent`` through the
    services."""
    from frontdesk.services import usual_waits_refresh

    now = timezone.localtime(clock.now()).replace(microsecond=0)
    today = now.date()
    citizens = list(User.objects.filter(email__regex=rf"^citizen[0-9]+@{DOMAIN}$"))
    citizens.sort(key=lambda u: int(u.email[len("citizen") : u.email.index("@")]))
    desks = []
    for spec in OFFICES:
        office = Office.objects.filter(slug=spec.slug).select_related("institution").first()
        desk = set_up(office, spec) if office is not None else None
        if desk is None:
            stdout.write(f"Front desk demo: office {spec.slug} or its staff not found, skipped.\n")
            continue
        desks.append(desk)
    summary = []
    held: set[tuple[int, date]] = set()
    for desk in desks:
        written, tickets = history(desk, today=today, days=days, recent=recent, citizens=citizens)
        waiting = today_queue(desk, now, citizens)
        ahead = appointments_ahead(desk, today, citizens, held)
        summary.append(f"{desk.office.slug}: {written} days, {tickets} tickets, {waiting} waiting now, {ahead} booked")
    if desks and citizens:
        citizen1_tomorrow(desks[0], today, citizens[0])
    usual_waits_refresh(today=today)
    stdout.write("Front desk demo data: " + "; ".join(summary) + ".\n")
