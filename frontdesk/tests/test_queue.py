"""The queue's rules: numbering, who is called next, each step's times and history, who may act."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from core.states import InvalidTransition
from frontdesk.models import Outcome, Ticket, TicketState
from frontdesk.selectors import estimated_wait, ticket_position
from frontdesk.services import (
    counter_open,
    ticket_call_next,
    ticket_finish,
    ticket_leave,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_take,
    ticket_transfer,
    tickets_expire,
)
from frontdesk.tests.factories import DeskServiceFactory
from information.tests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


def take(service, **kw):
    return ticket_take(actor=None, service=service, **kw)


def test_tickets_are_numbered_by_service_prefix_and_day(service, office):
    other = DeskServiceFactory(office=office, prefix="B")
    numbers = [take(service).number, take(service).number, take(other).number, take(service).number]
    assert numbers == ["A-001", "A-002", "B-001", "A-003"]


def test_numbering_starts_again_the_next_day(service, freezer):
    take(service)
    take(service)
    freezer.tick(timedelta(days=1))
    assert take(service).number == "A-001"


def test_the_same_submission_gives_the_same_ticket(service):
    import uuid

    key = uuid.uuid4()
    first, again = take(service, submission_key=key), take(service, submission_key=key)
    assert first.pk == again.pk and Ticket.objects.count() == 1


def test_a_service_no_longer_offered_gives_no_ticket(service):
    service.is_active = False
    service.save()
    with pytest.raises(ValidationError):
        take(service)


def test_call_next_takes_checked_in_appointments_first_then_arrival_order(service, counters, agent, freezer):
    first = take(service)
    freezer.tick(timedelta(minutes=1))
    second = take(service)
    freezer.tick(timedelta(minutes=1))
    appointment = take(service, priority=True)
    counter_open(actor=agent, counter=counters[0])
    called = [ticket_call_next(actor=agent, counter=counters[0]) for _ in range(3)]
    assert [t.pk for t in called] == [appointment.pk, first.pk, second.pk]
    assert ticket_call_next(actor=agent, counter=counters[0]) is None


def test_a_counter_calls_only_the_services_it_serves(office, counters, agent):
    elsewhere = DeskServiceFactory(office=office, prefix="C", serving=[counters[1]])
    take(elsewhere)
    assert ticket_call_next(actor=agent, counter=counters[0]) is None
    assert ticket_call_next(actor=agent, counter=counters[1]).service == elsewhere


def test_each_step_keeps_its_time_and_its_event_and_audit_row(service, counters, agent, freezer):
    ticket = take(service)
    freezer.tick(timedelta(minutes=7))
    ticket = ticket_call_next(actor=agent, counter=counters[0])
    ticket = ticket_recall(actor=agent, ticket=ticket)
    freezer.tick(timedelta(minutes=1))
    ticket = ticket_start(actor=agent, ticket=ticket)
    freezer.tick(timedelta(minutes=12))
    InformationRequestFactory(reference="INF-2026-X-1")
    ticket = ticket_finish(actor=agent, ticket=ticket, outcome=Outcome.REQUEST_FILED, reference=" inf-2026-x-1 ")
    ticket.refresh_from_db()
    assert ticket.state == TicketState.DONE and ticket.calls == 2
    assert (ticket.called_at - ticket.created_at) >= timedelta(minutes=7)
    assert ticket.finished_at - ticket.serving_at == timedelta(minutes=12)
    assert ticket.outcome_reference == "INF-2026-X-1"
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds == ["taken", "called", "recall", "start", "finish"]
    assert ticket.events.get(kind="called").counter == counters[0]
    actions = set(AuditEvent.objects.filter(object_id=str(ticket.pk)).values_list("action", flat=True))
    assert {"frontdesk.ticket.called", "frontdesk.ticket.finish"} <= actions


def test_the_case_a_visit_produced_must_exist(service, counters, agent):
    take(service)
    ticket = ticket_start(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0]))
    with pytest.raises(ValidationError):
        ticket_finish(actor=agent, ticket=ticket, outcome=Outcome.REQUEST_FILED, reference="INF-NOPE-2026-000001")
    ticket.refresh_from_db()
    assert ticket.state == TicketState.SERVING


def test_no_show_and_wrong_steps(service, counters, agent):
    take(service)
    ticket = ticket_call_next(actor=agent, counter=counters[0])
    with pytest.raises(InvalidTransition):
        ticket_finish(actor=agent, ticket=ticket, outcome=Outcome.INFORMATION_GIVEN)  # not served yet
    assert ticket_no_show(actor=agent, ticket=ticket).state == TicketState.NO_SHOW


def test_transfer_puts_the_person_back_in_the_other_queue_in_their_arrival_place(
    office, service, counters, agent, freezer
):
    other = DeskServiceFactory(office=office, prefix="B", serving=[counters[1]])
    early = take(service)
    freezer.tick(timedelta(minutes=5))
    later = take(other)
    ticket = ticket_start(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0]))
    ticket = ticket_transfer(actor=agent, ticket=ticket, service=other)
    assert ticket.state == TicketState.WAITING and ticket.service == other
    assert ticket_call_next(actor=agent, counter=counters[1]).pk == early.pk
    assert ticket_call_next(actor=agent, counter=counters[1]).pk == later.pk


def test_transfer_to_one_counter_is_called_only_there(service, counters, agent):
    take(service)
    ticket = ticket_call_next(actor=agent, counter=counters[0])
    ticket_transfer(actor=agent, ticket=ticket, counter=counters[1])
    assert ticket_call_next(actor=agent, counter=counters[0]) is None
    assert ticket_call_next(actor=agent, counter=counters[1]).pk == ticket.pk


def test_the_holder_may_leave_while_waiting(service):
    ticket = take(service)
    assert ticket_leave(actor=None, ticket=ticket, holder=True).state == TicketState.LEFT


def test_only_the_institutions_desk_staff_call_people(service, counters):
    take(service)
    for stranger in (
        UserFactory(),
        staff(Role.CASE_OFFICER, institution=service.office.institution),
        staff(Role.FRONT_DESK),  # another institution's agent
    ):
        with pytest.raises(PermissionDenied):
            ticket_call_next(actor=stranger, counter=counters[0])
    assert Ticket.objects.get().state == TicketState.WAITING


def test_position_and_estimated_wait(service, counters, freezer):
    tickets = [take(service) for _ in range(4)]
    assert [ticket_position(t) for t in tickets] == [0, 1, 2, 3]
    # Nobody at a counter yet: the two counters that serve it, 10 minutes each → (3 + 1) × 10 / 2.
    assert estimated_wait(tickets[3]) == 20
    appointment = take(service, priority=True)
    assert ticket_position(appointment) == 0 and ticket_position(tickets[0]) == 1


def test_estimated_wait_learns_from_recent_service_times(service, counters, agent, freezer):
    for _ in range(5):
        take(service)
        ticket = ticket_start(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0]))
        freezer.tick(timedelta(minutes=4))
        ticket_finish(actor=agent, ticket=ticket, outcome=Outcome.INFORMATION_GIVEN)
    waiting = take(service)
    assert estimated_wait(waiting) == 2  # 4 minutes each, two counters


def test_the_end_of_the_day_closes_what_is_left(service, counters, agent, freezer):
    waiting = take(service)
    take(service)
    called = ticket_call_next(actor=agent, counter=counters[0])
    called = ticket_call_next(actor=agent, counter=counters[1])
    freezer.tick(timedelta(days=1))
    assert tickets_expire() == 2
    states = dict(Ticket.objects.values_list("pk", "state"))
    assert states[called.pk] == TicketState.NO_SHOW
    assert Ticket.objects.filter(state=TicketState.CALLED).count() == 0
    assert waiting.pk in states


def test_a_person_who_asked_is_told_once_when_their_turn_is_near(service, counters, agent, mailoutbox):
    from notifications.models import Notification

    take(service)
    take(service)
    near = take(service, contact_email="visiteur@example.org", language="fr")
    counter_open(actor=agent, counter=counters[0])
    ticket_call_next(actor=agent, counter=counters[0])
    ticket_call_next(actor=agent, counter=counters[0])
    messages = Notification.objects.filter(address="visiteur@example.org")
    assert messages.count() == 1 and near.number in messages.get().subject
    assert messages.get().recipient is None
