"""Reads for institutions and offices. Public directory data; staff scoping is in accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from core.calendar import WorkingCalendar
from core.i18n import translated
from institutions.models import Holiday, Institution, Office, OpeningException, OpeningHours, SpokenLanguage


def institution_directory(*, kind: str = "", region_id: int | None = None, query: str = "") -> QuerySet[Institution]:
    """Institutions on the platform, filtered by kind, region and name (any language)."""
    qs = Institution.objects.filter(on_platform=True).select_related("territory")
    if kind:
        qs = qs.filter(kind=kind)
    if region_id:
        qs = qs.filter(
            Q(territory_id=region_id) | Q(territory__parent_id=region_id) | Q(territory__parent__parent_id=region_id)
        )
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name_fr__icontains=query)
            | Q(name_ar__icontains=query)
            | Q(name_en__icontains=query)
            | Q(short_code__iexact=query)
        )
    return qs.order_by("kind", "name_fr")


def institution_get_public(*, slug: str) -> Institution | None:
    return (
        Institution.objects.filter(on_platform=True, slug=slug)
        .select_related("territory", "parent")
        .prefetch_related(
            Prefetch("offices", queryset=Office.objects.filter(is_active=True).order_by("name_fr")),
            "departments",
        )
        .first()
    )


def office_get_public(*, slug: str) -> Office | None:
    return (
        Office.objects.filter(is_active=True, slug=slug, institution__on_platform=True)
        .select_related("institution", "commune")
        .prefetch_related("hours", "languages")
        .first()
    )


def spoken_languages() -> QuerySet[SpokenLanguage]:
    """The languages an office may say its desks speak, in list order."""
    return SpokenLanguage.objects.all()


def office_list_for_institution(*, institution: Any) -> QuerySet[Office]:
    """The institution's offices, open or not, with the languages spoken at their desks (the back office)."""
    return Office.objects.filter(institution=institution).prefetch_related("languages").order_by("name_fr")


def office_list_public(*, query: str = "", language: str = "") -> QuerySet[Office]:
    """Offices open to the public; ``language``: only those where someone at the desk speaks it (its code)."""
    qs = Office.objects.filter(is_active=True, institution__on_platform=True).select_related("institution", "commune")
    if language:
        qs = qs.filter(languages__slug=language)
    if query.strip():
        q = query.strip()
        qs = qs.filter(
            Q(name_fr__icontains=q)
            | Q(name_ar__icontains=q)
            | Q(name_en__icontains=q)
            | Q(address_fr__icontains=q)
            | Q(address_ar__icontains=q)
            | Q(address_en__icontains=q)
        )
    return qs.order_by("name_fr")


# --- Opening hours ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayHours:
    day: date
    periods: tuple[tuple[time, time], ...]
    note: str = ""

    @property
    def closed(self) -> bool:
        return not self.periods


@dataclass(frozen=True)
class OfficeStatus:
    open_now: bool
    today: DayHours
    week: tuple[DayHours, ...]
    closes_at: time | None = None


def office_days(*, office: Office, start: date, end: date) -> list[DayHours]:
    """The office's hours on each day from ``start`` to ``end`` (both included), in three queries.

    Dated exceptions win over weekly hours; public holidays close the office unless an exception opens it.
    """
    weekly: dict[int, list[OpeningHours]] = {}
    for h in office.hours.all():
        weekly.setdefault(h.weekday, []).append(h)
    exceptions = {e.date: e for e in OpeningException.objects.filter(office=office, date__range=(start, end))}
    holidays = {
        h.date: h
        for h in Holiday.objects.filter(
            Q(institution__isnull=True) | Q(institution_id=office.institution_id),
            country=settings.COUNTRY_CODE,
            date__range=(start, end),
        )
    }
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        exception = exceptions.get(day)
        periods: tuple[tuple[time, time], ...]
        if exception is not None:
            periods = (
                ()
                if exception.closed or not (exception.opens and exception.closes)
                else ((exception.opens, exception.closes),)
            )
            note = translated(exception, "reason")
        elif day in holidays:
            periods, note = (), holidays[day].tr("name")
        else:
            periods = tuple((h.opens, h.closes) for h in sorted(weekly.get(day.weekday(), []), key=lambda h: h.opens))
            note = ""
        days.append(DayHours(day=day, periods=periods, note=note))
    return days


