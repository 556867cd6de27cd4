"""The desk's demo data: the two demo offices set up, a history of days the offices opened (older days in bulk, the
last through the services), appointments ahead, people waiting today; a second run changes nothing."""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership, Role, User
from audit.models import AuditEvent
from core import clock
from frontdesk.demo import OFFICES, seed_frontdesk
from frontdesk.demo.simulation import Plan, Visit, arrival_rate, clock_at, simulate
from frontdesk.models import (
    Appointment,
    AppointmentChannel,
    AppointmentEvent,
    AppointmentState,
    Counter,
    DeskService,
    Ticket,
    TicketEvent,
    TicketState,
    VisitRating,
)
from frontdesk.selectors import display_calls

pytestmark = pytest.mark.django_db

# A Thursday; the week before holds a weekend (14-15 November) and Independence Day (Wednesday 18 November).
THURSDAY = date(2026, 11, 19)
RABAT, REGION = OFFICES[0].slug, OFFICES[1].slug


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def foundation(freezer):
    from portal.demo import seed_foundation

    freezer.at = at(THURSDAY, 11)
    seed_foundation(io.StringIO())
    return freezer


def seed(**kwargs: int) -> str:
    out = io.StringIO()
    seed_frontdesk(out, **kwargs)
    return out.getvalue()


def test_the_two_demo_offices_get_counters_services_in_four_languages_and_agents(foundation):
    seed(days=3, recent=1)
    for spec in OFFICES:
        assert Counter.objects.filter(office__slug=spec.slug).count() == spec.counters
        services = DeskService.objects.filter(office__slug=spec.slug)
        assert sorted(services.values_list("prefix", flat=True)) == sorted(s.prefix for s in spec.services)
        for service in services:
            assert all(getattr(service, f"name_{code}") for code in ("fr", "ar", "en", "zgh"))
            assert service.counters.exists()
        assert services.filter(takes_appointments=True).exists()
        agents = Membership.objects.filter(institution__offices__slug=spec.slug, role=Role.FRONT_DESK)
        assert agents.count() == spec.counters
    # The new agents sign in as the foundation's demo agent does.
    agent, new = (
        User.objects.get(email="agent.rabat@demo.citizen-office.ma"),
        User.objects.get(email="agent2.rabat@demo.citizen-office.ma"),
    )
    assert new.password == agent.password and new.authenticator_set.count() == agent.authenticator_set.count()


