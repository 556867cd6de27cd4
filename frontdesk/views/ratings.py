"""A served visitor rates the visit: from the ticket's own page (its link) or at the kiosk (the ticket's number)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from audit.services import Context
from core import clock
from core.views import add_service_errors
from frontdesk.figures import ticket_to_rate_at_kiosk
from frontdesk.forms_ratings import KioskRatingForm, RatingForm
from frontdesk.models import RatingChannel, TicketState, VisitRating
from frontdesk.rating_services import RATING_DAYS, visit_rate
from frontdesk.selectors import ticket_get_public
from institutions.selectors import office_get_public

# Per address. A kiosk is one address shared by everyone at the office, hence its larger allowance; the link's is a
# person's own phone.
RATE_LINK = "30/h"
RATE_KIOSK = "120/h"


@ratelimit(key="ip", rate=RATE_LINK, method="POST", block=True)
def ticket_rate(request: HttpRequest, public_id: str) -> HttpResponse:
    """The ticket's page's "Rate your visit": once served, within seven days, once."""
    ticket = ticket_get_public(public_id=public_id)
    if ticket is None:
        raise Http404
    rated = VisitRating.objects.filter(ticket=ticket).exists()
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_rate(
                actor=request.user,
                ticket=ticket,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                channel=RatingChannel.LINK,
                context=Context.from_request(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your rating has reached the office."))
            return redirect("frontdesk:ticket", public_id=ticket.public_id)
    ended = ticket.finished_at or ticket.created_at
    context = {
        "ticket": ticket,
        "form": form,
        "rated": rated,
        "served": ticket.state == TicketState.DONE,
        "too_late": ended < clock.now() - timedelta(days=RATING_DAYS),
    }
    return render(request, "frontdesk/ratings/ticket.html", context, status=400 if form.errors else 200)


@ratelimit(key="ip", rate=RATE_KIOSK, method="POST", block=True)
def kiosk_rate(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The kiosk's "Rate your visit": the number on the ticket (served today at this office, not rated yet)."""
    office = office_get_public(slug=office_slug)
    if office is None:
        raise Http404
    if request.method == "GET" and request.GET.get("thanks"):
        return render(request, "frontdesk/ratings/kiosk_thanks.html", {"office": office})
    form = KioskRatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ticket = ticket_to_rate_at_kiosk(office=office, number=form.cleaned_data["number"])
        if ticket is None:
            # The same answer whether the number was not served today, is another office's or was rated already.
            form.add_error("number", _("No ticket served today at this office and not yet rated has this number."))
        else:
            try:
                visit_rate(
                    actor=request.user,
                    ticket=ticket,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    channel=RatingChannel.KIOSK,
                    context=Context.from_request(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(reverse("frontdesk:kiosk_rate", args=[office.slug]) + "?thanks=1")
    context = {"office": office, "form": form}
    return render(request, "frontdesk/ratings/kiosk.html", context, status=400 if form.errors else 200)
