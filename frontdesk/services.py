"""The queue: taking a ticket, calling, serving, transferring and finishing, through the case engine.

Every step is one transaction that writes the ticket, its timeline event and its audit row. "Call next" claims a
ticket with a conditional update (``state = waiting`` in the WHERE clause): two counters pressing at the same
moment each get a different ticket, on SQLite (writers queue) and on PostgreSQL (the second update waits for the
first's row lock, then finds the row no longer waiting and tries the next one).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from cases.engine import CaseType
from core import clock
from core.states import CLOCK, transitions
from frontdesk.models import (
    Counter,
    DailySequence,
    DeskService,
    Outcome,
    Ticket,
    TicketChannel,
    TicketEvent,
)
from frontdesk.models import TicketState as S

AGENT = "agent"
HOLDER = "holder"
DESK_ROLES = (Role.FRONT_DESK, Role.INSTITUTION_ADMIN)

MACHINE = transitions(
    [
        (S.WAITING, "call", S.CALLED, [AGENT]),
        (S.CALLED, "recall", S.CALLED, [AGENT]),
        (S.CALLED, "start", S.SERVING, [AGENT]),
        (S.CALLED, "no_show", S.NO_SHOW, [AGENT]),
        (S.CALLED, "transfer", S.WAITING, [AGENT]),
        (S.SERVING, "transfer", S.WAITING, [AGENT]),
        (S.SERVING, "finish", S.DONE, [AGENT]),
        (S.WAITING, "leave", S.LEFT, [HOLDER, AGENT]),
        # The end of the day closes what is left (the clock, the next morning).
        (S.WAITING, "expire", S.LEFT, [CLOCK]),
        (S.CALLED, "expire", S.NO_SHOW, [CLOCK]),
        (S.SERVING, "expire", S.DONE, [CLOCK]),
    ]
)


def is_agent(actor: Any, office: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and has_role(actor, office.institution, DESK_ROLES)


def role_of(actor: Any, case: Any) -> str | None:
    """On a ticket or an appointment: an agent of the office's institution, or the person it is for."""
    if is_agent(actor, case.office):
        return AGENT
    if case.person_id is not None and getattr(actor, "pk", None) == case.person_id:
        return HOLDER
    return None


CASE: CaseType[Ticket] = CaseType(
    name="frontdesk",
    model=Ticket,
    machine=MACHINE,
    role_of=role_of,
    event_model=TicketEvent,
    case_field="ticket",
    audit_prefix="frontdesk.ticket",
    initial=S.WAITING,
    final=(S.DONE, S.LEFT, S.NO_SHOW),
    describe=lambda ticket: f"{ticket.number} ({ticket.day:%Y-%m-%d})",
    docs="docs/frontdesk.md",
)


def _require_agent(actor: Any, office: Any) -> None:
    if not is_agent(actor, office):
        raise PermissionDenied


def _next_sequence(service: DeskService, day: date) -> int:
    """The service's next number today; the row update holds its lock until the transaction ends."""
    for _attempt in range(2):
        updated = DailySequence.objects.filter(service=service, day=day).update(last=F("last") + 1)
        if updated:
            return DailySequence.objects.values_list("last", flat=True).get(service=service, day=day)
        try:
            with transaction.atomic():
                DailySequence.objects.create(service=service, day=day, last=1)
            return 1
        except IntegrityError:  # another ticket created the day's row a moment before: count on it
            continue
    raise RuntimeError("could not number the ticket")


@transaction.atomic
def ticket_take(
    *,
    actor: Any,
    service: DeskService,
    channel: str = TicketChannel.KIOSK,
    contact_phone: str = "",
    contact_email: str = "",
    person: Any = None,
    priority: bool = False,
    language: str = "",
    submission_key: Any = None,
    context: Context = SYSTEM,
) -> Ticket:
    """A place in the queue for a service: the service's prefix and today's next number (``A-042``).

    The same submission key gives back the ticket it gave (a double tap on the kiosk)."""
    if submission_key is not None:
        existing = Ticket.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not service.is_active:
        raise ValidationError(_("This service is not offered at the moment."))
    if channel == TicketChannel.DESK:
        _require_agent(actor, service.office)
    now = clock.now()
    day = clock.today()
    sequence = _next_sequence(service, day)
    ticket = Ticket.objects.create(
        office=service.office,
        service=service,
        day=day,
        sequence=sequence,
        number=f"{service.prefix}-{sequence:03d}",
        channel=channel,
        priority=priority,
        person=person if getattr(person, "pk", None) else None,
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        language=language,
        submission_key=submission_key,
        created_at=now,
        queued_at=now,
    )
    CASE.record(case=ticket, kind="taken", actor=actor, context=context, payload={"service": service.prefix})
    return ticket


