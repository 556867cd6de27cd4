"""Reads for an office's set-up pages (its institution's admins): counters, desk services, procedures to link."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from frontdesk.models import Appointment, AppointmentState, Counter, DeskService
from procedures.models import Procedure


def counters_for_setup(*, office: Any) -> QuerySet[Counter]:
    """All the office's counters, in use or not, with the agent at each and how many services each serves."""
    return (
        Counter.objects.filter(office=office)
        .select_related("agent")
        .annotate(services_count=Count("services"))
        .order_by("number")
    )


def counter_get_for_setup(*, office: Any, pk: int) -> Counter | None:
    """One of this office's counters; None for another office's."""
    return Counter.objects.filter(office=office, pk=pk).select_related("office__institution").first()


def desk_services_for_setup(*, office: Any) -> QuerySet[DeskService]:
    """All the office's services, offered or not, in the kiosk's order, with their procedure and counters."""
    return (
        DeskService.objects.filter(office=office)
        .select_related("procedure")
        .prefetch_related(Prefetch("counters", queryset=Counter.objects.order_by("number")))
        .order_by("position", "prefix")
    )


def desk_service_get_for_setup(*, office: Any, pk: int) -> DeskService | None:
    """One of this office's services; None for another office's."""
    return DeskService.objects.filter(office=office, pk=pk).select_related("office__institution").first()


def procedures_for_desk(*, institution: Any) -> QuerySet[Procedure]:
    """The institution's own procedures a desk service can be for."""
    return Procedure.objects.filter(institution=institution).order_by("title_fr")


def counter_choices(*, office: Any) -> QuerySet[Counter]:
    """The office's counters a service may be served at, in number order (those out of use too, marked)."""
    return Counter.objects.filter(office=office).order_by("number")


def appointments_booked_by_day(*, office: Any, days: Iterable[date]) -> dict[date, int]:
    """How many appointments are still booked at the office on each of these days (a closure does not cancel them)."""
    days = list(days)
    if not days:
        return {}
    rows = (
        Appointment.objects.filter(office=office, state=AppointmentState.BOOKED, day__in=days)
        .values("day")
        .annotate(booked=Count("pk"))
        .order_by()
    )
    return {row["day"]: row["booked"] for row in rows}