def test_the_history_covers_the_days_the_offices_opened_with_waits_service_times_and_outcomes(foundation):
    seed(days=7, recent=1)
    past = Ticket.objects.filter(day__lt=THURSDAY)
    # 12 to 18 November: the weekend and Independence Day closed, Friday the 13th to Tuesday the 17th open.
    assert set(past.values_list("day", flat=True)) == {date(2026, 11, d) for d in (12, 13, 16, 17)}
    assert past.filter(office__slug=RABAT).count() > 200 and past.filter(office__slug=REGION).count() > 100
    assert not past.filter(state__in=[TicketState.WAITING, TicketState.CALLED, TicketState.SERVING]).exists()
    done = past.filter(state=TicketState.DONE)
    assert done.exclude(outcome="").count() == done.count()
    waits = [(t.called_at - t.created_at).total_seconds() / 60 for t in done.filter(priority=False)]
    served = [(t.finished_at - t.serving_at).total_seconds() / 60 for t in done]
    assert max(waits) > 10 and sorted(waits)[len(waits) // 2] < max(waits)
    assert 2 < sum(served) / len(served) < 20
    assert past.filter(state=TicketState.LEFT).exists() and past.filter(state=TicketState.NO_SHOW).exists()
    assert past.filter(priority=True, appointment__state=AppointmentState.SERVED).exists()
    assert Appointment.objects.filter(day__lt=THURSDAY, state=AppointmentState.NO_SHOW).exists()
    # Every finished ticket has its timeline in order, whichever way its day was written.
    for ticket in done.order_by("?")[:40]:
        kinds = list(
            TicketEvent.objects.filter(ticket=ticket).order_by("created_at", "pk").values_list("kind", flat=True)
        )
        assert kinds[0] == "taken" and kinds[-1] == "finish" and "start" in kinds
    # The last open day went through the services (audit rows); the older ones were written in bulk (none).
    taken = AuditEvent.objects.filter(action="frontdesk.ticket.taken")
    recent = Ticket.objects.filter(day=date(2026, 11, 17)).count()
    assert taken.count() == recent + Ticket.objects.filter(day=THURSDAY).count()
    assert DeskService.objects.exclude(usual_waits={}).exists()
    # Some visitors rated their visit, on both kinds of day; a rating is the served ticket's.
    ratings = VisitRating.objects.filter(ticket__day__lt=THURSDAY)
    assert ratings.filter(ticket__day=date(2026, 11, 17)).exists() and ratings.exclude(ticket__day=date(2026, 11, 17))
    assert not ratings.exclude(ticket__state=TicketState.DONE).exists() and ratings.exclude(comment="").exists()


def test_appointments_are_booked_in_the_coming_days_and_citizen1_has_one_tomorrow(foundation):
    seed(days=2, recent=0)
    ahead = Appointment.objects.filter(day__gt=THURSDAY, state=AppointmentState.BOOKED)
    for slug in (RABAT, REGION):
        assert ahead.filter(office__slug=slug).count() >= 5
    assert {AppointmentChannel.WEB, AppointmentChannel.PHONE} <= set(ahead.values_list("channel", flat=True))
    assert not ahead.filter(channel=AppointmentChannel.PHONE, phone="").exists()
    citizen1 = User.objects.get(email="citizen1@demo.citizen-office.ma")
    mine = Appointment.objects.get(person=citizen1, day__gt=THURSDAY)
    assert mine.day == THURSDAY + timedelta(days=1) and timezone.localtime(mine.starts_at).hour >= 10
    assert AppointmentEvent.objects.filter(appointment=mine, kind="booked").exists()


def test_today_people_wait_and_each_office_shows_calls_on_its_screen(foundation):
    seed(days=2, recent=0)
    today = Ticket.objects.filter(day=THURSDAY)
    for spec in OFFICES:
        mine = today.filter(office__slug=spec.slug)
        assert mine.filter(state=TicketState.WAITING).count() >= 3
        assert display_calls(office=mine.first().office)
        # The first counter is left for agent.<short> to open, with someone waiting for it.
        first = Counter.objects.get(office__slug=spec.slug, number=1)
        assert first.agent is None
        assert mine.filter(state=TicketState.WAITING, service__counters=first).exists()
        assert all(t.created_at <= clock.now() for t in mine)
    assert today.filter(person__email="citizen2@demo.citizen-office.ma").exists()


def test_running_the_demo_twice_creates_nothing_the_second_time(foundation):
    seed(days=3, recent=1)

    def counts() -> tuple[int, ...]:
        return tuple(
            model.objects.count()
            for model in (
                Ticket,
                TicketEvent,
                Appointment,
                AppointmentEvent,
                VisitRating,
                Counter,
                DeskService,
                User,
                AuditEvent,
            )
        )

    before = counts()
    seed(days=3, recent=1)
    assert counts() == before


def test_without_the_foundation_the_seed_says_so_and_writes_nothing(freezer):
    out = seed(days=2)
    assert "skipped" in out and not Ticket.objects.exists()


def test_arrivals_peak_mid_morning_and_early_afternoon_and_friday_afternoons_are_quiet():
    tuesday, friday = date(2026, 11, 17), date(2026, 11, 20)
    assert arrival_rate(at(tuesday, 10, 30)) > arrival_rate(at(tuesday, 8, 30)) * 2
    assert arrival_rate(at(tuesday, 14, 30)) > arrival_rate(at(tuesday, 13, 0))
    assert arrival_rate(at(friday, 14, 30)) < arrival_rate(at(tuesday, 14, 30)) / 2


def test_the_moved_clock_gives_the_time_of_day_and_is_put_back():
    before = clock.now
    with clock_at(at(THURSDAY, 9, 15)) as moment:
        assert clock.now() == at(THURSDAY, 9, 15) and clock.today() == THURSDAY
        moment.at = at(THURSDAY, 9, 20)
        assert clock.now().minute == 20
    assert clock.now is before


class Recorder:
    """A writer that notes what the simulation does."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        def note(*args, **kwargs):  # type: ignore[no-untyped-def]
            first = args[0] if args else None
            label = first.service.prefix + str(first.order) if isinstance(first, Visit) else ""
            self.steps.append((name, label))

        return note


def test_the_simulation_calls_appointments_first_then_by_arrival(office, service, counters):
    opens = at(THURSDAY, 9)
    walk_in = Visit(service=service, arrives=opens, duration=timedelta(minutes=5), outcome="information")
    later = Visit(service=service, arrives=opens + timedelta(minutes=1), duration=timedelta(minutes=5), outcome="x")
    plan = Plan(service=service, starts_at=opens, booked_at=opens - timedelta(days=2), channel="web")
    booked = Visit(
        service=service, arrives=opens + timedelta(minutes=2), duration=timedelta(minutes=5), outcome="x", plan=plan
    )
    recorder = Recorder()
    simulate(
        random.Random(1),
        visits=[walk_in, later, booked],
        plans=[plan],
        counters=counters[:1],
        serving={counters[0].pk: {service.pk}},
        opens=opens,
        writer=recorder,  # type: ignore[arg-type]
    )
    calls = [label for step, label in recorder.steps if step == "call"]
    # The first walk-in is called on arrival; when the counter is free again the appointment goes first.
    assert calls == ["A1", "A3", "A2"]
    assert recorder.steps[0] == ("book", "") and recorder.steps[-1] == ("flush", "")
