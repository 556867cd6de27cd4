"""How an office is doing (issue 12 §6), for its managers: today's queue live, waits and service times over a period
(average and 90th percentile, by service and by hour of the day), people who left or did not come, how full the
appointments were, each agent's tickets, and the visitors' ratings.

Every figure comes from a fixed number of grouped queries whatever the number of tickets; the 90th percentiles are
computed in Python from a bounded list of durations (the latest ``DURATION_ROWS`` of the period, said on the page
when the period holds more).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone

from core import clock
from frontdesk.models import (
    Appointment,
    AppointmentState,
    Counter,
    DeskService,
    Ticket,
    TicketState,
    VisitRating,
)

MAX_DAYS = 92
DURATION_ROWS = 20_000
PERIODS = ("today", "7", "30")


# --- Periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    key: str = "custom"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_named(key: str, *, today: date | None = None) -> Period:
    """Today, or the last 7 or 30 days (today included)."""
    today = today or clock.today()
    length = {"today": 1, "7": 7, "30": 30}[key]
    return Period(start=today - timedelta(days=length - 1), end=today, key=key)


# --- Durations ----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (0.9: the value 90 % of the list stays at or under); None for an empty list."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass(frozen=True)
class Timing:
    """Minutes: how many durations, their average and their 90th percentile."""

    n: int = 0
    average: float | None = None
    p90: float | None = None

    @classmethod
    def of(cls, minutes: list[float]) -> Timing:
        if not minutes:
            return cls()
        return cls(n=len(minutes), average=sum(minutes) / len(minutes), p90=percentile(minutes, 0.9))


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None or end < start:
        return None
    return (end - start).total_seconds() / 60


# --- Today's queue, live -----------------------------------------------------------------------


@dataclass(frozen=True)
class LiveService:
    service: DeskService
    waiting: int
    called: int
    serving: int


@dataclass(frozen=True)
class LiveCounter:
    counter: Counter
    agent: Any
    ticket: Ticket | None


@dataclass(frozen=True)
class LiveQueue:
    day: date
    services: list[LiveService]
    counters: list[LiveCounter]
    waiting: int
    served: int
    left: int
    no_shows: int


def office_services(*, office: Any) -> list[DeskService]:
    """The office's desk services, offered or not (a service withdrawn still has its history), in the kiosk's
    order."""
    return list(DeskService.objects.filter(office=office).order_by("position", "prefix"))


def live_queue(*, office: Any, services: list[DeskService] | None = None) -> LiveQueue:
    """Today at the office: waiting now per service, called and served now per counter (and by whom), served, left
    and no-shows so far. Three queries (four without the services given)."""
    services = office_services(office=office) if services is None else services
    today = clock.today()
    counts: dict[tuple[int, str], int] = {}
    for row in (
        Ticket.objects.filter(office=office, day=today).values("service_id", "state").annotate(n=Count("pk")).order_by()
    ):
        counts[(row["service_id"], row["state"])] = row["n"]
    current = {
        t.counter_id: t
        for t in Ticket.objects.filter(
            office=office, day=today, state__in=[TicketState.CALLED, TicketState.SERVING], counter__isnull=False
        )
        .select_related("service", "agent")
        .order_by("called_at", "pk")
    }
    counters = [
        LiveCounter(
            counter=c,
            agent=(current[c.pk].agent if c.pk in current and current[c.pk].agent else c.agent),
            ticket=current.get(c.pk),
        )
        for c in Counter.objects.filter(office=office).select_related("agent").order_by("number")
        if c.is_active or c.pk in current
    ]

    def total(state: str) -> int:
        return sum(n for (_service, s), n in counts.items() if s == state)

    lines = [
        LiveService(
            service=s,
            waiting=counts.get((s.pk, TicketState.WAITING), 0),
            called=counts.get((s.pk, TicketState.CALLED), 0),
            serving=counts.get((s.pk, TicketState.SERVING), 0),
        )
        for s in services
        if s.is_active or any(key[0] == s.pk for key in counts)
    ]
    return LiveQueue(
        day=today,
        services=lines,
        counters=counters,
        waiting=total(TicketState.WAITING),
        served=total(TicketState.DONE),
        left=total(TicketState.LEFT),
        no_shows=total(TicketState.NO_SHOW),
    )


# --- A period's figures -------------------------------------------------------------------------


@dataclass
class ServiceFigures:
    service: DeskService
    arrivals: int = 0
    served: int = 0
    left: int = 0
    no_shows: int = 0
    waits: Timing = field(default_factory=Timing)
    service_times: Timing = field(default_factory=Timing)


@dataclass
class HourFigures:
    hour: int
    arrivals: int = 0
    waits: Timing = field(default_factory=Timing)
    service_times: Timing = field(default_factory=Timing)

    @property
    def label(self) -> str:
        return f"{self.hour:02d}:00"


@dataclass(frozen=True)
class AgentFigures:
    agent_id: int
    name: str
    served: int
    average: float | None  # minutes of service, on average


@dataclass
class AppointmentLine:
    service: DeskService
    offered: int = 0
    booked: int = 0  # not cancelled: booked, checked in, served or not come
    cancelled: int = 0
    no_shows: int = 0
    served: int = 0

    @property
    def fill_rate(self) -> int | None:
        """Booked (not cancelled) out of the places offered, in per cent; None when no place was offered."""
        return round(100 * self.booked / self.offered) if self.offered else None


@dataclass(frozen=True)
class RatingFigures:
    count: int
    average: float | None
    per_score: list[tuple[int, int]]  # (score, how many), from 5 down to 1


@dataclass
class OfficeFigures:
    period: Period
    services: list[ServiceFigures]
    hours: list[HourFigures]
    agents: list[AgentFigures]
    appointments: list[AppointmentLine]
    ratings: RatingFigures
    sampled: bool  # the durations come from the latest DURATION_ROWS tickets only
    waits: Timing = field(default_factory=Timing)
    service_times: Timing = field(default_factory=Timing)

    @property
    def arrivals(self) -> int:
        return sum(s.arrivals for s in self.services)

    @property
    def served(self) -> int:
        return sum(s.served for s in self.services)

    @property
    def left(self) -> int:
        return sum(s.left for s in self.services)

    @property
    def no_shows(self) -> int:
        return sum(s.no_shows for s in self.services)

    @property
    def appointments_total(self) -> AppointmentLine:
        total = AppointmentLine(service=None)  # type: ignore[arg-type]
        for line in self.appointments:
            total.offered += line.offered
            total.booked += line.booked
            total.cancelled += line.cancelled
            total.no_shows += line.no_shows
            total.served += line.served
        return total


SERVICE_TIME = ExpressionWrapper(F("finished_at") - F("serving_at"), output_field=DurationField())


def _tickets(office: Any, period: Period) -> QuerySet[Ticket]:
    return Ticket.objects.filter(office=office, day__range=(period.start, period.end))


def _same_day(moment: datetime, day: date) -> bool:
    # A ticket still being served at closing time is finished by the next morning's clock: not a service time.
    return timezone.localdate(moment) == day


Samples = dict[tuple[str, int], list[float]]  # minutes, by ("service", pk), ("hour", hour) and ("all", 0)


def _count_outcomes(tickets: QuerySet[Ticket], by_service: dict[int, ServiceFigures]) -> None:
    """Arrivals and how each ticket ended, added to each service's line."""
    for row in tickets.values("service_id", "state").annotate(n=Count("pk")).order_by():
        line = by_service.get(row["service_id"])
        if line is None:
            continue
        line.arrivals += row["n"]
        if row["state"] == TicketState.DONE:
            line.served += row["n"]
        elif row["state"] == TicketState.LEFT:
            line.left += row["n"]
        elif row["state"] == TicketState.NO_SHOW:
            line.no_shows += row["n"]


