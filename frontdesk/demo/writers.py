"""Two ways to write a simulated day: through the queue's and the appointments' services with the clock moved to
each step (the timeline and the audit trail a real day leaves), or in bulk (the same rows, timelines included, a few
inserts a day, without audit rows: quick enough for thirty days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from audit.models import Channel
from audit.services import Context
from frontdesk.appointment_services import appointment_book, appointment_check_in, appointments_mark_no_shows
from frontdesk.demo.simulation import Moment, Plan, Visit, local
from frontdesk.models import (
    Appointment,
    AppointmentChannel,
    AppointmentEvent,
    AppointmentState,
    Counter,
    DailySequence,
    DeskService,
    Ticket,
    TicketChannel,
    TicketEvent,
    TicketState,
    VisitRating,
)
from frontdesk.rating_services import visit_rate
from frontdesk.services import (
    counter_close,
    counter_open,
    ticket_call_next,
    ticket_finish,
    ticket_leave,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_take,
    ticket_transfer,
)

AT_THE_OFFICE = Context(channel=Channel.DESK)
ONLINE = Context(channel=Channel.WEB)

# --- Writing through the services ---------------------------------------------------------------------------


class ServicesWriter:
    """Every step through the queue's and the appointments' services, the clock at the step's moment."""

    def __init__(self, *, moment: Moment, office: Any, agents: dict[int, Any]) -> None:
        self.moment, self.office, self.agents = moment, office, agents  # agents by counter pk

    def _at(self, at: datetime) -> None:
        self.moment.at = at

    def book(self, plan: Plan) -> None:

        self._at(plan.booked_at)
        online = plan.channel == AppointmentChannel.WEB
        plan.appointment, _created = appointment_book(
            actor=plan.person if online else plan.booker,
            service=plan.service,
            starts_at=plan.starts_at,
            channel=plan.channel,
            name=plan.name,
            phone=plan.phone,
            language=plan.language,
            context=ONLINE if online else AT_THE_OFFICE,
        )

    def open(self, counter: Counter, at: datetime) -> None:

        self._at(at)
        counter_open(actor=self.agents[counter.pk], counter=counter, context=AT_THE_OFFICE)

    def close(self, counter: Counter, at: datetime) -> None:

        self._at(at)
        counter_close(actor=self.agents[counter.pk], counter=counter, context=AT_THE_OFFICE)

    def take(self, visit: Visit, at: datetime) -> None:
        self._at(at)
        if visit.plan is not None and visit.plan.appointment is not None:
            visit.ticket = appointment_check_in(
                actor=None, office=self.office, code=visit.plan.appointment.code, context=AT_THE_OFFICE
            )
            return
        desk = visit.channel == TicketChannel.DESK
        visit.ticket = ticket_take(
            actor=next(iter(self.agents.values())) if desk else None,
            service=visit.service,
            channel=visit.channel,
            language=visit.language,
            context=AT_THE_OFFICE,
        )

    def call(self, visit: Visit, counter: Counter, at: datetime) -> None:

        self._at(at)
        called = ticket_call_next(actor=self.agents[counter.pk], counter=counter, context=AT_THE_OFFICE)
        if called is None or visit.ticket is None or called.pk != visit.ticket.pk:
            raise RuntimeError(f"the demo's queue and the desk disagree at {at:%Y-%m-%d %H:%M:%S}")
        visit.ticket = called

    def _act(self, function: Callable[..., Ticket], visit: Visit, at: datetime, **extra: Any) -> None:
        self._at(at)
        assert visit.ticket is not None and visit.ticket.counter_id is not None
        agent = self.agents[visit.ticket.counter_id]
        visit.ticket = function(actor=agent, ticket=visit.ticket, context=AT_THE_OFFICE, **extra)

    def recall(self, visit: Visit, at: datetime) -> None:

        self._act(ticket_recall, visit, at)

    def start(self, visit: Visit, at: datetime) -> None:

        self._act(ticket_start, visit, at)

    def finish(self, visit: Visit, at: datetime) -> None:

        self._act(ticket_finish, visit, at, outcome=visit.outcome)

    def no_show(self, visit: Visit, at: datetime) -> None:

        self._act(ticket_no_show, visit, at)

    def transfer(self, visit: Visit, service: DeskService, at: datetime) -> None:

        self._act(ticket_transfer, visit, at, service=service)

    def leave(self, visit: Visit, at: datetime) -> None:

        self._at(at)
        assert visit.ticket is not None
        visit.ticket = ticket_leave(actor=None, ticket=visit.ticket, holder=True, context=AT_THE_OFFICE)

    def missed(self, plan: Plan, at: datetime) -> None:

        self._at(at)
        appointments_mark_no_shows(now=at)

    def rate(self, visit: Visit, at: datetime, score: int, comment: str, channel: str) -> None:

        self._at(at)
        assert visit.ticket is not None
        visit_rate(
            actor=None,
            ticket=visit.ticket,
            score=score,
            comment=comment,
            channel=channel,
            context=AT_THE_OFFICE if channel == "kiosk" else ONLINE,
        )

    def flush(self) -> None:
        return None


