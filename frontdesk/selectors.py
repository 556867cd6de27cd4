"""Reads for the queue: what the kiosk offers, where a ticket stands, what a counter and the screen show."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import ExtractHour

from core import clock
from frontdesk.models import Counter, DeskService, Ticket, TicketState
from frontdesk.services import is_agent


def kiosk_services(*, office: Any) -> QuerySet[DeskService]:
    """The services a person can take a ticket for at this office, in the kiosk's order."""
    return DeskService.objects.filter(office=office, is_active=True).order_by("position", "prefix")


def ticket_get_public(*, public_id: str) -> Ticket | None:
    """A ticket by its unguessable link (its holder's page, the printed ticket's QR code)."""
    return (
        Ticket.objects.select_related("office__institution", "service", "counter").filter(public_id=public_id).first()
    )


def ticket_position(ticket: Ticket) -> int:
    """How many people are called before this ticket in its service's queue today (0: it is next)."""
    if ticket.state != TicketState.WAITING:
        return 0
    ahead = Q(priority=True, queued_at__lt=ticket.queued_at) | Q(
        priority=True, queued_at=ticket.queued_at, pk__lt=ticket.pk
    )
    if not ticket.priority:
        ahead = Q(priority=True) | Q(queued_at__lt=ticket.queued_at) | Q(queued_at=ticket.queued_at, pk__lt=ticket.pk)
    return (
        Ticket.objects.filter(service_id=ticket.service_id, day=ticket.day, state=TicketState.WAITING)
        .filter(ahead)
        .count()
    )


RECENT_DAYS = 28


def service_minutes(*, service: DeskService, hour: int | None = None) -> float:
    """Minutes one person takes at a counter for this service: the recent average at this hour, else all day,
    else the office's typical duration."""
    since = clock.today() - timedelta(days=RECENT_DAYS)
    served = Ticket.objects.filter(
        service=service, state=TicketState.DONE, day__gte=since, serving_at__isnull=False, finished_at__isnull=False
    )
    duration = ExpressionWrapper(F("finished_at") - F("serving_at"), output_field=DurationField())
    for rows in ([served.filter(serving_at__hour=hour)] if hour is not None else []) + [served]:
        found = rows.aggregate(average=Avg(duration), n=Count("pk"))
        if found["n"] and found["n"] >= 5 and found["average"]:
            return max(found["average"].total_seconds() / 60, 1.0)
    return float(service.typical_minutes or 10)


def estimated_wait(ticket: Ticket) -> int | None:
    """Minutes until this ticket is likely called: people ahead × time per person ÷ counters serving; None once
    called."""
    if ticket.state != TicketState.WAITING:
        return None
    counters = (
        Counter.objects.filter(services=ticket.service, is_active=True, agent__isnull=False).count()
        or ticket.service.counters.filter(is_active=True).count()
        or 1
    )
    minutes = service_minutes(service=ticket.service, hour=clock.now().hour)
    return math.ceil((ticket_position(ticket) + 1) * minutes / counters)


def counters_for_agent(*, actor: Any, office: Any) -> QuerySet[Counter]:
    if not is_agent(actor, office):
        return Counter.objects.none()
    return Counter.objects.filter(office=office, is_active=True).select_related("agent").order_by("number")


def counter_get_for_agent(*, actor: Any, institution: Any, pk: int) -> Counter | None:
    counter = (
        Counter.objects.select_related("office__institution", "agent")
        .filter(pk=pk, office__institution=institution)
        .first()
    )
    return counter if counter is not None and is_agent(actor, counter.office) else None


def ticket_get_for_agent(*, actor: Any, institution: Any, public_id: str) -> Ticket | None:
    ticket = (
        Ticket.objects.select_related("office__institution", "service", "counter", "person")
        .filter(public_id=public_id, office__institution=institution)
        .first()
    )
    return ticket if ticket is not None and is_agent(actor, ticket.office) else None


def counter_current(*, counter: Counter) -> Ticket | None:
    """The ticket this counter called or serves now."""
    return (
        Ticket.objects.select_related("service", "person")
        .filter(counter=counter, day=clock.today(), state__in=[TicketState.CALLED, TicketState.SERVING])
        .order_by("-called_at")
        .first()
    )


@dataclass(frozen=True)
class QueueLine:
    service: DeskService
    waiting: int
    for_this_counter: bool


def queue_summary(*, office: Any, counter: Counter | None = None) -> list[QueueLine]:
    """People waiting per service today (one grouped query), and whether this counter serves each."""
    services = list(DeskService.objects.filter(office=office, is_active=True).prefetch_related("counters"))
    counts = dict(
        Ticket.objects.filter(office=office, day=clock.today(), state=TicketState.WAITING)
        .values_list("service_id")
        .annotate(n=Count("pk"))
        .values_list("service_id", "n")
    )
    return [
        QueueLine(
            service=s,
            waiting=counts.get(s.pk, 0),
            for_this_counter=counter is not None and any(c.pk == counter.pk for c in s.counters.all()),
        )
        for s in services
    ]


def office_for_screen(*, slug: str) -> Any:
    """A public office by its slug, without its hours or languages (what a screen's feed needs, every 1.5 s)."""
    from institutions.models import Office

    return Office.objects.filter(slug=slug, is_active=True, institution__on_platform=True).only("pk").first()


def display_calls(*, office: Any, limit: int = 8) -> list[Ticket]:
    """What the screen shows: the latest tickets called today and their counters, newest first."""
    return list(
        Ticket.objects.select_related("counter", "service")
        .filter(office=office, day=clock.today(), state__in=[TicketState.CALLED, TicketState.SERVING])
        .order_by("-called_at", "-pk")[:limit]
    )


def usual_waits_by_hour(*, since: date) -> dict[int, dict[str, int]]:
    """For every service: the minutes walk-ins waited to be called, on average, at each hour of the day since a day
    (hours with fewer than five tickets left out). One grouped query; the nightly job stores it on the service."""
    wait = ExpressionWrapper(F("called_at") - F("created_at"), output_field=DurationField())
    rows = (
        Ticket.objects.filter(day__gte=since, called_at__isnull=False, priority=False)
        .annotate(hour=ExtractHour("created_at"))
        .values("service_id", "hour")
        .annotate(average=Avg(wait), n=Count("pk"))
        .order_by()
    )
    table: dict[int, dict[str, int]] = {}
    for row in rows:
        if row["n"] >= 5 and row["average"] is not None:
            minutes = max(round(row["average"].total_seconds() / 60), 1)
            table.setdefault(row["service_id"], {})[str(row["hour"])] = minutes
    return table