def office_status(*, office: Office, now: datetime | None = None) -> OfficeStatus:
    """Whether the office is open now, and its hours for the coming seven days."""
    now = timezone.localtime(now) if now else timezone.localtime()
    week = office_days(office=office, start=now.date(), end=now.date() + timedelta(days=6))
    today = week[0]
    moment = now.time()
    current = next((p for p in today.periods if p[0] <= moment < p[1]), None)
    return OfficeStatus(
        open_now=current is not None, today=today, week=tuple(week), closes_at=current[1] if current else None
    )


# --- Working-day calendar -----------------------------------------------------------------------


def holidays_for(*, institution: Any = None, start: date | None = None, end: date | None = None) -> set[date]:
    """National holidays plus the institution's own days off."""
    qs = Holiday.objects.filter(country=settings.COUNTRY_CODE)
    if institution is not None:
        qs = qs.filter(Q(institution__isnull=True) | Q(institution=institution))
    else:
        qs = qs.filter(institution__isnull=True)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return set(qs.values_list("date", flat=True))


def working_calendar(*, institution: Any = None) -> WorkingCalendar:
    """The calendar deadlines are computed with; modules call this, never build their own."""
    return WorkingCalendar.from_dates(holidays_for(institution=institution))


def calendars_for_change(
    *, institution: Any, days: set[date], changed_institution_id: int | None
) -> tuple[WorkingCalendar, WorkingCalendar]:
    """(before, after) working calendars of an institution around a change of holidays.

    ``days`` are the dates whose working status changed in the changed holiday's scope
    (``changed_institution_id``: None for a national holiday). A national change does not
    reach a day the institution closes anyway.
    """
    after = working_calendar(institution=institution)
    toggled = set(days)
    if changed_institution_id is None and institution is not None and toggled:
        toggled -= set(
            Holiday.objects.filter(
                country=settings.COUNTRY_CODE, institution=institution, date__in=toggled
            ).values_list("date", flat=True)
        )
    before = WorkingCalendar(holidays=after.holidays.symmetric_difference(toggled), weekend=after.weekend)
    return before, after


def national_holidays(*, years: list[int]) -> list[Holiday]:
    """The country's national holidays of these years, in date order (one row per holiday)."""
    return list(
        Holiday.objects.filter(country=settings.COUNTRY_CODE, institution__isnull=True, date__year__in=years).order_by(
            "date", "pk"
        )
    )


# --- Offices, as their admins keep them (the staff back office) ---------------------------------


def office_get_for_institution(*, institution: Any, slug: str) -> Office | None:
    """One of the institution's offices, open to the public or not; None for another institution's office."""
    return Office.objects.filter(institution=institution, slug=slug).select_related("institution").first()


def office_hours_for_setup(*, office: Office) -> QuerySet[OpeningHours]:
    """The office's weekly opening periods, by weekday then opening time."""
    return OpeningHours.objects.filter(office=office).order_by("weekday", "opens")


def office_hours_get(*, office: Office, pk: int) -> OpeningHours | None:
    return OpeningHours.objects.filter(office=office, pk=pk).select_related("office__institution").first()


def office_exceptions_to_come(*, office: Office, since: date) -> QuerySet[OpeningException]:
    """The office's dated changes to its hours from ``since`` on (today), in date order."""
    return OpeningException.objects.filter(office=office, date__gte=since).order_by("date")


def office_exception_get(*, office: Office, pk: int) -> OpeningException | None:
    return OpeningException.objects.filter(office=office, pk=pk).select_related("office__institution").first()
