"""A day at an office simulated event by event for the demo's history, each step handed to a writer
(demo.writers: through the services, or in bulk).

People arrive (more in mid-morning and early afternoon, fewer on Friday afternoons), appointments check in and go
first, counters call the next person in the order the queue uses (appointments first, then by arrival), agents serve
for a time drawn around the service's usual duration, some people give up their place, some are not there when
called, a few are sent to another service.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone

from core import clock
from frontdesk.models import Appointment, Counter, DeskService, Ticket, TicketChannel

# --- The clock, to the second ------------------------------------------------------------------------


class Moment:
    """The platform's clock (``core.clock``) held at a moment the demo moves by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at


@contextmanager
def clock_at(at: datetime) -> Iterator[Moment]:
    """Run a block with ``core.clock.now()`` at ``moment.at`` (moved by the caller) and ``today()`` its date.

    ``core.clock.travel_to`` pins only the date; the queue's times (taken, called, served) need the time of day.
    Demo data only: it swaps the module's functions, so it is not for code that runs beside other requests."""
    moment = Moment(timezone.localtime(at))
    saved = clock.now, clock.today
    clock.now = lambda: moment.at  # type: ignore[assignment]
    clock.today = lambda: timezone.localtime(moment.at).date()  # type: ignore[assignment]
    try:
        yield moment
    finally:
        clock.now, clock.today = saved  # type: ignore[assignment]


def local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


# --- What the simulation needs to know ---------------------------------------------------------------


# The kiosk's language of the people in the demo, among the site's languages (settings.LANGUAGES), with how often.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
LANGUAGE_SHARE = {"fr": 44, "ar": 42, "zgh": 10, "en": 4}


@dataclass(frozen=True)
class Profile:
    """How people use a service: its share of walk-ins, appointments a day, what comes of a visit."""

    share: float
    booked_per_day: float = 0.0
    outcomes: tuple[tuple[str, int], ...] = (("information", 1),)
    transfer_to: str = ""  # a prefix: a few people are sent there after a first talk


@dataclass
class Plan:
    """An appointment of the simulated day: booked some days before; most people come, some do not."""

    service: DeskService
    starts_at: datetime
    booked_at: datetime
    channel: str
    person: Any = None
    name: str = ""
    phone: str = ""
    language: str = ""
    booker: Any = None
    comes: bool = True
    appointment: Appointment | None = None


@dataclass
class Visit:
    """One person's ticket, from arrival to the end."""

    service: DeskService
    arrives: datetime
    duration: timedelta
    outcome: str
    language: str = "fr"
    channel: str = TicketChannel.KIOSK
    person: Any = None
    plan: Plan | None = None
    patience: timedelta | None = None
    no_show: bool = False
    transfer_to: DeskService | None = None
    order: int = 0
    state: str = "coming"
    called_at: datetime | None = None
    ticket: Ticket | None = None

    @property
    def priority(self) -> bool:
        return self.plan is not None


class Writer(Protocol):
    def book(self, plan: Plan) -> None: ...
    def open(self, counter: Counter, at: datetime) -> None: ...
    def close(self, counter: Counter, at: datetime) -> None: ...
    def take(self, visit: Visit, at: datetime) -> None: ...
    def call(self, visit: Visit, counter: Counter, at: datetime) -> None: ...
    def recall(self, visit: Visit, at: datetime) -> None: ...
    def start(self, visit: Visit, at: datetime) -> None: ...
    def finish(self, visit: Visit, at: datetime) -> None: ...
    def no_show(self, visit: Visit, at: datetime) -> None: ...
    def transfer(self, visit: Visit, service: DeskService, at: datetime) -> None: ...
    def rate(self, visit: Visit, at: datetime, score: int, comment: str, channel: str) -> None: ...
    def leave(self, visit: Visit, at: datetime) -> None: ...
    def missed(self, plan: Plan, at: datetime) -> None: ...
    def flush(self) -> None: ...


# --- People arriving ----------------------------------------------------------------------------------


