"""An office's set-up, by its institution's admins: details, weekly hours, dated changes, counters, desk services.

Every page works without JavaScript: a form posts, the page answers with a redirect and a message, or with the form
again (status 400), its error summary on top and everything typed kept.
"""

from __future__ import annotations

import copy
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_required
from audit.services import Context
from core import clock
from core.i18n import per_language
from core.views import add_service_errors
from frontdesk.forms_manage import CounterForm, DeskServiceForm, ExceptionForm, HoursForm, OfficeForm
from frontdesk.models import DeskService
from frontdesk.setup import SERVICE_FIELDS, counter_add, counter_set_active, desk_service_save, desk_service_set_active
from frontdesk.setup_selectors import (
    appointments_booked_by_day,
    counter_choices,
    counter_get_for_setup,
    counters_for_setup,
    desk_service_get_for_setup,
    desk_services_for_setup,
    procedures_for_desk,
)
from institutions.models import Office, OpeningException, Weekday
from institutions.selectors import (
    office_exception_get,
    office_exceptions_to_come,
    office_get_for_institution,
    office_hours_for_setup,
    office_hours_get,
)
from institutions.services import (
    OFFICE_FIELDS,
    office_exception_add,
    office_exception_remove,
    office_hours_add,
    office_hours_remove,
    office_update,
)

ADMIN = Role.INSTITUTION_ADMIN
RATE = "120/h"


def _office(request: HttpRequest, office_slug: str) -> Office:
    """The office named in the URL, among the institution's own (404 for another institution's)."""
    office = office_get_for_institution(institution=request.staff.institution, slug=office_slug)  # type: ignore[attr-defined]
    if office is None:
        raise Http404
    return office


def _back(name: str, office: Office, **kwargs: Any) -> HttpResponse:
    return redirect(f"frontdesk:{name}", institution_slug=office.institution.slug, office_slug=office.slug, **kwargs)


def _page(request: HttpRequest, template: str, office: Office, section: str, **context: Any) -> HttpResponse:
    """Render a set-up page; a form posted and refused answers 400 (it shows again with its errors)."""
    form = context.get("form")
    failed = request.method == "POST" and form is not None and bool(form.errors)
    return render(
        request,
        f"frontdesk/manage/{template}",
        {"office": office, "section": section, **context},
        status=400 if failed else 200,
    )


