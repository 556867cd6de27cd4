"""The "call next" race, run by the suite on PostgreSQL and by the server tests on a SQLite file (WAL), as in
production: counters in threads, each with its own database connection, pressing "call next" at the same moment
until nobody waits."""

from __future__ import annotations

import threading
import time

from django.db import connections

COUNTERS = 6
TICKETS = 60


def race(*, counters: int = COUNTERS, tickets: int = TICKETS) -> dict[str, int]:
    from accounts.models import Role
    from accounts.tests.factories import staff
    from frontdesk.models import Counter, DeskService, Ticket, TicketState
    from frontdesk.services import counter_open, ticket_call_next, ticket_take
    from frontdesk.tests.factories import CounterFactory, DeskServiceFactory
    from institutions.tests.factories import OfficeFactory

    office = OfficeFactory()
    desks: list[Counter] = [CounterFactory(office=office, number=n) for n in range(1, counters + 1)]  # type: ignore[misc]
    service: DeskService = DeskServiceFactory(office=office, prefix="A", serving=desks)  # type: ignore[assignment]
    agents = [staff(Role.FRONT_DESK, institution=office.institution, mfa=False) for _ in desks]
    for agent, counter in zip(agents, desks, strict=True):
        counter_open(actor=agent, counter=counter)
    for _ in range(tickets):
        ticket_take(actor=None, service=service)

    start = threading.Barrier(counters)
    called: list[list[int]] = [[] for _ in desks]
    errors: list[BaseException] = []

    def desk(i: int) -> None:
        try:
            start.wait()
            while (ticket := ticket_call_next(actor=agents[i], counter=desks[i])) is not None:
                called[i].append(ticket.pk)
                time.sleep(0.002)  # a person walks to the counter: the others press in between
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(counters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    every_call = [pk for calls in called for pk in calls]
    assert len(every_call) == tickets, (len(every_call), tickets)
    assert len(set(every_call)) == tickets, "a ticket was called by two counters"
    assert sum(1 for calls in called if calls) > 1, "the counters did not work at the same time"
    assert Ticket.objects.filter(service=service, state=TicketState.CALLED).count() == tickets
    for i, calls in enumerate(called):  # each ticket names the counter that called it, and was called once
        assert set(Ticket.objects.filter(pk__in=calls).values_list("counter_id", flat=True)) <= {desks[i].pk}
    for ticket in Ticket.objects.filter(service=service):
        assert ticket.events.filter(kind="called").count() == 1
    return {"tickets": tickets, "counters_that_called": sum(1 for calls in called if calls)}