def arrival_rate(moment: datetime) -> float:
    """How busy the office is at this time of day (relative): a mid-morning peak, a smaller one after lunch,
    Mondays busier, Friday afternoons quiet (the midday prayer and the weekend ahead)."""
    hour = moment.hour + moment.minute / 60
    rate = 0.25 + 1.3 * math.exp(-(((hour - 10.5) / 1.0) ** 2)) + 0.9 * math.exp(-(((hour - 14.6) / 0.7) ** 2))
    if moment.weekday() == 4 and hour >= 12:
        rate *= 0.45
    if moment.weekday() == 0:
        rate *= 1.15
    return rate


def opening_minutes(day: date, periods: tuple[tuple[time, time], ...], last_call: int = 10) -> list[datetime]:
    """Every minute people may take a ticket on that day (up to ``last_call`` minutes before closing)."""
    found = []
    for opens, closes in periods:
        moment, end = local(day, opens), local(day, closes) - timedelta(minutes=last_call)
        while moment < end:
            found.append(moment)
            moment += timedelta(minutes=1)
    return found


def walk_in_scale(reference: list[datetime], walk_ins: float) -> float:
    """The factor that gives ``walk_ins`` people on the reference day."""
    return walk_ins / max(sum(arrival_rate(m) for m in reference), 1e-9)


def _draw_visit(
    rng: random.Random,
    service: DeskService,
    profile: Profile,
    arrives: datetime,
) -> Visit:
    typical = max(service.typical_minutes, 1)
    minutes = min(max(typical * math.exp(rng.gauss(-0.1, 0.45)), 0.8), typical * 4)
    outcomes, weights = zip(*profile.outcomes, strict=True)
    return Visit(
        service=service,
        arrives=arrives,
        duration=timedelta(seconds=round(minutes * 60)),
        outcome=rng.choices(outcomes, weights)[0],
        language=rng.choices(LANGUAGES, [LANGUAGE_SHARE.get(code, 1) for code in LANGUAGES])[0],
    )


def walk_ins(
    rng: random.Random,
    *,
    day: date,
    periods: tuple[tuple[time, time], ...],
    scale: float,
    services: list[DeskService],
    profiles: dict[str, Profile],
) -> list[Visit]:
    """The day's walk-ins: how many from the hour-by-hour rate, each at a minute drawn from it."""
    minutes = opening_minutes(day, periods)
    if not minutes:
        return []
    rates = [arrival_rate(m) for m in minutes]
    expected = scale * sum(rates)
    count = max(0, round(rng.gauss(expected, math.sqrt(expected))))
    by_prefix = {s.prefix: s for s in services}
    offered = [s for s in services if profiles.get(s.prefix)]
    visits = []
    for moment in sorted(rng.choices(minutes, rates, k=count)):
        service = rng.choices(offered, [profiles[s.prefix].share for s in offered])[0]
        profile = profiles[service.prefix]
        visit = _draw_visit(rng, service, profile, moment + timedelta(seconds=rng.randrange(60)))
        if rng.random() < 0.25:  # some would not wait long
            visit.patience = timedelta(minutes=rng.uniform(15, 60))
        elif rng.random() < 0.02:  # and a few leave whatever the wait (called away, come back another day)
            visit.patience = timedelta(minutes=rng.uniform(3, 15))
        visit.no_show = rng.random() < 0.04
        if profile.transfer_to in by_prefix and not visit.no_show and rng.random() < 0.06:
            visit.transfer_to = by_prefix[profile.transfer_to]
        visits.append(visit)
    return visits


def check_ins(
    rng: random.Random, plans: list[Plan], profiles: dict[str, Profile], periods: tuple[tuple[time, time], ...]
) -> list[Visit]:
    """The appointments that come: checked in at the kiosk from twenty minutes before to ten after their time (not
    before the doors open)."""
    visits = []
    for plan in plans:
        if not plan.comes:
            continue
        arrives = plan.starts_at + timedelta(seconds=rng.randrange(-20 * 60, 10 * 60 if rng.random() < 0.1 else 60))
        day = timezone.localtime(plan.starts_at).date()
        doors = max(
            (local(day, opens) for opens, _closes in periods if local(day, opens) <= plan.starts_at), default=None
        )
        if doors is not None:
            arrives = max(arrives, doors)
        visit = _draw_visit(rng, plan.service, profiles[plan.service.prefix], arrives)
        visit.plan, visit.person, visit.channel = plan, plan.person, TicketChannel.APPOINTMENT
        visits.append(visit)
    return visits