# --- The office's details -------------------------------------------------------------------------


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def office(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Name and address in each language, map position, access, contact, open to the public."""
    office = _office(request, office_slug)
    # The form works on a copy: what it reads from a refused post never shows as the office's name on the page.
    form = OfficeForm(request.POST or None, instance=copy.copy(office))
    if request.method == "POST" and form.is_valid():
        try:
            office_update(
                actor=request.user,
                office=office,
                values={name: form.cleaned_data[name] for name in OFFICE_FIELDS},
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The office's details are saved."))
            return _back("manage_office", office)
    return _page(request, "office.html", office, "office", form=form)


# --- Weekly hours ---------------------------------------------------------------------------------


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def hours(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The weekly opening periods, day by day; add one, remove one."""
    office = _office(request, office_slug)
    form = HoursForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            office_hours_add(
                actor=request.user, office=office, **form.cleaned_data, context=Context.from_request(request)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The opening period is added."))
            return _back("manage_hours", office)
    periods = {day: list(rows) for day, rows in groupby(office_hours_for_setup(office=office), key=lambda h: h.weekday)}
    week = [(day, label, periods.get(day, [])) for day, label in Weekday.choices]
    return _page(request, "hours.html", office, "hours", form=form, week=week)


@require_POST
@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def hours_remove(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = _office(request, office_slug)
    period = office_hours_get(office=office, pk=pk)
    if period is None:  # removed already (a second click): nothing left to do
        messages.info(request, _("This opening period was removed already."))
    else:
        office_hours_remove(actor=request.user, hours=period, context=Context.from_request(request))
        messages.success(request, _("The opening period is removed."))
    return _back("manage_hours", office)


# --- Dated changes: closures and other hours ------------------------------------------------------


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def closures(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The days to come when the office is closed or open at other times; add one, remove one."""
    office = _office(request, office_slug)
    form = ExceptionForm(request.POST or None, instance=OpeningException(office=office))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            office_exception_add(
                actor=request.user,
                office=office,
                day=data["date"],
                closed=data["closed"],
                opens=data.get("opens"),
                closes=data.get("closes"),
                reason={name.removeprefix("reason_"): data.get(name, "") for name in per_language("reason")},
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The change to the usual hours is added."))
            still = appointments_booked_by_day(office=office, days=[data["date"]]).get(data["date"], 0)
            if still:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s appointment is booked that day: it is not cancelled. Move or cancel it, or tell "
                        "the person.",
                        "%(count)s appointments are booked that day: they are not cancelled. Move or cancel them, "
                        "or tell the people.",
                        still,
                    )
                    % {"count": still},
                )
            return _back("manage_closures", office)
    to_come = list(office_exceptions_to_come(office=office, since=clock.today()))
    booked = appointments_booked_by_day(office=office, days=[exception.date for exception in to_come])
    rows = [(exception, booked.get(exception.date, 0)) for exception in to_come]
    return _page(request, "closures.html", office, "closures", form=form, exceptions=rows)


@require_POST
@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def closure_remove(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = _office(request, office_slug)
    exception = office_exception_get(office=office, pk=pk)
    if exception is None:
        messages.info(request, _("This change was removed already."))
        return _back("manage_closures", office)
    try:
        office_exception_remove(actor=request.user, exception=exception, context=Context.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The change is removed: the usual hours apply that day."))
    return _back("manage_closures", office)


# --- Counters -------------------------------------------------------------------------------------


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def counters(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The office's counters: add one, take one out of use, put it back."""
    office = _office(request, office_slug)
    rows = list(counters_for_setup(office=office))
    form = CounterForm(request.POST or None, initial={"number": max((c.number for c in rows), default=0) + 1})
    if request.method == "POST" and form.is_valid():
        try:
            counter_add(
                actor=request.user,
                office=office,
                number=form.cleaned_data["number"],
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Counter %(number)s is added.") % {"number": form.cleaned_data["number"]})
            return _back("manage_counters", office)
    return _page(request, "counters.html", office, "counters", form=form, counters=rows)


@require_POST
@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def counter_in_use(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = _office(request, office_slug)
    counter = counter_get_for_setup(office=office, pk=pk)
    if counter is None:
        raise Http404
    active = request.POST.get("active") == "1"
    try:
        counter_set_active(actor=request.user, counter=counter, active=active, context=Context.from_request(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("%(counter)s is in use.") if active else _("%(counter)s is out of use.")
        messages.success(request, done % {"counter": counter})
    return _back("manage_counters", office)


# --- Desk services --------------------------------------------------------------------------------


@staff_required(ADMIN)
def services(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The services the office offers at its counters, in the kiosk's order."""
    office = _office(request, office_slug)
    rows = list(desk_services_for_setup(office=office))
    return _page(request, "services.html", office, "services", services=rows)


def _service_form(request: HttpRequest, office: Office, service: DeskService) -> DeskServiceForm:
    return DeskServiceForm(
        request.POST or None,
        instance=service,
        counters=counter_choices(office=office),
        procedures=procedures_for_desk(institution=office.institution),
    )


def _service_save(request: HttpRequest, office: Office, form: DeskServiceForm, service: DeskService | None) -> bool:
    try:
        desk_service_save(
            actor=request.user,
            office=office,
            service=service,
            values={name: form.cleaned_data[name] for name in SERVICE_FIELDS},
            counters=form.cleaned_data["counters"],
            context=Context.from_request(request),
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def service_add(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = _office(request, office_slug)
    form = _service_form(request, office, DeskService(office=office))
    if request.method == "POST" and form.is_valid() and _service_save(request, office, form, None):
        messages.success(request, _("The service is added."))
        return _back("manage_services", office)
    return _page(request, "service_form.html", office, "services", form=form, service=None)


@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def service_edit(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = _office(request, office_slug)
    service = desk_service_get_for_setup(office=office, pk=pk)
    if service is None:
        raise Http404
    form = _service_form(request, office, copy.copy(service))
    if request.method == "POST" and form.is_valid() and _service_save(request, office, form, service):
        messages.success(request, _("The service is saved."))
        return _back("manage_services", office)
    return _page(request, "service_form.html", office, "services", form=form, service=service)


@require_POST
@ratelimit(key="user", rate=RATE, method="POST", block=True)
@staff_required(ADMIN)
def service_offered(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    office = _office(request, office_slug)
    service = desk_service_get_for_setup(office=office, pk=pk)
    if service is None:
        raise Http404
    active = request.POST.get("active") == "1"
    desk_service_set_active(actor=request.user, service=service, active=active, context=Context.from_request(request))
    done = _("%(service)s is offered at the kiosk.") if active else _("%(service)s is no longer offered at the kiosk.")
    messages.success(request, done % {"service": service.name})
    return _back("manage_services", office)
