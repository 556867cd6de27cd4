"""The booking pages, the appointment's page by its link, the kiosk check-in, the desk's list and booking for a
caller, through the test client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from frontdesk.models import Appointment, AppointmentState, Ticket
from frontdesk.tests.test_appointments import MONDAY, at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(service, freezer):
    freezer.at = at(MONDAY, 9)
    service.takes_appointments = True
    service.save()
    return service


def test_a_visitor_sees_the_free_times_and_signs_in_to_book(client, ready):
    url = reverse("frontdesk:book", args=[ready.office.slug])
    page = client.get(url, {"service": "A", "day": MONDAY.isoformat()}).content.decode()
    assert "10:00" in page and reverse("account_login") in page
    assert (
        client.post(url, {"service": "A", "day": MONDAY.isoformat(), "starts_at": "2026-12-07T11:00"}).status_code
        == 302
    )
    assert not Appointment.objects.exists()


def test_a_signed_in_citizen_books_and_reaches_the_appointment_page(client, ready):
    citizen = UserFactory(verified=True)
    client.force_login(citizen)
    url = reverse("frontdesk:book", args=[ready.office.slug])
    form = client.get(url, {"service": "A", "day": MONDAY.isoformat()}).context["form"]
    data = {"service": "A", "day": MONDAY.isoformat(), "starts_at": "2026-12-07T11:00"}
    answer = client.post(url, {**data, "submission_key": form.initial["submission_key"]})
    appointment = Appointment.objects.get()
    assert answer["Location"] == reverse("frontdesk:appointment", args=[appointment.public_id])
    client.post(url, {**data, "submission_key": form.initial["submission_key"]})
    assert Appointment.objects.count() == 1  # sent twice, booked once
    page = client.get(answer["Location"]).content.decode()
    assert appointment.code in page and reverse("frontdesk:appointment_ics", args=[appointment.public_id]) in page
    ics = client.get(reverse("frontdesk:appointment_ics", args=[appointment.public_id]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VCALENDAR" in ics.content


def test_a_time_taken_meanwhile_is_said_next_to_the_times(client, ready):
    book(ready, UserFactory(verified=True), at(MONDAY, 11))
    client.force_login(UserFactory(verified=True))
    answer = client.post(
        reverse("frontdesk:book", args=[ready.office.slug]),
        {"service": "A", "day": MONDAY.isoformat(), "starts_at": "2026-12-07T11:00"},
    )
    assert answer.status_code == 400 and 'id="id_starts_at_error"' in answer.content.decode()


def test_the_link_moves_and_cancels(client, ready):
    appointment = book(ready, UserFactory(verified=True), at(MONDAY, 11))
    move = reverse("frontdesk:appointment_move", args=[appointment.public_id])
    assert client.get(move, {"day": MONDAY.isoformat()}).status_code == 200
    client.post(move, {"service": "A", "day": MONDAY.isoformat(), "starts_at": "2026-12-07T15:00"})
    appointment.refresh_from_db()
    assert appointment.starts_at == at(MONDAY, 15)
    client.post(reverse("frontdesk:appointment_cancel", args=[appointment.public_id]))
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.CANCELLED
    assert client.get(reverse("frontdesk:appointment", args=["nope"])).status_code == 404


def test_the_kiosk_checks_in_with_the_code_and_says_what_is_wrong(client, ready, freezer):
    appointment = book(ready, UserFactory(verified=True), at(MONDAY, 11))
    url = reverse("frontdesk:kiosk_check_in", args=[ready.office.slug])
    early = client.post(url, {"code": appointment.code})
    assert early.status_code == 400 and not Ticket.objects.exists()
    freezer.at = at(MONDAY, 10, 50)
    answer = client.post(url, {"code": appointment.code})
    ticket = Ticket.objects.get()
    assert answer["Location"] == reverse("frontdesk:ticket", args=[ticket.public_id]) and ticket.priority


def test_the_desk_lists_the_days_appointments_and_books_for_a_caller(client, ready, agent):
    book(ready, UserFactory(verified=True, full_name="Karima Alaoui"), at(MONDAY, 11))
    client.force_login(agent)
    slug = ready.office.institution.slug
    listing = client.get(reverse("frontdesk:staff_appointments", args=[slug]), {"day": MONDAY.isoformat()})
    assert "Karima Alaoui" in listing.content.decode()
    url = reverse("frontdesk:staff_book", args=[slug])
    data = {"office": ready.office.slug, "service": "A", "day": MONDAY.isoformat(), "starts_at": "2026-12-07T12:00"}
    missing = client.post(url, data)
    assert missing.status_code == 400 and not Appointment.objects.filter(channel="phone").exists()
    client.post(url, {**data, "name": "Said Bennani", "phone": "06 12 34 56 78"})
    assert Appointment.objects.get(channel="phone").phone == "0612345678"


def test_strangers_do_not_see_an_institutions_appointments(client, ready):
    book(ready, UserFactory(verified=True, full_name="Karima Alaoui"), at(MONDAY, 11))
    slug = ready.office.institution.slug
    url = reverse("frontdesk:staff_appointments", args=[slug])
    assert client.get(url).status_code == 302
    for person in (
        UserFactory(),
        staff(Role.CASE_OFFICER, institution=ready.office.institution),
        staff(Role.FRONT_DESK),
    ):
        client.force_login(person)
        answer = client.get(url, {"day": MONDAY.isoformat()})
        assert answer.status_code == 403 or "Karima Alaoui" not in answer.content.decode()
        assert client.post(reverse("frontdesk:staff_book", args=[slug])).status_code in (403, 404)


def test_booking_pages_do_not_grow_with_the_appointments(client, ready, agent, django_assert_max_num_queries):
    def load():
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:book", args=[ready.office.slug]), {"service": "A", "day": MONDAY.isoformat()})

    load()
    for n in range(20):
        book(ready, UserFactory(verified=True), at(MONDAY + timedelta(days=n % 4), 11 + n // 4))
    load()
    client.force_login(agent)
    with django_assert_max_num_queries(9):
        client.get(
            reverse("frontdesk:staff_appointments", args=[ready.office.institution.slug]), {"day": MONDAY.isoformat()}
        )