# --- What visitors say -------------------------------------------------------------------------------------

RATED = 0.15  # of the people served, this many rate their visit
COMMENTS = {
    "good": {
        "fr": "Accueil aimable et rapide, merci.",
        "ar": "استقبال لطيف وسريع، شكرا.",
        "en": "Friendly and quick, thank you.",
        "zgh": "ⵜⴰⵏⵎⵎⵉⵔⵜ, ⵉⵖⵓⴷⴰ ⵓⵙⵏⵓⴱⴳ.",
    },
    "fair": {
        "fr": "Bien reçu, mais l'attente était longue.",
        "ar": "استقبال جيد لكن الانتظار كان طويلا.",
        "en": "Well received, but the wait was long.",
        "zgh": "ⵉⵖⵓⴷⴰ ⵓⵙⵏⵓⴱⴳ, ⵎⴰⵛ ⵉⵖⵣⵣⵉⴼ ⵓⵔⴰⵊⵓ.",
    },
    "poor": {
        "fr": "Beaucoup trop d'attente, un seul guichet pour mon service.",
        "ar": "انتظار طويل جدا، وشباك واحد فقط لخدمتي.",
        "en": "Far too long a wait, and one counter only for my service.",
        "zgh": "ⵉⵖⵣⵣⵉⴼ ⵓⵔⴰⵊⵓ ⴱⴰⵀⵔⴰ.",
    },
}


def _rate(rng: random.Random, visit: Visit, at: datetime, writer: Writer) -> None:
    """A score that falls with the wait, now and then a comment in the visitor's language; at the kiosk or from
    the ticket's page."""
    waited = ((visit.called_at or at) - visit.arrives).total_seconds() / 60
    score = min(5, max(1, round(rng.gauss(4.6 - waited / 15, 0.8))))
    comment = ""
    if rng.random() < 0.3:
        mood = "good" if score >= 4 else "fair" if score == 3 else "poor"
        comment = COMMENTS[mood].get(visit.language, COMMENTS[mood]["fr"])
    writer.rate(visit, at, score, comment, rng.choice(["kiosk", "link"]))


# --- The day, event by event -----------------------------------------------------------------------------


@dataclass(order=True)
class _Event:
    at: datetime
    seq: int
    kind: str = field(compare=False)
    visit: Visit | None = field(compare=False, default=None)
    counter: Counter | None = field(compare=False, default=None)


