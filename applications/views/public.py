"""Pages for everyone: follow a case with the receipt's codes, verify a decision, the figures."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from applications.forms import TrackForm, VerifyForm
from applications.presentation import event_sentence, status_of
from applications.selectors import application_track, case_events, decision_verify, figures_table
from core import clock
from core.pagecache import public_page
from procedures.selectors import catalogue


@ratelimit(key="ip", rate="30/h", method="POST", block=True)
def track(request: HttpRequest) -> HttpResponse:
    """The reference and the secret from the receipt show where a case stands (not its content)."""
    # A link from a receipt or a message fills the reference; the tracking code stays on paper.
    form = TrackForm(request.POST or None, initial={"reference": request.GET.get("reference", "")[:40]})
    found = None
    searched = request.method == "POST" and form.is_valid()
    if searched:
        found = application_track(reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"])
    events = []
    if found is not None:
        events = [{"event": e, "sentence": event_sentence(e)} for e in case_events(application=found, staff=False)]
    return render(
        request,
        "applications/track.html",
        {
            "form": form,
            "found": found,
            "status": status_of(found, today=clock.today()) if found else None,
            "events": events,
            "not_found": searched and found is None,
        },
        status=404 if searched and found is None else 200,
    )


@ratelimit(key="ip", rate="120/h", block=True)
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("applications:verify_code", form.cleaned_data["code"].strip().upper())
    return render(request, "applications/verify.html", {"form": form})


@ratelimit(key="ip", rate="120/h", block=True)
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """What the QR code on a decision opens: authentic or not, and the key facts only."""
    application = decision_verify(verification_code=code)
    return render(
        request,
        "applications/verified.html",
        {"application": application, "code": code, "form": VerifyForm(initial={"code": code})},
        status=200 if application else 404,
    )


@public_page("applications", "procedures", "institutions")
def figures(request: HttpRequest) -> HttpResponse:
    """Per procedure: received, median time, share within the legal maximum, tacit acceptances."""
    table = figures_table()
    procedures = catalogue().filter(pk__in=list(table))
    if request.GET.get("institution"):
        procedures = procedures.filter(institution__slug=request.GET["institution"])
    page = Paginator(procedures, 50).get_page(request.GET.get("page"))
    rows = [{"procedure": p, "figures": table[p.pk]} for p in page]
    return render(request, "applications/figures.html", {"page": page, "rows": rows})
