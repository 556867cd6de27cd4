"""The kiosk, a ticket's page and print-out, the display screen, and the agent's console, through the test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from frontdesk.models import Ticket, TicketState
from frontdesk.services import counter_open, ticket_call_next, ticket_take
from frontdesk.tests.factories import DeskServiceFactory
from information.tests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


def test_the_kiosk_gives_a_numbered_ticket_and_its_page(client, office, service):
    page = client.get(reverse("frontdesk:kiosk", args=[office.slug]))
    assert page.status_code == 200 and "État civil" in page.content.decode()
    key = page.context["form"].initial["submission_key"]
    answer = client.post(reverse("frontdesk:kiosk", args=[office.slug]), {"service": "A", "submission_key": key})
    ticket = Ticket.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("frontdesk:ticket", args=[ticket.public_id])
    client.post(reverse("frontdesk:kiosk", args=[office.slug]), {"service": "A", "submission_key": key})
    assert Ticket.objects.count() == 1  # a double tap gives the same ticket
    mine = client.get(answer["Location"]).content.decode()
    assert "A-001" in mine and "0" in mine


def test_a_wrong_phone_number_is_said_next_to_the_field_and_kept(client, office, service):
    answer = client.post(reverse("frontdesk:kiosk", args=[office.slug]), {"service": "A", "contact_phone": "12ab"})
    assert answer.status_code == 200 and not Ticket.objects.exists()
    assert "9 à 15 chiffres" in answer.content.decode() and 'value="12ab"' in answer.content.decode()


def test_an_unknown_service_gives_no_ticket(client, office, service):
    answer = client.post(reverse("frontdesk:kiosk", args=[office.slug]), {"service": "ZZ"})
    assert answer.status_code == 200 and not Ticket.objects.exists()


def test_the_ticket_page_says_the_place_and_the_holder_can_leave(client, service):
    first, second = ticket_take(actor=None, service=service), ticket_take(actor=None, service=service)
    status = client.get(reverse("frontdesk:ticket_status", args=[second.public_id])).json()
    assert status["state"] == "waiting" and status["position"] == 1 and status["wait"] == 10
    client.post(reverse("frontdesk:ticket_leave", args=[first.public_id]))
    first.refresh_from_db()
    assert first.state == TicketState.LEFT
    assert client.get(reverse("frontdesk:ticket", args=["not-a-ticket"])).status_code == 404


@pytest.mark.parametrize("size", ["58", "80", "a4"])
def test_the_ticket_prints_on_receipt_printers_and_a4(client, service, size):
    ticket = ticket_take(actor=None, service=service)
    page = client.get(reverse("frontdesk:ticket_print", args=[ticket.public_id]) + f"?size={size}")
    assert page.status_code == 200 and "A-001" in page.content.decode() and "<svg" in page.content.decode()


def test_the_display_shows_the_calls_and_its_feed_says_the_same(
    client, office, service, counters, agent, django_assert_max_num_queries
):
    ticket_take(actor=None, service=service)
    counter_open(actor=agent, counter=counters[1])
    ticket_call_next(actor=agent, counter=counters[1])
    page = client.get(reverse("frontdesk:display", args=[office.slug])).content.decode()
    assert "A-001" in page
    with django_assert_max_num_queries(2):  # asked every 1.5 s by every screen
        feed = client.get(reverse("frontdesk:display_feed", args=[office.slug])).json()
    assert feed["calls"][0]["number"] == "A-001" and feed["calls"][0]["counter"] == 2
    assert "person" not in str(feed)  # numbers and counters only


def test_the_agent_opens_a_counter_calls_serves_and_finishes(client, office, service, counters, agent):
    ticket_take(actor=None, service=service)
    client.force_login(agent)
    slug = office.institution.slug
    desk = client.get(reverse("frontdesk:desk", args=[slug]))
    assert desk.status_code == 200
    client.post(reverse("frontdesk:counter_open", args=[slug, counters[0].pk]))
    client.post(reverse("frontdesk:call_next", args=[slug, counters[0].pk]))
    ticket = Ticket.objects.get()
    assert ticket.state == TicketState.CALLED and ticket.counter == counters[0]
    called = ticket.events.get(kind="called")
    assert called.channel == "desk" and called.payload["office"] == office.slug
    action = lambda name, **data: client.post(  # noqa: E731
        reverse("frontdesk:ticket_action", args=[slug, counters[0].pk, ticket.public_id, name]), data
    )
    action("start")
    missing = action("finish")
    assert missing.status_code == 400  # no outcome chosen: said next to the field
    unknown = action("finish", outcome="request", reference="INF-2026-RBT-999999")
    assert unknown.status_code == 400 and 'id="id_reference_error"' in unknown.content.decode()
    InformationRequestFactory(reference="INF-2026-RBT-000001")
    action("finish", outcome="request", reference="INF-2026-RBT-000001")
    ticket.refresh_from_db()
    assert ticket.state == TicketState.DONE and ticket.outcome_reference == "INF-2026-RBT-000001"


def test_strangers_do_not_reach_a_counter(client, office, service, counters):
    slug = office.institution.slug
    url = reverse("frontdesk:console", args=[slug, counters[0].pk])
    assert client.get(url).status_code == 302  # anonymous: sign in
    for person in (
        UserFactory(),
        staff(Role.CASE_OFFICER, institution=office.institution),
        staff(Role.FRONT_DESK),  # another institution's agent
    ):
        client.force_login(person)
        assert client.get(url).status_code in (403, 404)
        assert client.post(reverse("frontdesk:call_next", args=[slug, counters[0].pk])).status_code in (403, 404)


def test_another_institutions_counter_is_not_found_through_mine(client, service, agent):
    other = DeskServiceFactory()
    from frontdesk.tests.factories import CounterFactory

    theirs = CounterFactory(office=other.office)
    client.force_login(agent)
    slug = service.office.institution.slug
    assert client.get(reverse("frontdesk:console", args=[slug, theirs.pk])).status_code == 404


def test_pages_do_not_grow_with_the_queue(client, office, service, counters, agent, django_assert_max_num_queries):
    def load():
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:kiosk", args=[office.slug]))
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:display", args=[office.slug]))
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:ticket", args=[Ticket.objects.last().public_id]))

    ticket_take(actor=None, service=service)
    load()
    for _ in range(30):
        ticket_take(actor=None, service=service)
    load()
    client.force_login(agent)
    counter_open(actor=agent, counter=counters[0])
    ticket_call_next(actor=agent, counter=counters[0])
    with django_assert_max_num_queries(11):  # 4 for every staff page (session, person, roles, messages)
        client.get(reverse("frontdesk:console", args=[office.institution.slug, counters[0].pk]))
