"""The queue as the public meets it: the kiosk, a ticket's page and print-out, the display screen."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from audit.models import Channel
from audit.services import Context
from core.qr import qr_svg
from frontdesk.forms import TakeTicketForm
from frontdesk.forms_appointments import CheckInForm
from frontdesk.models import TicketState
from frontdesk.selectors import (
    display_calls,
    estimated_wait,
    kiosk_services,
    office_for_screen,
    ticket_get_public,
    ticket_position,
)
from frontdesk.services import ticket_leave, ticket_take
from institutions.selectors import office_get_public

PRINT_SIZES = ("58", "80", "a4")


def _office(slug: str):  # type: ignore[no-untyped-def]
    office = office_get_public(slug=slug)
    if office is None:
        raise Http404
    return office


@ratelimit(key="ip", rate=settings.FRONTDESK_KIOSK_RATE, method="POST", block=True)
def kiosk(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Take a ticket: one large button per service; a phone number or an email to be told, if the person wishes."""
    office = _office(office_slug)
    services = list(kiosk_services(office=office))
    form = TakeTicketForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = next((s for s in services if s.prefix == form.cleaned_data["service"]), None)
        if service is None:
            form.add_error(None, _("Choose a service."))
        else:
            try:
                ticket = ticket_take(
                    actor=request.user,
                    service=service,
                    contact_phone=form.cleaned_data["contact_phone"],
                    contact_email=form.cleaned_data["contact_email"],
                    person=request.user if request.user.is_authenticated else None,
                    language=get_language() or "",
                    submission_key=form.cleaned_data["submission_key"],
                    context=Context.from_request(request, channel=Channel.DESK, office=office),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("frontdesk:ticket", public_id=ticket.public_id)
    context = {"office": office, "services": services, "form": form, "check_in": CheckInForm()}
    return render(request, "frontdesk/kiosk.html", context)


@never_cache
def ticket(request: HttpRequest, public_id: str) -> HttpResponse:
    """The holder's page: the number, the place in the queue, the estimated wait; updated while it is open."""
    found = ticket_get_public(public_id=public_id)
    if found is None:
        raise Http404
    context = {
        "ticket": found,
        "position": ticket_position(found),
        "wait": estimated_wait(found),
        "sizes": PRINT_SIZES,
        "waiting": found.state == TicketState.WAITING,
    }
    return render(request, "frontdesk/ticket.html", context)


@never_cache
def ticket_status(request: HttpRequest, public_id: str) -> JsonResponse:
    """The same as the holder's page, for its script to refresh it without reloading."""
    found = ticket_get_public(public_id=public_id)
    if found is None:
        raise Http404
    wait = estimated_wait(found)
    wait_label = (
        ngettext("about %(minutes)s minute", "about %(minutes)s minutes", wait) % {"minutes": wait} if wait else ""
    )
    return JsonResponse(
        {"state": found.state, "position": ticket_position(found), "wait": wait, "wait_label": wait_label}
    )


def ticket_print(request: HttpRequest, public_id: str) -> HttpResponse:
    """The ticket on paper: 58 or 80 mm receipt printers, or A4."""
    found = ticket_get_public(public_id=public_id)
    size = request.GET.get("size", "80")
    if found is None or size not in PRINT_SIZES:
        raise Http404
    page_url = request.build_absolute_uri(reverse("frontdesk:ticket", args=[found.public_id]))
    context = {"ticket": found, "size": size, "qr": qr_svg(page_url, size_mm=40 if size == "a4" else 26)}
    return render(request, "frontdesk/ticket_print.html", context)


@require_POST
@ratelimit(key="ip", rate="30/h", block=True)
def ticket_leave_view(request: HttpRequest, public_id: str) -> HttpResponse:
    found = ticket_get_public(public_id=public_id)
    if found is None:
        raise Http404
    if found.state == TicketState.WAITING:
        ticket_leave(actor=request.user, ticket=found, holder=True, context=Context.from_request(request))
    return redirect("frontdesk:ticket", public_id=found.public_id)


def display(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The large screen in the waiting room: the tickets called and their counters."""
    office = _office(office_slug)
    return render(request, "frontdesk/display.html", {"office": office, "calls": display_calls(office=office)})


@never_cache
def display_feed(request: HttpRequest, office_slug: str) -> JsonResponse:
    """What the screen's script asks for every second or two (a plain request: it goes through any proxy). Two
    queries: the office by its slug (no hours, no languages), its calls."""
    office = office_for_screen(slug=office_slug)
    if office is None:
        raise Http404
    calls = [
        {
            "number": t.number,
            "counter": t.counter.number if t.counter else None,
            "calls": t.calls,
            "called_at": t.called_at.isoformat() if t.called_at else None,
        }
        for t in display_calls(office=office)
    ]
    return JsonResponse({"calls": calls})
