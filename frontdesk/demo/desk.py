"""An office's set-up for the demo: hours if it has none, counters, services, an agent per counter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.models import Membership, Role, User
from frontdesk.demo.offices import DEFAULT_HOURS, DOMAIN, OfficeSpec
from frontdesk.demo.simulation import Profile
from frontdesk.models import Counter, DeskService, ServiceKind
from institutions.models import Office


@dataclass
class Desk:
    """One demo office as the seed works on it."""

    office: Office
    spec: OfficeSpec
    admin: User
    agents: dict[int, User]  # by counter pk
    counters: list[Counter]
    services: list[DeskService]
    serving: dict[int, set[int]]
    profiles: dict[str, Profile]


def _agent(email: str, name: str, like: User, office: Office) -> User:
    """A front-desk agent of the office's institution, signing in as the foundation's demo agent does (the same
    demo password and authenticator, copied from ``like``)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        user = User.objects.create_user(email=email, password=None, full_name=name, preferred_language="fr")
        User.objects.filter(pk=user.pk).update(password=like.password, assurance_level=like.assurance_level)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        for authenticator in Authenticator.objects.filter(user=like):
            Authenticator.objects.create(user=user, type=authenticator.type, data=authenticator.data)
    Membership.objects.get_or_create(user=user, institution=office.institution, role=Role.FRONT_DESK)
    return user


def _hours(admin: User, office: Office) -> None:
    """The default weekday hours, for an office that has none."""
    from institutions.services import office_hours_add

    if office.hours.exists():
        return
    for weekday in range(5):
        for opens, closes in DEFAULT_HOURS:
            office_hours_add(actor=admin, office=office, weekday=weekday, opens=opens, closes=closes)


def _counters(admin: User, office: Office, spec: OfficeSpec) -> dict[int, Counter]:
    """The spec's counters the office lacks, added; all the office's counters by number."""
    from frontdesk.setup import counter_add

    numbers = set(Counter.objects.filter(office=office).values_list("number", flat=True))
    for number in range(1, spec.counters + 1):
        if number not in numbers:
            counter_add(actor=admin, office=office, number=number)
    return {c.number: c for c in Counter.objects.filter(office=office)}


def _services(admin: User, office: Office, spec: OfficeSpec, counters: dict[int, Counter]) -> None:
    """The spec's services the office lacks (by prefix), saved with the counters that call for them."""
    from frontdesk.setup import desk_service_save
    from procedures.models import Procedure

    prefixes = set(DeskService.objects.filter(office=office).values_list("prefix", flat=True))
    for position, service in enumerate(spec.services, start=1):
        if service.prefix in prefixes:
            continue
        procedure = (
            Procedure.objects.filter(institution=office.institution, slug=service.procedure).first()
            if service.procedure
            else None
        )
        values: dict[str, Any] = {f"name_{code}": text for code, text in service.names.items()}
        values.update(
            kind=service.kind if procedure is not None or service.kind != ServiceKind.PROCEDURE else ServiceKind.OTHER,
            procedure=procedure,
            prefix=service.prefix,
            typical_minutes=service.minutes,
            takes_appointments=service.appointments,
            appointments_per_slot=service.per_slot,
            position=position,
        )
        desk_service_save(actor=admin, office=office, values=values, counters=[counters[n] for n in service.counters])


def _serving(office: Office, counters: list[Counter]) -> dict[int, set[int]]:
    """Per counter pk (of ``counters``), the pks of the services it calls for."""
    serving: dict[int, set[int]] = {c.pk: set() for c in counters}
    for service_pk, counter_pk in DeskService.counters.through.objects.filter(deskservice__office=office).values_list(
        "deskservice_id", "counter_id"
    ):
        if counter_pk in serving:
            serving[counter_pk].add(service_pk)
    return serving


def set_up(office: Office, spec: OfficeSpec) -> Desk | None:
    """Hours (when the office has none), counters and services, through the set-up services, as the office's demo
    admin; None without that admin and the office's demo agent (no foundation demo)."""
    admin = User.objects.filter(email=f"admin.{spec.short}@{DOMAIN}").first()
    first = User.objects.filter(email=f"agent.{spec.short}@{DOMAIN}").first()
    if admin is None or first is None:
        return None
    _hours(admin, office)
    counters = _counters(admin, office, spec)
    _services(admin, office, spec, counters)
    people = [first] + [
        _agent(f"agent{n}.{spec.short}@{DOMAIN}", name, first, office) for n, name in enumerate(spec.agents, start=2)
    ]
    ordered = [counters[n] for n in sorted(counters) if counters[n].is_active]
    services = list(DeskService.objects.filter(office=office, is_active=True).order_by("position", "prefix"))
    profiles = {s.prefix: s.profile for s in spec.services}
    return Desk(
        office=office,
        spec=spec,
        admin=admin,
        agents={c.pk: people[i % len(people)] for i, c in enumerate(ordered)},
        counters=ordered,
        services=[s for s in services if s.prefix in profiles],
        serving=_serving(office, ordered),
        profiles=profiles,
    )
