"""Free appointment times, computed from the office's hours, closures and holidays, the service's duration and how
many people it takes at once, minus what is already booked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core import clock
from frontdesk.models import Appointment, AppointmentState, DeskService
from institutions.selectors import office_days

TAKEN = (AppointmentState.BOOKED, AppointmentState.CHECKED_IN, AppointmentState.SERVED)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    free: int

    @property
    def value(self) -> str:
        """The time as the booking form sends it back (local ISO, minutes)."""
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M")


def bookable_services(*, office: Any) -> list[DeskService]:
    """The services of the office that take appointments (each holding the office given, hours prefetched)."""
    services = list(
        DeskService.objects.filter(office=office, is_active=True, takes_appointments=True).order_by(
            "position", "prefix"
        )
    )
    for service in services:
        service.office = office
    return services


def booking_window() -> tuple[datetime, date]:
    """The earliest time one can book (now + the lead time) and the last day."""
    now = clock.now()
    earliest = now + timedelta(minutes=settings.FRONTDESK_APPOINTMENT_LEAD_MINUTES)
    return earliest, now.date() + timedelta(days=settings.FRONTDESK_APPOINTMENT_DAYS_AHEAD)


def _booked(
    services: list[DeskService], start: date, end: date, exclude: Appointment | None
) -> dict[tuple[int, datetime], int]:
    rows = Appointment.objects.filter(service__in=services, day__range=(start, end), state__in=TAKEN)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return {
        (row["service_id"], timezone.localtime(row["starts_at"])): row["n"]
        for row in rows.values("service_id", "starts_at").annotate(n=Count("pk")).order_by()
    }


def _free(service: DeskService, days: list[Any], booked: dict[tuple[int, datetime], int]) -> dict[date, list[Slot]]:
    """The free times of the service on these days (``DayHours``), given what is booked."""
    earliest, last_day = booking_window()
    length = timedelta(minutes=max(service.typical_minutes, 5))
    capacity = max(service.appointments_per_slot, 1)
    result: dict[date, list[Slot]] = {}
    for day in days:
        if day.day > last_day:
            break
        slots = []
        for opens, closes in day.periods:
            moment = timezone.make_aware(datetime.combine(day.day, opens))
            closing = timezone.make_aware(datetime.combine(day.day, closes))
            while moment + length <= closing:
                free = capacity - booked.get((service.pk, moment), 0)
                if moment >= earliest and free > 0:
                    slots.append(Slot(starts_at=moment, ends_at=moment + length, free=free))
                moment += length
        if slots:
            result[day.day] = slots
    return result


def slots_between(
    *, service: DeskService, start: date, end: date, exclude: Appointment | None = None
) -> dict[date, list[Slot]]:
    """Every free time of the service per day from ``start`` to ``end``, in four queries whatever the range."""
    end = min(end, booking_window()[1])
    if end < start:
        return {}
    days = office_days(office=service.office, start=start, end=end)
    return _free(service, days, _booked([service], start, end, exclude))


def next_free_in_week(*, services: list[DeskService], week: Any) -> dict[int, Slot | None]:
    """Each service's first free time in the office's week (its ``DayHours``, already read): one query."""
    if not services or not week:
        return {}
    booked = _booked(services, week[0].day, week[-1].day, None)
    found: dict[int, Slot | None] = {}
    for service in services:
        free = _free(service, list(week), booked)
        found[service.pk] = next(iter(free.values()))[0] if free else None
    return found


def slot_at(*, service: DeskService, starts_at: datetime, exclude: Appointment | None = None) -> Slot | None:
    """The free slot starting at that moment, or None (taken, closed, past, too far)."""
    day = timezone.localtime(starts_at).date()
    for slot in slots_between(service=service, start=day, end=day, exclude=exclude).get(day, []):
        if slot.starts_at == starts_at:
            return slot
    return None


def next_free_slot(*, service: DeskService) -> Slot | None:
    today = clock.today()
    for day_slots in slots_between(service=service, start=today, end=today + timedelta(days=14)).values():
        return day_slots[0]
    return None


def appointment_get_public(*, public_id: str) -> Appointment | None:
    """An appointment by its unguessable link (in the confirmation message)."""
    return (
        Appointment.objects.select_related("office__institution", "service", "ticket")
        .filter(public_id=public_id)
        .first()
    )


def appointments_for_person(*, user: Any) -> QuerySet[Appointment]:
    return Appointment.objects.filter(person_id=user.pk).select_related("office", "service")


def appointments_for_office_day(*, actor: Any, office: Any, day: date) -> QuerySet[Appointment]:
    """An office's appointments on a day, for its desk staff."""
    from frontdesk.services import is_agent

    if not is_agent(actor, office):
        return Appointment.objects.none()
    return (
        Appointment.objects.filter(office=office, day=day)
        .select_related("service", "person", "ticket")
        .order_by("starts_at", "pk")
    )


def active_count_for(*, day: date, person: Any = None, phone: str = "", email: str = "") -> int:
    """How many appointments this person (their account, or the phone or email they gave) holds on a day."""
    who = Q()
    if getattr(person, "pk", None):
        who |= Q(person_id=person.pk)
    if phone:
        who |= Q(phone=phone)
    if email:
        who |= Q(email__iexact=email)
    if not who:
        return 0
    return Appointment.objects.filter(
        who, day=day, state__in=[AppointmentState.BOOKED, AppointmentState.CHECKED_IN]
    ).count()


def offices_taking_appointments(*, query: str = "") -> QuerySet[Any]:
    """Open offices with at least one service taking appointments, searchable by name, address or commune."""
    from institutions.models import Office

    offices = Office.objects.filter(
        is_active=True, desk_services__is_active=True, desk_services__takes_appointments=True
    ).distinct()
    q = query.strip()
    if q:
        offices = offices.filter(
            Q(name_fr__icontains=q)
            | Q(name_ar__icontains=q)
            | Q(name_en__icontains=q)
            | Q(address_fr__icontains=q)
            | Q(address_ar__icontains=q)
            | Q(commune__name_fr__icontains=q)
            | Q(commune__name_ar__icontains=q)
        )
    return offices.select_related("institution", "commune").order_by("name_fr", "pk")
