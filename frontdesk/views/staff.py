"""The agent's console: open a counter, call the next person, serve, transfer, finish with an outcome."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.models import Role
from accounts.permissions import staff_required
from audit.models import Channel
from audit.services import Context
from core.views import add_service_errors
from frontdesk.forms import FinishForm, TransferForm
from frontdesk.models import Counter, DeskService
from frontdesk.selectors import (
    counter_current,
    counter_get_for_agent,
    counters_for_agent,
    queue_summary,
    ticket_get_for_agent,
)
from frontdesk.services import (
    counter_close,
    counter_open,
    ticket_call_next,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_transfer,
)
from institutions.selectors import office_list_for_institution

DESK = (Role.FRONT_DESK, Role.INSTITUTION_ADMIN)


@staff_required(*DESK)
def desk(request: HttpRequest) -> HttpResponse:
    """The institution's offices and their counters: open one to start calling people."""
    institution = request.staff.institution  # type: ignore[attr-defined]
    offices = [
        (office, list(counters_for_agent(actor=request.user, office=office)), queue_summary(office=office))
        for office in office_list_for_institution(institution=institution)
    ]
    mine = Counter.objects.filter(agent_id=request.user.pk, office__institution=institution).first()
    return render(request, "frontdesk/staff/desk.html", {"offices": offices, "mine": mine})


def _at(request: HttpRequest, counter: Counter) -> Context:
    """What an agent does at a counter happens at a Citizen Office desk, at the counter's office."""
    return Context.from_request(request, channel=Channel.DESK, office=counter.office)


def _counter(request: HttpRequest, pk: int) -> Counter:
    counter = counter_get_for_agent(actor=request.user, institution=request.staff.institution, pk=pk)  # type: ignore[attr-defined]
    if counter is None:
        raise Http404
    return counter


@require_POST
@ratelimit(key="user", rate=settings.FRONTDESK_AGENT_RATE, block=True)
@staff_required(*DESK)
def counter_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    counter = _counter(request, pk)
    try:
        counter_open(actor=request.user, counter=counter, context=_at(request, counter))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("frontdesk:desk", institution_slug=request.staff.institution.slug)  # type: ignore[attr-defined]
    return redirect("frontdesk:console", institution_slug=request.staff.institution.slug, pk=counter.pk)  # type: ignore[attr-defined]


@require_POST
@ratelimit(key="user", rate=settings.FRONTDESK_AGENT_RATE, block=True)
@staff_required(*DESK)
def counter_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    counter = _counter(request, pk)
    counter_close(actor=request.user, counter=counter, context=_at(request, counter))
    messages.success(request, _("%(counter)s is closed.") % {"counter": counter})
    return redirect("frontdesk:desk", institution_slug=request.staff.institution.slug)  # type: ignore[attr-defined]


def _transfer_form(counter: Counter, data: object = None, *, lines: list | None = None) -> TransferForm:
    services = (
        [line.service for line in lines]
        if lines is not None
        else DeskService.objects.filter(office_id=counter.office_id, is_active=True)
    )
    counters = Counter.objects.filter(office_id=counter.office_id, is_active=True).exclude(pk=counter.pk)
    return TransferForm(data, services=services, counters=counters)


@staff_required(*DESK)
def console(request: HttpRequest, pk: int) -> HttpResponse:
    """One counter: the person called or served now and what the agent can do, the queue for this counter."""
    counter = _counter(request, pk)
    current = counter_current(counter=counter)
    lines = queue_summary(office=counter.office, counter=counter)
    context = {
        "counter": counter,
        "current": current,
        "lines": lines,
        "finish_form": FinishForm(),
        "transfer_form": _transfer_form(counter, lines=lines),
        "at_counter": counter.agent_id == request.user.pk,
    }
    return render(request, "frontdesk/staff/console.html", context)


@require_POST
@ratelimit(key="user", rate=settings.FRONTDESK_AGENT_RATE, block=True)
@staff_required(*DESK)
def call_next(request: HttpRequest, pk: int) -> HttpResponse:
    counter = _counter(request, pk)
    slug = request.staff.institution.slug  # type: ignore[attr-defined]
    if counter.agent_id != request.user.pk:
        messages.error(request, _("Open this counter before calling people to it."))
        return redirect("frontdesk:console", institution_slug=slug, pk=counter.pk)
    if counter_current(counter=counter) is not None:
        messages.error(request, _("Finish with the person called before calling the next one."))
        return redirect("frontdesk:console", institution_slug=slug, pk=counter.pk)
    called = ticket_call_next(actor=request.user, counter=counter, context=_at(request, counter))
    if called is None:
        messages.info(request, _("Nobody is waiting for this counter."))
    return redirect("frontdesk:console", institution_slug=slug, pk=counter.pk)


ACTIONS = {"recall": ticket_recall, "start": ticket_start, "no_show": ticket_no_show}


@require_POST
@ratelimit(key="user", rate=settings.FRONTDESK_AGENT_RATE, block=True)
@staff_required(*DESK)
def ticket_action(request: HttpRequest, pk: int, public_id: str, action: str) -> HttpResponse:
    """Recall, start serving, no-show, transfer or finish the ticket at this counter."""
    counter = _counter(request, pk)
    slug = request.staff.institution.slug  # type: ignore[attr-defined]
    ticket = ticket_get_for_agent(actor=request.user, institution=request.staff.institution, public_id=public_id)  # type: ignore[attr-defined]
    if ticket is None or ticket.counter_id != counter.pk:
        raise Http404
    context = _at(request, counter)
    try:
        if action in ACTIONS:
            ACTIONS[action](actor=request.user, ticket=ticket, context=context)
        elif action == "finish":
            form = FinishForm(request.POST)
            if not form.is_valid():
                return _console_with(request, counter, finish_form=form)
            try:
                ticket_finish(
                    actor=request.user,
                    ticket=ticket,
                    outcome=form.cleaned_data["outcome"],
                    reference=form.cleaned_data["reference"],
                    context=context,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                return _console_with(request, counter, finish_form=form)
            messages.success(request, _("Ticket %(number)s is done.") % {"number": ticket.number})
        elif action == "transfer":
            transfer = _transfer_form(counter, request.POST)
            if not transfer.is_valid():
                return _console_with(request, counter, transfer_form=transfer)
            target = transfer.cleaned_data["target"]
            service = (
                DeskService.objects.filter(office_id=counter.office_id, pk=target[1:]).first()
                if target[0] == "s"
                else None
            )
            to_counter = (
                Counter.objects.filter(office_id=counter.office_id, pk=target[1:]).first() if target[0] == "c" else None
            )
            ticket_transfer(actor=request.user, ticket=ticket, service=service, counter=to_counter, context=context)
            messages.success(
                request, _("Ticket %(number)s is back in the queue where it was sent.") % {"number": ticket.number}
            )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("frontdesk:console", institution_slug=slug, pk=counter.pk)


def _console_with(request: HttpRequest, counter: Counter, **forms: object) -> HttpResponse:
    context = {
        "counter": counter,
        "current": counter_current(counter=counter),
        "lines": queue_summary(office=counter.office, counter=counter),
        "finish_form": FinishForm(),
        "transfer_form": _transfer_form(counter),
        "at_counter": counter.agent_id == request.user.pk,
        **forms,
    }
    return render(request, "frontdesk/staff/console.html", context, status=400)
