"""How an office is doing, for its managers (issue 12 §6): today's queue live, then the period's waits, service
times, people who left or did not come, appointments, agents and ratings, with charts drawn on the server.

The institution's admins see everything; the front desk sees today's live queue only (what they need to share out
the counters, not their colleagues' figures).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import staff_required
from core import clock
from core.dates import written_date
from core.views import query_without_page
from frontdesk.charts import BarChart, bar_chart
from frontdesk.figures import DURATION_ROWS, OfficeFigures, live_queue, office_figures, office_services, rating_comments
from frontdesk.forms_ratings import PeriodForm
from institutions.selectors import office_get_for_institution

COMMENTS_PER_PAGE = 20


def _minutes(value: float) -> str:
    """As the tables write it (``floatformat:1``), so that the chart and its table say the same."""
    return str(floatformat(value, 1))


def _number(value: float) -> str:
    """Decimals only when there are some (an axis's 2,5 between 0 and 5)."""
    return str(floatformat(value, -1))


def _charts(figures: OfficeFigures) -> dict[str, BarChart]:
    """Arrivals per hour and the average wait per hour of arrival, with what a screen reader says of each."""
    hours = figures.hours
    if not hours:
        return {}
    start, end = figures.period.start, figures.period.end
    period = (
        _("On %(day)s") % {"day": written_date(start)}
        if start == end
        else _("From %(start)s to %(end)s") % {"start": written_date(start), "end": written_date(end)}
    )
    busiest = max(hours, key=lambda h: h.arrivals)
    arrivals = bar_chart(
        id="chart-arrivals",
        title=_("Tickets taken per hour of the day"),
        description=_("%(period)s: %(total)s in all; the busiest hour was %(hour)s (%(n)s).")
        % {"period": period, "total": figures.arrivals, "hour": busiest.label, "n": busiest.arrivals},
        points=[(h.label[:2], h.arrivals) for h in hours],
        value_label=_number,
    )
    charts = {"arrivals": arrivals}
    timed = [h for h in hours if h.waits.average is not None]
    if timed:
        longest = max(timed, key=lambda h: h.waits.average or 0)
        charts["waits"] = bar_chart(
            id="chart-waits",
            title=_("Average wait before being called, per hour of arrival (minutes)"),
            description=_("%(period)s: the longest average wait was at %(hour)s (%(minutes)s min).")
            % {"period": period, "minutes": _minutes(longest.waits.average or 0), "hour": longest.label},
            points=[(h.label[:2], h.waits.average) for h in hours],
            value_label=_minutes,
            tick_label=_number,
        )
    return charts


@staff_required(Role.FRONT_DESK, Role.INSTITUTION_ADMIN)
def office_figures_view(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The office's figures page: the live queue for the desk, the period's figures for the institution's admins."""
    office = office_get_for_institution(institution=request.staff.institution, slug=office_slug)  # type: ignore[attr-defined]
    if office is None:
        raise Http404
    services = office_services(office=office)
    manager = Role.INSTITUTION_ADMIN in request.staff.roles  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "office": office,
        "live": live_queue(office=office, services=services),
        "manager": manager,
        "now": clock.now(),
    }
    status = 200
    if manager:
        form = PeriodForm(request.GET)
        context["form"] = form
        if form.is_valid():
            figures = office_figures(office=office, period=form.cleaned_data["range"], services=services)
            comments = Paginator(rating_comments(office=office, period=figures.period), COMMENTS_PER_PAGE)
            context.update(
                figures=figures,
                charts=_charts(figures),
                page=comments.get_page(request.GET.get("page")),
                query=query_without_page(request),
                period_key=figures.period.key,
                figures_rows=DURATION_ROWS,
            )
        else:
            status = 400
    return render(request, "frontdesk/figures/office.html", context, status=status)