def _hourly_arrivals(tickets: QuerySet[Ticket]) -> dict[int, HourFigures]:
    """Arrivals per hour of the day (local time)."""
    hours: dict[int, HourFigures] = {}
    for row in tickets.annotate(hour=ExtractHour("created_at")).values("hour").annotate(n=Count("pk")).order_by():
        hours[row["hour"]] = HourFigures(hour=row["hour"], arrivals=row["n"])
    return hours


def _durations(tickets: QuerySet[Ticket]) -> tuple[Samples, Samples, bool]:
    """Waits (taken → called) and service times (started → finished) from the latest ``DURATION_ROWS`` tickets
    called; and whether the period held more."""
    rows = list(
        tickets.filter(called_at__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("service_id", "day", "created_at", "called_at", "serving_at", "finished_at")[: DURATION_ROWS + 1]
    )
    waits: Samples = {}
    served: Samples = {}
    for service_id, day, created, called, serving, finished in rows[:DURATION_ROWS]:
        wait = _minutes(created, called)
        if wait is not None:
            for key in (("service", service_id), ("hour", timezone.localtime(created).hour), ("all", 0)):
                waits.setdefault(key, []).append(wait)
        spent = _minutes(serving, finished)
        if spent is not None and finished is not None and _same_day(finished, day):
            for key in (("service", service_id), ("hour", timezone.localtime(serving).hour), ("all", 0)):
                served.setdefault(key, []).append(spent)
    return waits, served, len(rows) > DURATION_ROWS


def _agent_figures(tickets: QuerySet[Ticket]) -> list[AgentFigures]:
    """Each agent's tickets served and their average service time (same-day finishes only)."""
    return [
        AgentFigures(
            agent_id=row["agent_id"],
            name=row["agent__full_name"] or "",
            served=row["n"],
            average=row["average"].total_seconds() / 60 if row["average"] is not None else None,
        )
        for row in tickets.filter(state=TicketState.DONE, agent__isnull=False)
        .values("agent_id", "agent__full_name")
        .annotate(
            n=Count("pk"),
            average=Avg(SERVICE_TIME, filter=Q(serving_at__isnull=False, finished_at__date=F("day"))),
        )
        .order_by("-n", "agent__full_name")
    ]


def office_figures(*, office: Any, period: Period, services: list[DeskService] | None = None) -> OfficeFigures:
    """The office's figures over a period: eight queries whatever the number of tickets (nine without the services
    given)."""
    services = office_services(office=office) if services is None else services
    by_service = {s.pk: ServiceFigures(service=s) for s in services}
    tickets = _tickets(office, period)
    _count_outcomes(tickets, by_service)  # 1.
    hours = _hourly_arrivals(tickets)  # 2.
    waits, served, sampled = _durations(tickets)  # 3.
    for pk, line in by_service.items():
        line.waits = Timing.of(waits.get(("service", pk), []))
        line.service_times = Timing.of(served.get(("service", pk), []))
    for kind, hour in {*waits, *served}:
        if kind == "hour":
            hours.setdefault(hour, HourFigures(hour=hour))
    for hour, figures in hours.items():
        figures.waits = Timing.of(waits.get(("hour", hour), []))
        figures.service_times = Timing.of(served.get(("hour", hour), []))
    return OfficeFigures(
        period=period,
        services=[line for line in by_service.values() if line.arrivals or line.service.is_active],
        hours=_continuous(hours),
        agents=_agent_figures(tickets),  # 4.
        appointments=appointment_lines(office=office, period=period, services=services),  # 5.–8.
        ratings=rating_figures(office=office, period=period),  # 9.
        sampled=sampled,
        waits=Timing.of(waits.get(("all", 0), [])),
        service_times=Timing.of(served.get(("all", 0), [])),
    )


def _continuous(hours: dict[int, HourFigures]) -> list[HourFigures]:
    """From the first hour with something to the last, the hours between included (a chart's axis has no gaps)."""
    if not hours:
        return []
    return [hours.get(h) or HourFigures(hour=h) for h in range(min(hours), max(hours) + 1)]


# --- Appointments: places offered and booked ----------------------------------------------------


def _slot_starts(periods: Iterable[tuple[Any, Any]], day: date, length: timedelta) -> int:
    """How many appointment times fit in a day's opening periods (the same steps as appointment_selectors._free)."""
    count = 0
    for opens, closes in periods:
        moment = timezone.make_aware(datetime.combine(day, opens))
        closing = timezone.make_aware(datetime.combine(day, closes))
        while moment + length <= closing:
            count += 1
            moment += length
    return count


def places_offered(*, office: Any, services: list[DeskService], start: date, end: date) -> dict[int, int]:
    """Appointment places each service offered from ``start`` to ``end``: its times in the office's hours (closures
    and holidays out) × how many people can book the same time. Three queries (the office's days)."""
    from institutions.selectors import office_days

    bookable = [s for s in services if s.takes_appointments]
    if not bookable:
        return {}
    days = office_days(office=office, start=start, end=end)
    places: dict[int, int] = {}
    for service in bookable:
        length = timedelta(minutes=max(service.typical_minutes, 5))
        per_time = max(service.appointments_per_slot, 1)
        places[service.pk] = sum(_slot_starts(d.periods, d.day, length) for d in days) * per_time
    return places


def appointment_lines(*, office: Any, period: Period, services: list[DeskService]) -> list[AppointmentLine]:
    """Per service: places offered, booked (not cancelled), cancelled, not come, served; four queries."""
    lines = {s.pk: AppointmentLine(service=s) for s in services}
    for pk, n in places_offered(office=office, services=services, start=period.start, end=period.end).items():
        lines[pk].offered = n
    for row in (
        Appointment.objects.filter(office=office, day__range=(period.start, period.end))
        .values("service_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        line = lines.get(row["service_id"])
        if line is None:
            continue
        if row["state"] == AppointmentState.CANCELLED:
            line.cancelled += row["n"]
        else:
            line.booked += row["n"]
        if row["state"] == AppointmentState.NO_SHOW:
            line.no_shows += row["n"]
        elif row["state"] == AppointmentState.SERVED:
            line.served += row["n"]
    return [line for line in lines.values() if line.offered or line.booked or line.cancelled]


# --- Ratings ------------------------------------------------------------------------------------


def _ratings(office: Any, period: Period) -> QuerySet[VisitRating]:
    return VisitRating.objects.filter(ticket__office=office, ticket__day__range=(period.start, period.end))


def rating_figures(*, office: Any, period: Period) -> RatingFigures:
    """The visits of the period rated: how many, the average score, how many gave each score. One query."""
    counts = dict(_ratings(office, period).values_list("score").annotate(n=Count("pk")).values_list("score", "n"))
    total = sum(counts.values())
    average = sum(score * n for score, n in counts.items()) / total if total else None
    return RatingFigures(count=total, average=average, per_score=[(s, counts.get(s, 0)) for s in range(5, 0, -1)])


def rating_comments(*, office: Any, period: Period) -> QuerySet[VisitRating]:
    """The comments the visitors of the period left, newest first (for the office's staff, paginated)."""
    return _ratings(office, period).exclude(comment="").select_related("ticket__service").order_by("-created_at", "-pk")


NUMBER = re.compile(r"^\s*([A-Za-z]{1,3})\s*[-‐–—\s]?\s*(\d{1,4})\s*$")


def ticket_number_normalised(value: str) -> str | None:
    """``a42``, ``A 42``, ``A-042`` (Arabic-Indic digits too) → ``A-042``; None when it is not a ticket number."""
    found = NUMBER.match(value or "")
    if found is None:
        return None
    return f"{found.group(1).upper()}-{int(found.group(2)):03d}"


def ticket_to_rate_at_kiosk(*, office: Any, number: str) -> Ticket | None:
    """Today's ticket with this number at this office, served and not rated yet; None otherwise (whatever the
    reason: the kiosk does not tell whether a number exists)."""
    normalised = ticket_number_normalised(number)
    if normalised is None:
        return None
    return (
        Ticket.objects.filter(
            office=office, day=clock.today(), number=normalised, state=TicketState.DONE, rating__isnull=True
        )
        .select_related("office__institution", "service")
        .first()
    )