class _Day:
    """The simulated day as it runs: the events to come, who is waiting, which counters wait for someone."""

    def __init__(
        self,
        rng: random.Random,
        *,
        counters: list[Counter],
        serving: dict[int, set[int]],
        writer: Writer,
        opens: datetime,
    ) -> None:
        self.rng, self.serving, self.writer = rng, serving, writer
        self.heap: list[_Event] = []
        self.seq = iter(range(10**9))
        self.taken = iter(range(1, 10**9))
        self.waiting: list[Visit] = []
        self.idle = {c.pk for c in counters}
        self.by_pk = {c.pk: c for c in counters}
        self.last = opens

    def push(self, at: datetime, kind: str, visit: Visit | None = None, counter: Counter | None = None) -> None:
        """Plan an event, to the second."""
        heapq.heappush(self.heap, _Event(at.replace(microsecond=0), next(self.seq), kind, visit, counter))

    def wake(self, at: datetime, service: DeskService) -> None:
        """Idle counters that call for ``service`` look at the queue again."""
        for pk in sorted(self.idle):
            if service.pk in self.serving[pk]:
                self.idle.discard(pk)
                self.push(at, "free", counter=self.by_pk[pk])

    def run(self, until: datetime | None) -> bool:
        """Handle the events in time order; False when stopped at ``until`` with the day not over."""
        while self.heap:
            if until is not None and self.heap[0].at > until:
                return False
            event = heapq.heappop(self.heap)
            if event.kind != "rate":  # people rate after the counters close, from their phone
                self.last = max(self.last, event.at)
            self.handle(event)
        return True

    def handle(self, event: _Event) -> None:
        """Do what an event of its kind does: an arrival, someone leaving, a counter free, a call's steps, a rating."""
        at, visit, counter, rng, writer = event.at, event.visit, event.counter, self.rng, self.writer
        if event.kind == "arrive" and visit is not None:
            self.arrive(at, visit)
        elif event.kind == "leave" and visit is not None:
            if visit.state == "waiting":
                visit.state = "left"
                self.waiting.remove(visit)
                writer.leave(visit, at)
        elif event.kind == "free" and counter is not None:
            self.call_next(at, counter)
        elif event.kind == "recall" and visit is not None:
            writer.recall(visit, at)
        elif event.kind == "start" and visit is not None:
            writer.start(visit, at)
            self.push(at + visit.duration, "end", visit, counter)
        elif event.kind == "end" and visit is not None and counter is not None:
            self.end(at, visit, counter)
        elif event.kind == "rate" and visit is not None:
            _rate(rng, visit, at, writer)
        elif event.kind == "no_show" and visit is not None and counter is not None:
            writer.no_show(visit, at)
            self.push(at + timedelta(seconds=rng.randrange(10, 40)), "free", counter=counter)

    def arrive(self, at: datetime, visit: Visit) -> None:
        """The person takes a ticket and waits; the counters that serve it and wait for someone call."""
        visit.order, visit.state = next(self.taken), "waiting"
        self.writer.take(visit, at)
        self.waiting.append(visit)
        if visit.patience is not None:
            self.push(at + visit.patience, "leave", visit)
        self.wake(at, visit.service)

    def call_next(self, at: datetime, counter: Counter) -> None:
        """The counter calls the next person it serves (appointments first, then by arrival), or waits for one."""
        mine = [v for v in self.waiting if v.service.pk in self.serving[counter.pk]]
        if not mine:
            self.idle.add(counter.pk)
            return
        visit = min(mine, key=lambda v: (not v.priority, v.arrives, v.order))
        self.waiting.remove(visit)
        visit.state, visit.called_at = "called", visit.called_at or at
        self.writer.call(visit, counter, at)
        if visit.no_show:
            self.push(at + timedelta(seconds=self.rng.randrange(50, 90)), "recall", visit, counter)
            self.push(at + timedelta(seconds=self.rng.randrange(150, 240)), "no_show", visit, counter)
        else:
            self.push(at + timedelta(seconds=self.rng.randrange(20, 100)), "start", visit, counter)

    def end(self, at: datetime, visit: Visit, counter: Counter) -> None:
        """The talk is over: the person is sent to another service or done (and may rate); the counter calls again."""
        rng = self.rng
        if visit.transfer_to is not None:
            target, visit.transfer_to = visit.transfer_to, None
            self.writer.transfer(visit, target, at)
            visit.service, visit.state = target, "waiting"
            visit.duration = timedelta(minutes=max(target.typical_minutes, 1) * rng.uniform(0.6, 1.3))
            self.waiting.append(visit)
            self.wake(at, target)
        else:
            self.writer.finish(visit, at)
            if rng.random() < RATED:
                self.push(at + timedelta(seconds=rng.randrange(30, 40 * 60)), "rate", visit)
        self.push(at + timedelta(seconds=rng.randrange(10, 90)), "free", counter=counter)


def simulate(
    rng: random.Random,
    *,
    visits: list[Visit],
    plans: list[Plan],
    counters: list[Counter],
    serving: dict[int, set[int]],
    opens: datetime,
    writer: Writer,
    until: datetime | None = None,
) -> None:
    """Run the day: ``serving`` gives, per counter pk, the pks of the services it calls for. With ``until`` the day
    stops there, as it stands (today: people waiting, called, served; the counters still open)."""
    day = _Day(rng, counters=counters, serving=serving, writer=writer, opens=opens)
    for plan in plans:
        writer.book(plan)
    for each in counters:
        writer.open(each, opens - timedelta(minutes=rng.randrange(2, 12)))
    for person in visits:
        day.push(person.arrives, "arrive", person)
    if not day.run(until):
        return
    end = day.last + timedelta(minutes=rng.randrange(3, 15))
    for plan in plans:
        if not plan.comes:
            writer.missed(plan, end)
    for each in counters:
        writer.close(each, end)
    writer.flush()
