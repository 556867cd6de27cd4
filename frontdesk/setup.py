"""Writes for an office's set-up, kept by its institution's admins: counters and the services offered at them.

Every change is one transaction with its audit row. A number (counter) and a ticket prefix (service) are unique per
office: adding the same twice (a second click) is refused by that check, and by the table's constraint if two
requests cross.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from core.i18n import per_language
from core.pagecache import changed
from frontdesk.models import Counter, DeskService, ServiceKind, Ticket, TicketState

COUNTER_NUMBERS = (1, 999)
MINUTES = (1, 480)
PREFIX = re.compile(r"^[A-Z]{1,3}$")
SERVICE_FIELDS = [
    "kind",
    "procedure",
    *per_language("name"),
    "prefix",
    "typical_minutes",
    "takes_appointments",
    "appointments_per_slot",
    "is_active",
    "position",
]


def _require_admin(actor: Any, office: Any) -> None:
    """Only the admins of the office's institution set it up (front-desk agents work at it)."""
    if not getattr(actor, "is_authenticated", False) or not has_role(
        actor, office.institution, [Role.INSTITUTION_ADMIN]
    ):
        raise PermissionDenied


def _office_page_changed() -> None:
    """The office's public page lists the kiosk when a service is offered: it is rendered afresh after the commit."""
    transaction.on_commit(lambda: changed("institutions"), robust=True)


# --- Counters -------------------------------------------------------------------------------------


@transaction.atomic
def counter_add(*, actor: Any, office: Any, number: int, context: Context = SYSTEM) -> Counter:
    """A new counter at the office, in use, under a number no other counter of the office has."""
    _require_admin(actor, office)
    if not COUNTER_NUMBERS[0] <= number <= COUNTER_NUMBERS[1]:
        raise ValidationError({"number": _("Give a number from 1 to 999.")})
    taken = ValidationError(
        {"number": _("This office already has a counter %(number)s.") % {"number": number}},
    )
    if Counter.objects.filter(office=office, number=number).exists():
        raise taken
    try:
        with transaction.atomic():
            counter = Counter.objects.create(office=office, number=number)
    except IntegrityError:  # the same number added a moment before
        raise taken from None
    audit_record(
        actor=actor,
        action="frontdesk.counter.add",
        obj=counter,
        institution=office.institution,
        changes={"number": number},
        context=context,
        object_repr=f"{office.slug} #{number}",
    )
    return counter


@transaction.atomic
def counter_set_active(*, actor: Any, counter: Counter, active: bool, context: Context = SYSTEM) -> Counter:
    """Take a counter out of use (agents can no longer open it) or put it back; its services are kept."""
    _require_admin(actor, counter.office)
    stored = Counter.objects.select_for_update().get(pk=counter.pk)
    if stored.is_active == active:
        return stored
    if not active:
        if stored.agent_id is not None:
            raise ValidationError(
                _("An agent is at this counter now: they close it first (on the desk page), then take it out of use.")
            )
        open_states = (TicketState.WAITING, TicketState.CALLED, TicketState.SERVING)
        busy = Ticket.objects.filter(Q(for_counter=stored) | Q(counter=stored), state__in=open_states)
        if busy.exists():
            raise ValidationError(
                _(
                    "Someone is called, served or waits for this counter: finish or transfer them first, then take "
                    "it out of use."
                )
            )
    stored.is_active = active
    stored.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="frontdesk.counter.activate" if active else "frontdesk.counter.deactivate",
        obj=stored,
        institution=counter.office.institution,
        changes={"is_active": [not active, active]},
        context=context,
        object_repr=f"{counter.office.slug} #{stored.number}",
    )
    return stored


# --- Desk services ----------------------------------------------------------------------------------