# --- Writing in bulk -----------------------------------------------------------------------------------------


class BulkWriter:
    """The same rows the services write (tickets, their timeline, the day's numbers, appointments and theirs),
    kept in memory and written at the end of the day in a few inserts. No audit rows: the audit trail records
    what happened on the platform, and these days did not happen on it."""

    def __init__(self, *, office: Any, agents: dict[int, Any], day: date) -> None:
        self.office, self.agents, self.day = office, agents, day
        self.tickets: list[Ticket] = []
        self.events: list[tuple[Ticket, dict[str, Any]]] = []
        self.appointments: list[Appointment] = []
        self.appointment_events: list[tuple[Appointment, dict[str, Any]]] = []
        self.numbers: dict[int, int] = {}
        self.ratings: list[VisitRating] = []

    def _event(self, ticket: Ticket, kind: str, at: datetime, actor: Any = None, **extra: Any) -> None:
        self.events.append(
            (ticket, {"kind": kind, "created_at": at, "actor": actor, "by_staff": actor is not None, **extra})
        )

    def _appointment_event(self, appointment: Appointment, kind: str, at: datetime, **extra: Any) -> None:
        self.appointment_events.append((appointment, {"kind": kind, "created_at": at, **extra}))

    def book(self, plan: Plan) -> None:
        online = plan.channel == AppointmentChannel.WEB
        length = timedelta(minutes=max(plan.service.typical_minutes, 5))
        appointment = Appointment(
            office=self.office,
            service=plan.service,
            starts_at=plan.starts_at,
            ends_at=plan.starts_at + length,
            day=timezone.localtime(plan.starts_at).date(),
            channel=plan.channel,
            person=plan.person if online else None,
            name=plan.person.full_name if online else plan.name,
            phone="" if online else plan.phone,
            language=plan.language,
            booked_by=plan.person if online else plan.booker,
            reminded=plan.booked_at.date() < plan.starts_at.date() - timedelta(days=1),
            created_at=plan.booked_at,
            updated_at=plan.booked_at,
        )
        plan.appointment = appointment
        self.appointments.append(appointment)
        self._appointment_event(
            appointment,
            "booked",
            plan.booked_at,
            actor=appointment.booked_by,
            by_staff=not online,
            channel=Channel.WEB if online else Channel.DESK,
        )
        if appointment.reminded:  # the morning job the day before
            reminded = local(appointment.day - timedelta(days=1), time(10, 0))
            self._appointment_event(appointment, "reminded", reminded, internal=True, channel=Channel.SYSTEM)

    def open(self, counter: Counter, at: datetime) -> None:
        return None

    def close(self, counter: Counter, at: datetime) -> None:
        return None

    def take(self, visit: Visit, at: datetime) -> None:
        service = visit.service
        sequence = self.numbers[service.pk] = self.numbers.get(service.pk, 0) + 1
        appointment = visit.plan.appointment if visit.plan is not None else None
        ticket = Ticket(
            office=self.office,
            service=service,
            day=self.day,
            sequence=sequence,
            number=f"{service.prefix}-{sequence:03d}",
            channel=visit.channel,
            priority=visit.priority,
            person=visit.person,
            contact_phone=appointment.phone if appointment is not None else "",
            language=(appointment.language if appointment is not None else "") or visit.language,
            created_at=at,
            queued_at=at,
        )
        visit.ticket = ticket
        self.tickets.append(ticket)
        desk = visit.channel == TicketChannel.DESK
        self._event(ticket, "taken", at, next(iter(self.agents.values())) if desk else None, by_staff=False)
        self.events[-1][1]["payload"] = {"service": service.prefix}
        if appointment is not None:
            appointment.state, appointment.ticket, appointment.updated_at = AppointmentState.CHECKED_IN, ticket, at
            self._appointment_event(appointment, "checked_in", at, payload={"ticket": ticket.number})

    def call(self, visit: Visit, counter: Counter, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.state, ticket.counter, ticket.agent = TicketState.CALLED, counter, self.agents[counter.pk]
        ticket.called_at, ticket.calls = at, ticket.calls + 1
        self._event(ticket, "called", at, ticket.agent, counter=counter)

    def recall(self, visit: Visit, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.called_at, ticket.calls = at, ticket.calls + 1
        self._event(ticket, "recall", at, ticket.agent, counter=ticket.counter)

    def start(self, visit: Visit, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.state, ticket.serving_at = TicketState.SERVING, at
        self._event(ticket, "start", at, ticket.agent, counter=ticket.counter)

    def finish(self, visit: Visit, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.state, ticket.finished_at, ticket.outcome = TicketState.DONE, at, visit.outcome
        self._event(ticket, "finish", at, ticket.agent, counter=ticket.counter)
        appointment = visit.plan.appointment if visit.plan is not None else None
        if appointment is not None:
            appointment.state, appointment.updated_at = AppointmentState.SERVED, at
            self._appointment_event(appointment, "serve", at, actor=ticket.agent, by_staff=True)

    def no_show(self, visit: Visit, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.state, ticket.finished_at = TicketState.NO_SHOW, at
        self._event(ticket, "no_show", at, ticket.agent, counter=ticket.counter)

    def transfer(self, visit: Visit, service: DeskService, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        agent = ticket.agent
        ticket.state, ticket.service, ticket.counter, ticket.called_at, ticket.serving_at = (
            TicketState.WAITING,
            service,
            None,
            None,
            None,
        )
        self._event(ticket, "transfer", at, agent)

    def leave(self, visit: Visit, at: datetime) -> None:
        ticket = visit.ticket
        assert ticket is not None
        ticket.state, ticket.finished_at = TicketState.LEFT, at
        self._event(ticket, "left", at)

    def missed(self, plan: Plan, at: datetime) -> None:
        appointment = plan.appointment
        assert appointment is not None
        appointment.state, appointment.updated_at = AppointmentState.NO_SHOW, at
        self._appointment_event(appointment, "no_show", at, channel=Channel.SYSTEM)

    def rate(self, visit: Visit, at: datetime, score: int, comment: str, channel: str) -> None:
        assert visit.ticket is not None
        self.ratings.append(
            VisitRating(ticket=visit.ticket, score=score, comment=comment, channel=channel, created_at=at)
        )

    def flush(self) -> None:
        Ticket.objects.bulk_create(self.tickets)
        VisitRating.objects.bulk_create(self.ratings)
        TicketEvent.objects.bulk_create(
            [TicketEvent(ticket=ticket, channel=Channel.DESK, **values) for ticket, values in self.events]
        )
        DailySequence.objects.bulk_create(
            [DailySequence(service_id=pk, day=self.day, last=last) for pk, last in self.numbers.items()]
        )
        Appointment.objects.bulk_create(self.appointments)
        AppointmentEvent.objects.bulk_create(
            [
                AppointmentEvent(appointment=appointment, **{"channel": Channel.DESK, **values})
                for appointment, values in self.appointment_events
            ]
        )
