"""Appointments as people book them online and agents book them for callers; the appointment's page, its calendar
file, moving and cancelling it by its link; checking in at the kiosk."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_required
from audit.models import Channel
from audit.services import Context
from core import clock
from core.views import add_service_errors, query_without_page
from frontdesk.appointment_selectors import (
    appointment_get_public,
    appointments_for_office_day,
    bookable_services,
    offices_taking_appointments,
    slots_between,
)
from frontdesk.appointment_services import appointment_book, appointment_cancel, appointment_check_in, appointment_move
from frontdesk.calendar import appointment_ics
from frontdesk.forms import TakeTicketForm
from frontdesk.forms_appointments import CallerForm, CheckInForm, SlotForm
from frontdesk.models import AppointmentChannel, AppointmentState
from frontdesk.selectors import kiosk_services
from institutions.selectors import office_get_public, office_list_for_institution

DAYS_SHOWN = 14


def _office(slug: str) -> Any:
    office = office_get_public(slug=slug)
    if office is None:
        raise Http404
    return office


def offices_booking(request: HttpRequest) -> HttpResponse:
    """Where one can book: the offices whose desks take appointments (searchable, paginated)."""
    query = request.GET.get("q", "")[:100]
    page = Paginator(offices_taking_appointments(query=query), 25).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "query": query_without_page(request)}
    return render(request, "frontdesk/appointments/offices.html", context)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _chooser(request: HttpRequest, services: list[Any], *, exclude: Any = None, service: Any = None) -> dict[str, Any]:
    """Service → day → time, each step a plain link or form that works without JavaScript."""
    if service is None:
        prefix = request.GET.get("service") or request.POST.get("service") or ""
        service = next((s for s in services if s.prefix == prefix), services[0] if len(services) == 1 else None)
    days: dict[date, list[Any]] = {}
    day = slots = None
    if service is not None:
        today = clock.today()
        days = slots_between(service=service, start=today, end=today + timedelta(days=DAYS_SHOWN - 1), exclude=exclude)
        day = _day(request.GET.get("day") or request.POST.get("day"))
        slots = days.get(day) if day else None
    return {"services": services, "service": service, "days": days, "day": day, "slots": slots}


@ratelimit(key="user_or_ip", rate="30/h", method="POST", block=True)
def book(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Book a time at an office: choose the service, the day, the time; signed in with a confirmed address."""
    office = _office(office_slug)
    context = {"office": office, **_chooser(request, list(bookable_services(office=office)))}
    form = SlotForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if context["service"] is not None and form.is_valid():
            try:
                appointment, _created = appointment_book(
                    actor=request.user,
                    service=context["service"],
                    starts_at=form.cleaned_data["starts_at"],
                    language=get_language() or "",
                    submission_key=form.cleaned_data["submission_key"],
                    context=Context.from_request(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("frontdesk:appointment", public_id=appointment.public_id)
    context["form"] = form
    return render(request, "frontdesk/appointments/book.html", context, status=400 if form.errors else 200)


def appointment(request: HttpRequest, public_id: str) -> HttpResponse:
    """The appointment by its link: when, where, the code for the kiosk, the calendar file, move or cancel."""
    found = appointment_get_public(public_id=public_id)
    if found is None:
        raise Http404
    return render(
        request,
        "frontdesk/appointments/detail.html",
        {"appointment": found, "open": found.state == AppointmentState.BOOKED},
    )


def appointment_calendar(request: HttpRequest, public_id: str) -> HttpResponse:
    found = appointment_get_public(public_id=public_id)
    if found is None:
        raise Http404
    page = request.build_absolute_uri(_url("frontdesk:appointment", found.public_id))
    response = HttpResponse(appointment_ics(found, page_url=page), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{found.code}.ics"'
    return response


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@require_POST
@ratelimit(key="ip", rate="30/h", block=True)
def appointment_cancel_view(request: HttpRequest, public_id: str) -> HttpResponse:
    found = appointment_get_public(public_id=public_id)
    if found is None:
        raise Http404
    if found.state == AppointmentState.BOOKED:
        appointment_cancel(actor=request.user, appointment=found, holder=True, context=Context.from_request(request))
    return redirect("frontdesk:appointment", public_id=found.public_id)


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
def appointment_move_view(request: HttpRequest, public_id: str) -> HttpResponse:
    found = appointment_get_public(public_id=public_id)
    if found is None:
        raise Http404
    if found.state != AppointmentState.BOOKED:
        return redirect("frontdesk:appointment", public_id=found.public_id)
    context = {"appointment": found, **_chooser(request, [found.service], exclude=found, service=found.service)}
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_move(
                actor=request.user,
                appointment=found,
                starts_at=form.cleaned_data["starts_at"],
                holder=True,
                context=Context.from_request(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("frontdesk:appointment", public_id=found.public_id)
    context["form"] = form
    return render(request, "frontdesk/appointments/move.html", context, status=400 if form.errors else 200)


@require_POST
@ratelimit(key="ip", rate=settings.FRONTDESK_KIOSK_RATE, block=True)
def kiosk_check_in(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The kiosk's "I have an appointment": the code gives a ticket called before the walk-ins."""
    office = _office(office_slug)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            ticket = appointment_check_in(
                actor=request.user,
                office=office,
                code=form.cleaned_data["code"],
                context=Context.from_request(request, channel=Channel.DESK, office=office),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("frontdesk:ticket", public_id=ticket.public_id)
    context = {
        "office": office,
        "services": list(kiosk_services(office=office)),
        "form": TakeTicketForm(),
        "check_in": form,
    }
    return render(request, "frontdesk/kiosk.html", context, status=400)


DESK = (Role.FRONT_DESK, Role.INSTITUTION_ADMIN)


def _staff_office(request: HttpRequest) -> tuple[list[Any], Any]:
    offices = list(office_list_for_institution(institution=request.staff.institution))  # type: ignore[attr-defined]
    slug = request.GET.get("office") or request.POST.get("office")
    office = next((o for o in offices if o.slug == slug), offices[0] if offices else None)
    return offices, office


@staff_required(*DESK)
def staff_appointments(request: HttpRequest) -> HttpResponse:
    """An office's appointments on a day, for the desk: who is expected, who checked in, who did not come."""
    offices, office = _staff_office(request)
    day = _day(request.GET.get("day")) or clock.today()
    rows = list(appointments_for_office_day(actor=request.user, office=office, day=day)) if office else []
    context = {
        "offices": offices,
        "office": office,
        "day": day,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
        "rows": rows,
    }
    return render(request, "frontdesk/appointments/staff_list.html", context)


@ratelimit(key="user", rate=settings.FRONTDESK_AGENT_RATE, method="POST", block=True)
@staff_required(*DESK)
def staff_book(request: HttpRequest) -> HttpResponse:
    """Book for a caller on the phone (or someone at the desk): name and a phone number or email."""
    offices, office = _staff_office(request)
    if office is None:
        raise Http404
    context = {"offices": offices, "office": office, **_chooser(request, list(bookable_services(office=office)))}
    form = CallerForm(request.POST or None)
    if request.method == "POST" and context["service"] is not None and form.is_valid():
        data = form.cleaned_data
        try:
            booked, _created = appointment_book(
                actor=request.user,
                service=context["service"],
                starts_at=data["starts_at"],
                channel=AppointmentChannel.PHONE,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                language=get_language() or "",
                submission_key=data["submission_key"],
                context=Context.from_request(request, channel=Channel.DESK, office=office),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            from django.contrib import messages

            messages.success(
                request,
                _("Booked: %(day)s at %(time)s, code %(code)s.")
                % {
                    "day": timezone.localtime(booked.starts_at).strftime("%d/%m/%Y"),
                    "time": timezone.localtime(booked.starts_at).strftime("%H:%M"),
                    "code": booked.code,
                },
            )
            url = _url("frontdesk:staff_appointments", request.staff.institution.slug)  # type: ignore[attr-defined]
            return redirect(f"{url}?office={office.slug}&day={booked.day.isoformat()}")
    context["form"] = form
    return render(request, "frontdesk/appointments/staff_book.html", context, status=400 if form.errors else 200)