@transaction.atomic
def counter_open(*, actor: Any, counter: Counter, context: Context = SYSTEM) -> Counter:
    """The agent sits at the counter: the calls it makes show its number. One counter per agent at a time."""
    _require_agent(actor, counter.office)
    if not counter.is_active:
        raise ValidationError(_("This counter is not in use."))
    Counter.objects.filter(agent=actor).exclude(pk=counter.pk).update(agent=None, opened_at=None)
    counter.agent, counter.opened_at = actor, clock.now()
    counter.save(update_fields=["agent", "opened_at"])
    audit_record(
        actor=actor,
        action="frontdesk.counter.open",
        obj=counter,
        institution=counter.office.institution,
        context=context,
        object_repr=f"{counter.office.slug} #{counter.number}",
    )
    return counter


@transaction.atomic
def counter_close(*, actor: Any, counter: Counter, context: Context = SYSTEM) -> Counter:
    _require_agent(actor, counter.office)
    counter.agent, counter.opened_at = None, None
    counter.save(update_fields=["agent", "opened_at"])
    audit_record(
        actor=actor,
        action="frontdesk.counter.close",
        obj=counter,
        institution=counter.office.institution,
        context=context,
        object_repr=f"{counter.office.slug} #{counter.number}",
    )
    return counter


def _waiting_for(counter: Counter, day: date) -> Any:
    """Today's waiting tickets this counter serves: checked-in appointments first, then by arrival."""
    return (
        Ticket.objects.filter(office_id=counter.office_id, day=day, state=S.WAITING, service__counters=counter)
        .filter(Q(for_counter__isnull=True) | Q(for_counter=counter))
        .order_by("-priority", "queued_at", "pk")
    )


@transaction.atomic
def ticket_call_next(*, actor: Any, counter: Counter, context: Context = SYSTEM) -> Ticket | None:
    """Call the next person to this counter; None when nobody waits for it."""
    _require_agent(actor, counter.office)
    now, day = clock.now(), clock.today()
    for _round in range(5):
        candidates = list(_waiting_for(counter, day).values_list("pk", flat=True)[:5])
        if not candidates:
            return None
        for pk in candidates:
            claimed = Ticket.objects.filter(pk=pk, state=S.WAITING).update(
                state=S.CALLED, counter=counter, agent=actor, called_at=now, calls=F("calls") + 1
            )
            if claimed:  # this counter won the ticket; another counter's update found it called and moved on
                ticket = Ticket.objects.select_related("office__institution", "service").get(pk=pk)
                CASE.record(case=ticket, kind="called", actor=actor, context=context, by_staff=True, counter=counter)
                _tell_the_next_ones(counter=counter, day=day)
                return ticket
    return None


def _act(
    *, actor: Any, ticket: Ticket, action: str, context: Context, kind: str | None = None, **fields: Any
) -> Ticket:
    ticket = CASE.lock(ticket)
    ticket.state = CASE.fire(actor, ticket, action)
    for name, value in fields.items():
        setattr(ticket, name, value)
    ticket.save(update_fields=["state", *fields])
    CASE.record(
        case=ticket,
        kind=kind or action,
        actor=actor,
        context=context,
        by_staff=role_of(actor, ticket) == AGENT,
        counter=ticket.counter,
    )
    if ticket.priority and ticket.state in (S.DONE, S.NO_SHOW):
        from frontdesk.appointment_services import appointment_after_ticket

        appointment_after_ticket(ticket=ticket, outcome=ticket.state, actor=actor, context=context)
    return ticket


@transaction.atomic
def ticket_recall(*, actor: Any, ticket: Ticket, context: Context = SYSTEM) -> Ticket:
    """Call the same ticket again (shown again on the screen)."""
    return _act(
        actor=actor, ticket=ticket, action="recall", context=context, called_at=clock.now(), calls=ticket.calls + 1
    )


@transaction.atomic
def ticket_start(*, actor: Any, ticket: Ticket, context: Context = SYSTEM) -> Ticket:
    return _act(actor=actor, ticket=ticket, action="start", context=context, serving_at=clock.now(), agent=actor)


@transaction.atomic
def ticket_no_show(*, actor: Any, ticket: Ticket, context: Context = SYSTEM) -> Ticket:
    return _act(actor=actor, ticket=ticket, action="no_show", context=context, finished_at=clock.now())


