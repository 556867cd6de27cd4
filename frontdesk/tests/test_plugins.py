"""Where the desk shows outside itself: the office's page, the list of offices to book at, My Office, My data,
erasure, the home page and the menu."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.registry import data_erasers, data_exporters
from frontdesk.models import AppointmentState, Outcome
from frontdesk.services import (
    counter_open,
    ticket_call_next,
    ticket_finish,
    ticket_start,
    ticket_take,
    usual_waits_refresh,
)
from frontdesk.tests.factories import DeskServiceFactory
from frontdesk.tests.test_appointments import MONDAY, at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(service, freezer):
    freezer.at = at(MONDAY, 9)
    service.takes_appointments = True
    service.save()
    return service


def test_the_office_page_says_the_usual_wait_and_the_next_free_appointment(client, ready, counters, agent, freezer):
    for _ in range(5):  # last week, at 10 o'clock: six minutes each before being called
        freezer.at = at(MONDAY - timedelta(days=7), 10)
        take = ticket_take(actor=None, service=ready)
        freezer.tick(timedelta(minutes=6))
        ticket_call_next(actor=agent, counter=counters[0])
        assert take
    freezer.at = at(MONDAY, 10)
    assert usual_waits_refresh() == 1
    page = client.get(reverse("institutions:office", args=[ready.office.slug])).content.decode()
    assert "6 minutes" in page or "6 min" in page
    assert reverse("frontdesk:book", args=[ready.office.slug]) + "?service=A&amp;day=2026-12-07" in page
    assert reverse("frontdesk:kiosk", args=[ready.office.slug]) in page


def test_the_office_page_stays_within_eight_queries_with_many_services(client, ready, django_assert_max_num_queries):
    for prefix in "BCDEFG":
        DeskServiceFactory(office=ready.office, prefix=prefix, takes_appointments=True)
    with django_assert_max_num_queries(8):
        client.get(reverse("institutions:office", args=[ready.office.slug]))


def test_offices_taking_appointments_are_listed_and_searched(client, ready):
    DeskServiceFactory(office__name_fr="Annexe Oulja")  # takes no appointments
    page = client.get(reverse("frontdesk:offices_booking")).content.decode()
    assert "Bureau d&#x27;essai" in page and "Annexe Oulja" not in page
    assert "Bureau d&#x27;essai" not in client.get(reverse("frontdesk:offices_booking"), {"q": "zzz"}).content.decode()


def test_appointments_are_in_my_office_and_my_data_and_erasure_cancels_the_future_ones(client, ready, counters, agent):
    citizen = UserFactory(verified=True)
    appointment = book(ready, citizen, at(MONDAY, 11))
    client.force_login(citizen)
    office = client.get(reverse("portal:my_office")).content.decode()
    assert appointment.code in office and reverse("frontdesk:appointment", args=[appointment.public_id]) in office
    exported = data_exporters.get("frontdesk")(citizen)
    assert exported["appointments"][0]["code"] == appointment.code
    ticket = ticket_take(actor=None, service=ready, person=citizen)
    counter_open(actor=agent, counter=counters[0])
    ticket_finish(
        actor=agent,
        ticket=ticket_start(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0])),
        outcome=Outcome.INFORMATION_GIVEN,
    )
    assert data_exporters.get("frontdesk")(citizen)["tickets"][0]["number"] == ticket.number
    from frontdesk.rating_services import visit_rate

    visit_rate(actor=citizen, ticket=ticket, score=4, comment="Merci à Mme Alaoui, je suis Karim.", channel="link")
    data_erasers.get("frontdesk")(citizen)
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.CANCELLED and appointment.person is None
    ticket.refresh_from_db()
    assert ticket.person is None and ticket.rating.comment == "" and ticket.rating.score == 4


def test_the_home_page_and_the_menu_lead_to_booking(client):
    home = client.get("/fr/").content.decode()
    assert reverse("frontdesk:offices_booking") in home and reverse("frontdesk:claim") in home
