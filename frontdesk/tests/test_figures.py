"""Issue 12 §6: how the office is doing — today's queue live, waits and service times (average and 90th percentile)
by service and by hour, people who left or did not come, appointments filled, tickets per agent; the charts and
their tables; who may see the page; flat query counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from frontdesk.appointment_services import appointment_cancel
from frontdesk.charts import bar_chart
from frontdesk.figures import (
    Period,
    Timing,
    live_queue,
    office_figures,
    percentile,
    period_named,
    places_offered,
    ticket_number_normalised,
)
from frontdesk.forms_ratings import PeriodForm
from frontdesk.models import Outcome, TicketState
from frontdesk.services import (
    counter_open,
    ticket_call_next,
    ticket_finish,
    ticket_leave,
    ticket_no_show,
    ticket_start,
    ticket_take,
)
from frontdesk.tests.factories import DeskServiceFactory, TicketFactory
from frontdesk.tests.test_appointments import MONDAY, at, book
from institutions.models import OpeningException
from institutions.tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db

FRIDAY = MONDAY - timedelta(days=3)


@pytest.fixture
def admin(office):
    return staff(Role.INSTITUTION_ADMIN, institution=office.institution)


def url(office) -> str:
    return reverse("frontdesk:office_figures", args=[office.institution.slug, office.slug])


def serve(freezer, agent, counter, *, wait: int, start: int, take: int) -> None:
    """The next ticket waits ``wait`` minutes, is started ``start`` minutes after the call, takes ``take`` minutes."""
    freezer.tick(timedelta(minutes=wait))
    ticket = ticket_call_next(actor=agent, counter=counter)
    assert ticket is not None
    freezer.tick(timedelta(minutes=start))
    ticket_start(actor=agent, ticket=ticket)
    freezer.tick(timedelta(minutes=take))
    ticket_finish(actor=agent, ticket=ticket, outcome=Outcome.INFORMATION_GIVEN)


@pytest.fixture
def history(freezer, office, service, counters, agent):
    """Monday at the office (service A at counters 1 and 2, agent at counter 1):

    09:00 A-001 and A-002 taken; A-001 called 09:10, served 09:15–09:21; A-002 called 09:21, served 09:25–09:35.
    10:00 A-003 taken, called 10:30, did not come (10:32). 10:40 A-004 taken, left 10:45.
    11:00 A-005 taken, called 11:05 (at counter 1 now). 11:05 A-006 taken, waiting.
    And the Friday before: one ticket served (a 5-minute wait).
    """
    counter = counters[0]
    freezer.at = at(FRIDAY, 9)
    counter_open(actor=agent, counter=counter)
    ticket_take(actor=None, service=service)
    serve(freezer, agent, counter, wait=5, start=0, take=3)

    freezer.at = at(MONDAY, 9)
    counter_open(actor=agent, counter=counter)
    ticket_take(actor=None, service=service)
    ticket_take(actor=None, service=service)
    serve(freezer, agent, counter, wait=10, start=5, take=6)  # 09:10 → 09:21
    serve(freezer, agent, counter, wait=0, start=4, take=10)  # called 09:21, 09:25 → 09:35
    freezer.at = at(MONDAY, 10)
    ticket_take(actor=None, service=service)
    freezer.tick(timedelta(minutes=30))
    no_show = ticket_call_next(actor=agent, counter=counter)
    freezer.tick(timedelta(minutes=2))
    ticket_no_show(actor=agent, ticket=no_show)
    freezer.at = at(MONDAY, 10, 40)
    leaving = ticket_take(actor=None, service=service)
    freezer.tick(timedelta(minutes=5))
    ticket_leave(actor=None, ticket=leaving, holder=True)
    freezer.at = at(MONDAY, 11)
    ticket_take(actor=None, service=service)
    freezer.tick(timedelta(minutes=5))
    called = ticket_call_next(actor=agent, counter=counter)
    ticket_take(actor=None, service=service)
    assert called.number == "A-005"
    return freezer


# --- Units --------------------------------------------------------------------------------------


def test_the_90th_percentile_is_the_value_nine_in_ten_stay_at_or_under():
    assert percentile([], 0.9) is None
    assert percentile([7], 0.9) == 7
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([30, 5, 21, 10], 0.9) == 30
    assert Timing.of([10, 21, 30, 5]) == Timing(n=4, average=16.5, p90=30)


def test_ticket_numbers_are_read_as_visitors_type_them():
    assert ticket_number_normalised("a42") == "A-042"
    assert ticket_number_normalised(" A - 042 ") == "A-042"
    assert ticket_number_normalised("AB-7") == "AB-007"
    assert ticket_number_normalised("A-٠٤٢") == "A-042"  # Arabic-Indic digits
    assert ticket_number_normalised("A-1042") == "A-1042"
    assert ticket_number_normalised("42") is None
    assert ticket_number_normalised("DROP TABLE") is None


def test_named_periods_end_today_and_dates_are_at_most_92_days_apart(freezer):
    freezer.at = at(MONDAY, 9)
    assert period_named("today") == Period(MONDAY, MONDAY, "today")
    assert period_named("7").start == MONDAY - timedelta(days=6)
    default = PeriodForm({})
    assert default.is_valid() and default.cleaned_data["range"].days == 7
    form = PeriodForm({"period": "custom", "start": (MONDAY - timedelta(days=91)).isoformat(), "end": MONDAY})
    assert form.is_valid() and form.cleaned_data["range"].days == 92
    too_long = PeriodForm({"period": "custom", "start": (MONDAY - timedelta(days=92)).isoformat(), "end": MONDAY})
    assert not too_long.is_valid() and "end" in too_long.errors
    assert not PeriodForm({"period": "custom", "start": MONDAY, "end": MONDAY - timedelta(days=1)}).is_valid()
    assert not PeriodForm({"period": "custom", "start": MONDAY, "end": MONDAY + timedelta(days=1)}).is_valid()
    assert not PeriodForm({"period": "custom"}).is_valid()
    assert not PeriodForm({"period": "365"}).is_valid()


def test_a_bar_chart_scales_its_bars_to_a_round_top():
    chart = bar_chart(
        id="c", title="t", description="d", points=[("09", 3), ("10", None), ("11", 7)], value_label="{:g}".format
    )
    assert [t.label for t in chart.ticks] == ["0", "5", "10"]
    three, none, seven = chart.bars
    assert none.height == 0 and none.value_label == ""
    assert seven.height == pytest.approx(three.height * 7 / 3, abs=0.2)
    assert three.y + three.height == chart.baseline


# --- The figures --------------------------------------------------------------------------------


def test_todays_queue_live(history, office, service, counters, agent):
    live = live_queue(office=office)
    assert (live.waiting, live.served, live.left, live.no_shows) == (1, 2, 1, 1)
    (line,) = live.services
    assert (line.service, line.waiting, line.called, line.serving) == (service, 1, 1, 0)
    first, second = live.counters
    assert first.counter == counters[0] and first.agent == agent and first.ticket.number == "A-005"
    assert second.agent is None and second.ticket is None


def test_waits_and_service_times_by_service_and_by_hour(history, office, service, agent):
    figures = office_figures(office=office, period=period_named("today"))
    (line,) = figures.services
    assert (line.arrivals, line.served, line.left, line.no_shows) == (6, 2, 1, 1)
    # Waits: 10, 21, 30 (the no-show was called) and 5 (called now); times at the counter: 6 and 10.
    assert line.waits == Timing(n=4, average=16.5, p90=30)
    assert line.service_times == Timing(n=2, average=8, p90=10)
    assert figures.waits == line.waits and not figures.sampled
    hours = {h.hour: h for h in figures.hours}
    assert sorted(hours) == [9, 10, 11]
    assert [hours[h].arrivals for h in (9, 10, 11)] == [2, 2, 2]
    assert hours[9].waits == Timing(n=2, average=15.5, p90=21)
    assert hours[10].waits == Timing(n=1, average=30, p90=30)
    assert hours[9].service_times == Timing(n=2, average=8, p90=10) and hours[11].service_times.n == 0
    (person,) = figures.agents
    assert (person.agent_id, person.name, person.served) == (agent.pk, agent.full_name, 2)
    assert person.average == pytest.approx(8)


def test_the_period_takes_the_days_it_names(history, office):
    week = office_figures(office=office, period=period_named("7"))
    assert week.arrivals == 7 and week.served == 3
    assert week.waits.n == 5 and week.agents[0].served == 3
    friday = office_figures(office=office, period=Period(FRIDAY, FRIDAY))
    assert friday.arrivals == 1 and friday.waits == Timing(n=1, average=5, p90=5)
    assert friday.hours[0].hour == 9 and len(friday.hours) == 1


def test_hours_without_tickets_stay_on_the_axis(freezer, office, service):
    freezer.at = at(MONDAY, 9)
    ticket_take(actor=None, service=service)
    freezer.at = at(MONDAY, 12)
    ticket_take(actor=None, service=service)
    figures = office_figures(office=office, period=period_named("today"))
    assert [(h.hour, h.arrivals) for h in figures.hours] == [(9, 1), (10, 0), (11, 0), (12, 1)]


def test_a_ticket_finished_by_the_next_mornings_clock_has_no_service_time(freezer, office, service, agent):
    freezer.at = at(MONDAY, 9)
    TicketFactory(
        service=service,
        state=TicketState.DONE,
        agent=agent,
        called_at=at(MONDAY, 9, 5),
        serving_at=at(MONDAY, 9, 6),
        finished_at=at(MONDAY + timedelta(days=1), 7),
    )
    figures = office_figures(office=office, period=period_named("today"))
    assert figures.services[0].service_times.n == 0 and figures.waits.n == 1
    assert figures.agents[0].served == 1 and figures.agents[0].average is None


def test_appointment_places_offered_and_booked(freezer, office, service):
    freezer.at = at(MONDAY, 9)
    service.takes_appointments, service.typical_minutes, service.appointments_per_slot = True, 60, 2
    service.save()
    # Monday to Friday 08:30–16:30: eight times of an hour, two people each.
    assert places_offered(office=office, services=[service], start=MONDAY, end=MONDAY) == {service.pk: 16}
    OpeningException.objects.create(office=office, date=MONDAY + timedelta(days=1), closed=True)
    week = places_offered(office=office, services=[service], start=MONDAY, end=MONDAY + timedelta(days=6))
    assert week == {service.pk: 16 * 4}  # Tuesday closed, the weekend shut
    for hour in (10, 10, 11, 12):
        made = book(service, UserFactory(verified=True), at(MONDAY, hour, 30))
    appointment_cancel(actor=made.person, appointment=made, holder=False)
    (line,) = office_figures(office=office, period=period_named("today")).appointments
    assert (line.offered, line.booked, line.cancelled) == (16, 3, 1)
    assert line.fill_rate == 19  # 3 / 16
    other = DeskServiceFactory(office=office)
    assert places_offered(office=office, services=[other], start=MONDAY, end=MONDAY) == {}


def test_another_offices_tickets_are_not_counted(history, office):
    elsewhere = DeskServiceFactory(office=OfficeFactory(institution=office.institution))
    ticket_take(actor=None, service=elsewhere)
    assert office_figures(office=office, period=period_named("today")).arrivals == 6
    assert live_queue(office=office).waiting == 1


# --- The page -----------------------------------------------------------------------------------


def _between(text: str, start: str, end: str) -> str:
    head = text.index(start)
    return text[head : text.index(end, head)]


def test_an_admin_sees_the_figures_the_charts_and_the_same_numbers_in_tables(client, history, office, admin):
    client.force_login(admin)
    answer = client.get(url(office), {"period": "today"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert page.count('role="img"') == 2
    arrivals_svg = _between(page, '<svg class="chart"', "</svg>")
    assert '<title id="chart-arrivals-title">' in arrivals_svg and '<desc id="chart-arrivals-desc">' in arrivals_svg
    assert 'aria-labelledby="chart-arrivals-title chart-arrivals-desc"' in arrivals_svg
    drawn = re.findall(r'font-size="12" fill="#1b1f23">([^<]+)</text>', arrivals_svg)
    table = _between(page, 'data-table="arrivals"', "</table>")
    assert "<caption id=" in table
    assert drawn == re.findall(r"<td>([^<]+)</td>", table) == ["2", "2", "2"]
    waits_svg = _between(page, 'id="chart-waits-title"', "</svg>")
    drawn_waits = re.findall(r'font-size="12" fill="#1b1f23">([^<]+)</text>', waits_svg)
    rows = re.findall(r"<tr><th scope=\"row\" dir=\"ltr\">[^<]+</th><td>\d+</td><td>([^<]+)</td>", page)
    assert drawn_waits == rows == ["15,5", "30,0", "5,0"]  # French decimals, as the page is in French
    assert answer.context["figures"].served == 2
    assert 'data-figure="waiting">1<' in page and 'data-figure="left">1<' in page


def test_the_front_desk_sees_todays_queue_only(client, history, office, agent):
    client.force_login(agent)
    answer = client.get(url(office), {"period": "30"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "figures" not in answer.context and 'role="img"' not in page
    assert 'data-figure="waiting">1<' in page and "A-005" in page and agent.full_name in page


def test_strangers_do_not_see_the_figures(client, office, service):
    target = url(office)
    assert client.get(target).status_code == 302  # anonymous: sign in
    for person in (
        UserFactory(verified=True),
        staff(Role.CASE_OFFICER, institution=office.institution),
        staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory()),
    ):
        client.force_login(person)
        assert client.get(target).status_code in (403, 404)
    # Another institution's admin, through their own institution's address: not found.
    stranger = staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory())
    client.force_login(stranger)
    mine = stranger.memberships.get().institution.slug
    theirs = reverse("frontdesk:office_figures", args=[mine, office.slug])
    assert client.get(theirs).status_code == 404


def test_a_period_refused_says_why(client, freezer, office, admin):
    freezer.at = at(MONDAY, 9)
    client.force_login(admin)
    answer = client.get(url(office), {"period": "custom", "start": "2026-01-01", "end": MONDAY.isoformat()})
    assert answer.status_code == 400 and "figures" not in answer.context
    assert answer.context["form"].has_error("end")


def test_the_desk_page_links_to_each_offices_figures(client, office, service, agent):
    client.force_login(agent)
    page = client.get(reverse("frontdesk:desk", args=[office.institution.slug])).content.decode()
    assert url(office) in page


def _tickets(office, service, agent, n: int) -> None:
    for i in range(n):
        taken = at(MONDAY, 9 + i % 7, i % 50)
        TicketFactory(
            service=service,
            state=TicketState.DONE,
            agent=agent,
            created_at=taken,
            called_at=taken + timedelta(minutes=3 + i % 11),
            serving_at=taken + timedelta(minutes=4 + i % 11),
            finished_at=taken + timedelta(minutes=9 + i % 13),
        )


def test_the_figures_page_does_not_grow_with_the_tickets(
    client, freezer, office, service, counters, agent, admin, django_assert_max_num_queries
):
    freezer.at = at(MONDAY, 17)
    service.takes_appointments = True
    service.save()
    client.force_login(admin)

    def load(maximum: int, **params: str) -> None:
        with django_assert_max_num_queries(maximum):
            assert client.get(url(office), params).status_code == 200

    _tickets(office, service, agent, 1)
    # 4 for every staff page, the office, its services, the live queue (3), the period (4), appointments (4),
    # ratings (1) and their comments (2).
    load(20, period="7")
    _tickets(office, service, agent, 49)
    from frontdesk.models import Ticket
    from frontdesk.rating_services import visit_rate

    for ticket in Ticket.objects.all()[:10]:
        visit_rate(actor=None, ticket=ticket, score=4, comment="Très bien")
    load(20, period="7")
    client.force_login(agent)
    load(9)  # the front desk: the live queue only