@transaction.atomic
def ticket_transfer(
    *,
    actor: Any,
    ticket: Ticket,
    service: DeskService | None = None,
    counter: Counter | None = None,
    context: Context = SYSTEM,
) -> Ticket:
    """Send the person to another service (the same office) or to one counter; they keep their place by arrival."""
    if service is None and counter is None:
        raise ValidationError(_("Choose a service or a counter."))
    service = service or ticket.service
    if service.office_id != ticket.office_id or (counter is not None and counter.office_id != ticket.office_id):
        raise PermissionDenied
    if counter is not None and not service.counters.filter(pk=counter.pk).exists():
        raise ValidationError(_("This counter does not serve that service."))
    return _act(
        actor=actor,
        ticket=ticket,
        action="transfer",
        context=context,
        service=service,
        for_counter=counter,
        counter=None,
        called_at=None,
        serving_at=None,
    )


def _case_reference(reference: str) -> str:
    """The reference of the case the visit produced, as the platform writes it; it must name a case that exists (an
    information request, an application…), so the visit is linked to it."""
    from frontdesk.people import normalise_reference, reference_finders

    reference = normalise_reference(reference)[:40]
    if reference and not any(find(reference).exists() for find in reference_finders.values()):
        raise ValidationError({"reference": _("No file has this reference: check it on the receipt.")})
    return reference


@transaction.atomic
def ticket_finish(
    *,
    actor: Any,
    ticket: Ticket,
    outcome: str,
    reference: str = "",
    context: Context = SYSTEM,
) -> Ticket:
    """Served: what came of the visit, and the case it produced (its reference) when it produced one."""
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose what came of the visit."))
    reference = _case_reference(reference)
    return _act(
        actor=actor,
        ticket=ticket,
        action="finish",
        context=context,
        finished_at=clock.now(),
        outcome=outcome,
        outcome_reference=reference,
    )


@transaction.atomic
def ticket_leave(*, actor: Any, ticket: Ticket, holder: bool = False, context: Context = SYSTEM) -> Ticket:
    """The person gives up their place (from their ticket's page, holding its link, or told to an agent)."""
    ticket = CASE.lock(ticket)
    role = HOLDER if holder else role_of(actor, ticket)
    if role is None:
        raise PermissionDenied
    ticket.state = MACHINE.fire(ticket.state, "leave", role=role, subject=ticket)
    ticket.finished_at = clock.now()
    ticket.save(update_fields=["state", "finished_at"])
    CASE.record(case=ticket, kind="left", actor=actor, context=context, by_staff=role == AGENT)
    return ticket


def tickets_expire(*, today: date | None = None) -> int:
    """Close the tickets of past days still open (run each morning by the periodic job)."""
    today = today or clock.today()
    count = 0
    for pk in Ticket.objects.filter(day__lt=today, state__in=[S.WAITING, S.CALLED, S.SERVING]).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            ticket = CASE.lock(Ticket.objects.get(pk=pk))
            if not ticket.is_open:
                continue
            ticket.state = CASE.fire(None, ticket, "expire")
            ticket.finished_at = ticket.finished_at or clock.now()
            ticket.save(update_fields=["state", "finished_at"])
            CASE.record(case=ticket, kind="expired", actor=None)
            if ticket.priority and ticket.state in (S.DONE, S.NO_SHOW):
                from frontdesk.appointment_services import appointment_after_ticket

                appointment_after_ticket(ticket=ticket, outcome=ticket.state, actor=None)
            count += 1
    Counter.objects.filter(opened_at__date__lt=today).update(agent=None, opened_at=None)
    return count


NEAR = 3  # "your turn is near": this many people or fewer ahead


def _tell_the_next_ones(*, counter: Counter, day: date) -> None:
    """Tell, once, the people who asked to be told and now have few people ahead of them (outbox rows, in this
    transaction: sent after the commit)."""
    from frontdesk.notify import tell_near

    near = list(
        _waiting_for(counter, day)
        .filter(told_near=False)
        .filter(Q(person__isnull=False) | ~Q(contact_phone="") | ~Q(contact_email=""))
        .select_related("office", "service", "person")[:NEAR]
    )
    for ticket in near:
        tell_near(ticket)
    if near:
        Ticket.objects.filter(pk__in=[t.pk for t in near]).update(told_near=True)


def usual_waits_refresh(*, today: date | None = None) -> int:
    """Store on each desk service the usual wait per hour of the last four weeks (the office's page reads it)."""
    from datetime import timedelta

    from frontdesk.selectors import RECENT_DAYS, usual_waits_by_hour

    table = usual_waits_by_hour(since=(today or clock.today()) - timedelta(days=RECENT_DAYS))
    changed = 0
    for service in DeskService.objects.only("pk", "usual_waits"):
        waits = table.get(service.pk, {})
        if waits != service.usual_waits:
            DeskService.objects.filter(pk=service.pk).update(usual_waits=waits)
            changed += 1
    return changed