def _clean_service(office: Any, service: DeskService | None, values: dict[str, Any], counters: list[Counter]) -> None:
    errors: dict[str, str] = {}
    prefix = values.get("prefix", "")
    if not PREFIX.match(prefix):
        errors["prefix"] = _("Use one to three capital letters (A to Z).")
    else:
        clash = DeskService.objects.filter(office=office, prefix=prefix)
        if service is not None:
            clash = clash.exclude(pk=service.pk)
        if clash.exists():
            errors["prefix"] = _(
                "Another service of this office has the prefix %(prefix)s: tickets would share numbers. Choose "
                "another one."
            ) % {"prefix": prefix}
    minutes = values.get("typical_minutes")
    if minutes is not None and not MINUTES[0] <= minutes <= MINUTES[1]:
        errors["typical_minutes"] = _("Give a duration from 1 to 480 minutes.")
    procedure = values.get("procedure")
    if procedure is not None and procedure.institution_id != office.institution_id:
        errors["procedure"] = _("Choose a procedure of your own institution.")
    elif procedure is None and values.get("kind") == ServiceKind.PROCEDURE:
        errors["procedure"] = _("Choose the procedure this service is for.")
    places = values.get("appointments_per_slot")
    if places is not None and not 1 <= places <= max(len(counters), 1):
        errors["appointments_per_slot"] = _(
            "Give from 1 to %(most)s: no more people can book the same time than counters serve the service."
        ) % {"most": max(len(counters), 1)}
    if any(counter.office_id != office.pk for counter in counters):
        errors["counters"] = _("Choose counters of this office.")
    if errors:
        raise ValidationError(errors)


def _counter_numbers(counters: Iterable[Counter]) -> list[int]:
    return sorted(counter.number for counter in counters)


def _service_changes(
    stored: DeskService, cleaned: Mapping[str, Any], wanted: list[Counter], *, existing: bool
) -> dict[str, list[Any]]:
    """Apply the new values to ``stored`` (checked) and say what changed, from what to what."""
    changes: dict[str, list[Any]] = {}
    for name, value in cleaned.items():
        before = getattr(stored, name)
        if before != value:
            changes[name] = [_plain(before), _plain(value)]
            setattr(stored, name, value)
    stored.clean_fields(exclude=["office", "counters"])
    before_counters = _counter_numbers(stored.counters.all()) if existing else []
    after_counters = _counter_numbers(wanted)
    if before_counters != after_counters:
        changes["counters"] = [before_counters, after_counters]
    return changes


@transaction.atomic
def desk_service_save(
    *,
    actor: Any,
    office: Any,
    values: Mapping[str, Any],
    counters: Iterable[Counter],
    service: DeskService | None = None,
    context: Context = SYSTEM,
) -> DeskService:
    """Add a service offered at the office (``service`` None) or change one: kind, procedure, name per language,
    ticket prefix (one to three capital letters, unique in the office), typical duration, the counters serving it,
    appointments and how many at the same time, offered or not, order on the kiosk. The name in French is required."""
    _require_admin(actor, office)
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"not a desk service field kept here: {sorted(unknown)}")
    if service is not None and service.office_id != office.pk:
        raise PermissionDenied
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}
    if "prefix" in cleaned:
        cleaned["prefix"] = (cleaned["prefix"] or "").upper()
    wanted = list(counters)
    stored = DeskService.objects.select_for_update().get(pk=service.pk) if service else DeskService(office=office)
    _clean_service(
        office,
        stored if service else None,
        {"prefix": stored.prefix, "appointments_per_slot": stored.appointments_per_slot, **cleaned},
        wanted,
    )
    changes = _service_changes(stored, cleaned, wanted, existing=service is not None)
    if service is not None and not changes:
        return stored
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # the same prefix added a moment before
        raise ValidationError(
            {"prefix": _("Another service of this office has this prefix: choose another one.")}
        ) from None
    stored.counters.set(wanted)
    audit_record(
        actor=actor,
        action="frontdesk.service.update" if service else "frontdesk.service.add",
        obj=stored,
        institution=office.institution,
        changes=changes,
        context=context,
        object_repr=f"{office.slug} {stored.prefix}",
    )
    if service is None or "is_active" in changes:
        _office_page_changed()
    return stored


@transaction.atomic
def desk_service_set_active(
    *, actor: Any, service: DeskService, active: bool, context: Context = SYSTEM
) -> DeskService:
    """Stop offering a service at the kiosk, or offer it again. People already waiting for it are still called."""
    _require_admin(actor, service.office)
    stored = DeskService.objects.select_for_update().get(pk=service.pk)
    if stored.is_active == active:
        return stored
    stored.is_active = active
    stored.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="frontdesk.service.offer" if active else "frontdesk.service.stop",
        obj=stored,
        institution=service.office.institution,
        changes={"is_active": [not active, active]},
        context=context,
        object_repr=f"{service.office.slug} {stored.prefix}",
    )
    _office_page_changed()
    return stored


def _plain(value: Any) -> Any:
    """A value as the audit trail keeps it (JSON): a procedure by its id, other objects as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return getattr(value, "public_id", None) or str(value)
