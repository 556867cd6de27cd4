"""The days: the history, today's queue, the appointments ahead."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from frontdesk.demo.desk import Desk
from frontdesk.demo.offices import CALLERS, DEFAULT_HOURS
from frontdesk.demo.simulation import (
    LANGUAGES,
    Moment,
    Plan,
    Visit,
    Writer,
    check_ins,
    clock_at,
    local,
    opening_minutes,
    simulate,
    walk_in_scale,
    walk_ins,
)
from frontdesk.demo.writers import AT_THE_OFFICE, ONLINE, BulkWriter, ServicesWriter
from frontdesk.models import Appointment, AppointmentChannel, Ticket, TicketChannel, TicketState
from frontdesk.selectors import counter_current
from frontdesk.services import ticket_call_next, ticket_take
from institutions.selectors import office_days


def _plans(rng: random.Random, desk: Desk, day: date, citizens: list[User]) -> list[Plan]:
    """The day's appointments, booked one to six days before: online by demo citizens, by phone by an agent."""
    from frontdesk.appointment_selectors import slots_between

    plans: list[Plan] = []
    # One appointment a day at most for each demo citizen (the platform allows two): never over the limit, even
    # with the ones an earlier run booked ahead for what is now a past day.
    busy = set(Appointment.objects.filter(day=day, person__isnull=False).values_list("person_id", flat=True))
    persons = [c for c in citizens[1:] if c.pk not in busy]
    rng.shuffle(persons)
    booker = next(iter(desk.agents.values()))
    with clock_at(local(day - timedelta(days=1), time(18, 0))):
        for service in desk.services:
            wanted = desk.profiles[service.prefix].booked_per_day
            if not service.takes_appointments or not wanted:
                continue
            free = slots_between(service=service, start=day, end=day).get(day, [])
            count = min(len(free), max(0, round(rng.gauss(wanted, 1))))
            for slot in sorted(rng.sample(free, count), key=lambda s: s.starts_at):
                booked = local(day - timedelta(days=rng.randint(1, 6)), time(rng.randint(8, 20), rng.randrange(60)))
                online = bool(persons) and rng.random() < 0.55
                name, language = rng.choice(CALLERS)
                if online:
                    language = persons[-1].preferred_language or "fr"
                plans.append(
                    Plan(
                        service=service,
                        starts_at=slot.starts_at,
                        booked_at=booked,
                        channel=AppointmentChannel.WEB if online else AppointmentChannel.PHONE,
                        person=persons.pop() if online else None,
                        name="" if online else name,
                        phone="" if online else f"+2126{rng.randrange(10**8):08d}",
                        language=language,
                        booker=booker,
                        comes=rng.random() < 0.88,
                    )
                )
    return plans


def _day(desk: Desk, day: date, periods: Any, scale: float, citizens: list[User], *, services: bool) -> int:
    """One day the office opened, simulated and written; returns the number of tickets."""
    rng = random.Random(f"{desk.office.slug}/{day.isoformat()}")  # noqa: S311 — demo data, not security
    visits = walk_ins(rng, day=day, periods=periods, scale=scale, services=desk.services, profiles=desk.profiles)
    for visit in visits:
        if rng.random() < 0.04:
            visit.channel = TicketChannel.DESK  # given by an agent (at the reception, for someone unsure)
    plans = _plans(rng, desk, day, citizens)
    visits += check_ins(rng, plans, desk.profiles, periods)
    opens = local(day, periods[0][0])
    with transaction.atomic(), clock_at(opens) as moment:
        writer: Writer = (
            ServicesWriter(moment=moment, office=desk.office, agents=desk.agents)
            if services
            else BulkWriter(office=desk.office, agents=desk.agents, day=day)
        )
        simulate(
            rng, visits=visits, plans=plans, counters=desk.counters, serving=desk.serving, opens=opens, writer=writer
        )
    return len(visits)


def history(desk: Desk, *, today: date, days: int, recent: int, citizens: list[User]) -> tuple[int, int]:
    """The office's last ``days`` days (closed days and holidays skipped): (days written, tickets)."""
    open_days = [
        d
        for d in office_days(office=desk.office, start=today - timedelta(days=days), end=today - timedelta(days=1))
        if d.periods
    ]
    # The office's usual Tuesday gets the spec's walk-ins; other days more or fewer, by their hours and the weekday.
    tuesday = today - timedelta(days=(today.weekday() - 1) % 7)
    weekly = tuple(sorted((h.opens, h.closes) for h in desk.office.hours.all() if h.weekday == 1))
    scale = walk_in_scale(opening_minutes(tuesday, weekly or DEFAULT_HOURS), desk.spec.walk_ins)
    seeded = set(
        Ticket.objects.filter(office=desk.office, day__in=[d.day for d in open_days])
        .values_list("day", flat=True)
        .distinct()
    )
    written = tickets = 0
    through_services = {d.day for d in open_days[-recent:]} if recent else set()
    for hours in open_days:
        if hours.day in seeded:
            continue
        tickets += _day(desk, hours.day, hours.periods, scale, citizens, services=hours.day in through_services)
        written += 1
    return written, tickets


# --- Today and the coming days ----------------------------------------------------------------------------------


def today_queue(desk: Desk, now: datetime, citizens: list[User]) -> int:
    """The last hour: two counters open (the first is left for agent.<short> to open), people served, one called,
    one being served, and some waiting; returns how many wait."""
    day = now.date()
    if Ticket.objects.filter(office=desk.office, day=day).exists():
        return 0
    rng = random.Random(f"{desk.office.slug}/today")  # noqa: S311
    begin = max(now - timedelta(minutes=55), local(day, time(0, 0, 30)))
    span = (now - begin).total_seconds()
    open_counters = desk.counters[1:-1] or desk.counters[:1]
    opened = {c.pk for c in open_counters}
    count = 8 + 2 * len(open_counters)
    visits = []
    for index in range(count):
        arrives = begin + timedelta(seconds=round(span * (index + 0.5) / (count + 2)))
        service = rng.choices(desk.services, [desk.profiles[s.prefix].share for s in desk.services])[0]
        visit = Visit(
            service=service,
            arrives=arrives,
            duration=timedelta(minutes=service.typical_minutes * rng.uniform(0.7, 1.3)),
            outcome=rng.choices(*zip(*desk.profiles[service.prefix].outcomes, strict=True))[0],
            language=rng.choice(LANGUAGES),
        )
        visits.append(visit)
    visits[-1].person = citizens[1] if len(citizens) > 1 else None  # citizen2 follows their ticket on the phone
    with transaction.atomic(), clock_at(begin) as moment:
        writer = _TodayWriter(moment=moment, office=desk.office, agents=desk.agents)
        simulate(
            rng,
            visits=visits,
            plans=[],
            counters=open_counters,
            serving={pk: s for pk, s in desk.serving.items() if pk in opened},
            opens=begin,
            writer=writer,
            until=now - timedelta(minutes=3),
        )
        # Whatever the simulation left: someone waits for every counter (the closed ones too, so that whoever opens
        # one has someone to call), each open counter has called someone or serves them, and a few people wait.
        _top_up(desk, rng, moment, now - timedelta(minutes=3))
        moment.at = now - timedelta(minutes=2)
        for counter in open_counters:
            if counter_current(counter=counter) is None:
                ticket_call_next(actor=desk.agents[counter.pk], counter=counter, context=AT_THE_OFFICE)
        _top_up(desk, rng, moment, now - timedelta(minutes=1))
    return Ticket.objects.filter(office=desk.office, day=day, state=TicketState.WAITING).count()


def _top_up(desk: Desk, rng: random.Random, moment: Moment, at: datetime, least: int = 4) -> None:
    """Someone waits for every counter, and ``least`` people in all."""
    moment.at = at
    waiting = Ticket.objects.filter(office=desk.office, day=at.date(), state=TicketState.WAITING)
    for counter in desk.counters:
        if not waiting.filter(service__counters=counter).exists():
            service = next((s for s in desk.services if s.pk in desk.serving[counter.pk]), None)
            if service is not None:
                ticket_take(actor=None, service=service, language=rng.choice(LANGUAGES), context=AT_THE_OFFICE)
    for _more in range(least - waiting.count()):
        service = rng.choices(desk.services, [desk.profiles[s.prefix].share for s in desk.services])[0]
        ticket_take(actor=None, service=service, language=rng.choice(LANGUAGES), context=AT_THE_OFFICE)


class _TodayWriter(ServicesWriter):
    """Today's tickets may belong to a demo citizen (they follow it on their phone)."""

    def take(self, visit: Visit, at: datetime) -> None:
        self.moment.at = at
        visit.ticket = ticket_take(
            actor=None, service=visit.service, person=visit.person, language=visit.language, context=AT_THE_OFFICE
        )


def appointments_ahead(desk: Desk, today: date, citizens: list[User], held: set[tuple[int, date]]) -> int:
    """Appointments in the coming open days, booked now: online by citizens, by phone through an agent."""
    from frontdesk.appointment_selectors import slots_between
    from frontdesk.appointment_services import appointment_book

    if Appointment.objects.filter(office=desk.office, day__gt=today).exists():
        return 0
    rng = random.Random(f"{desk.office.slug}/ahead")  # noqa: S311
    days = [
        d.day
        for d in office_days(office=desk.office, start=today + timedelta(days=1), end=today + timedelta(days=14))
        if d.periods
    ][:7]
    agent = next(iter(desk.agents.values()))
    booked = 0
    for service in desk.services:
        if not service.takes_appointments:
            continue
        for day in days:
            free = slots_between(service=service, start=day, end=day).get(day, [])
            for slot in rng.sample(free, min(len(free), rng.randint(1, 3))):
                free_citizens = [c for c in citizens[1:] if (c.pk, day) not in held]
                person = rng.choice(free_citizens) if free_citizens and rng.random() < 0.55 else None
                name, language = rng.choice(CALLERS)
                if person is not None:
                    held.add((person.pk, day))
                    appointment_book(
                        actor=person,
                        service=service,
                        starts_at=slot.starts_at,
                        language=person.preferred_language or "fr",
                        context=ONLINE,
                    )
                else:
                    appointment_book(
                        actor=agent,
                        service=service,
                        starts_at=slot.starts_at,
                        channel=AppointmentChannel.PHONE,
                        name=name,
                        phone=f"+2126{rng.randrange(10**8):08d}",
                        language=language,
                        context=AT_THE_OFFICE,
                    )
                booked += 1
    return booked


def citizen1_tomorrow(desk: Desk, today: date, citizen: User) -> Appointment | None:
    """citizen1's appointment the next day the office opens, from ten o'clock (their My Office shows it)."""
    from frontdesk.appointment_selectors import slots_between
    from frontdesk.appointment_services import appointment_book

    if Appointment.objects.filter(person=citizen, day__gt=today).exists():
        return None
    service = next((s for s in desk.services if s.takes_appointments), None)
    if service is None:
        return None
    for hours in office_days(office=desk.office, start=today + timedelta(days=1), end=today + timedelta(days=14)):
        free = slots_between(service=service, start=hours.day, end=hours.day).get(hours.day, [])
        if free:
            slot = next((s for s in free if timezone.localtime(s.starts_at).hour >= 10), free[0])
            appointment, _created = appointment_book(
                actor=citizen, service=service, starts_at=slot.starts_at, language="fr", context=ONLINE
            )
            return appointment
    return None
