"""Issue 12 §3: appointments — free times from hours, closures and holidays; booking, moving, cancelling; the
kiosk check-in that puts the person first; reminders and no-shows."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Role
from accounts.selectors import InsufficientAssurance
from accounts.tests.factories import UserFactory, staff
from frontdesk.appointment_selectors import slots_between
from frontdesk.appointment_services import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_move,
    appointments_mark_no_shows,
    appointments_remind,
)
from frontdesk.calendar import appointment_ics
from frontdesk.models import AppointmentChannel, AppointmentState, Outcome, TicketState
from frontdesk.services import counter_open, ticket_call_next, ticket_finish, ticket_no_show, ticket_start, ticket_take
from institutions.models import Holiday, OpeningException
from notifications.models import Notification

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def monday_nine(freezer):
    freezer.at = at(MONDAY, 9)
    return freezer


@pytest.fixture
def bookable(service):
    service.takes_appointments = True
    service.save()
    return service


@pytest.fixture
def citizen():
    return UserFactory(verified=True)


def book(service, person, when, **kw):
    return appointment_book(actor=person, service=service, starts_at=when, **kw)[0]


def test_free_times_follow_the_hours_the_lead_time_and_the_duration(bookable, monday_nine):
    days = slots_between(service=bookable, start=MONDAY, end=MONDAY + timedelta(days=6))
    monday = days[MONDAY]
    assert timezone.localtime(monday[0].starts_at).strftime("%H:%M") == "10:00"  # one hour ahead at least
    assert timezone.localtime(monday[-1].starts_at).strftime("%H:%M") == "16:20"  # the last that ends by 16:30
    assert len(monday) == 39
    assert set(days) == {MONDAY + timedelta(days=n) for n in range(5)}  # Monday to Friday, not the weekend


def test_closures_and_holidays_have_no_free_time(bookable, monday_nine):
    OpeningException.objects.create(office=bookable.office, date=MONDAY + timedelta(days=1), closed=True)
    Holiday.objects.create(date=MONDAY + timedelta(days=2), name_fr="Jour férié d'essai")
    OpeningException.objects.create(
        office=bookable.office, date=MONDAY + timedelta(days=3), closed=False, opens="09:00", closes="10:00"
    )
    days = slots_between(service=bookable, start=MONDAY, end=MONDAY + timedelta(days=4))
    assert MONDAY + timedelta(days=1) not in days and MONDAY + timedelta(days=2) not in days
    assert len(days[MONDAY + timedelta(days=3)]) == 6  # open 09:00–10:00 only


def test_a_citizen_books_a_free_time_and_is_sent_the_confirmation(bookable, citizen, monday_nine):
    appointment = book(bookable, citizen, at(MONDAY, 11))
    assert appointment.state == AppointmentState.BOOKED and appointment.person == citizen
    assert len(appointment.code) == 9 and appointment.code[4] == "-"
    assert Notification.objects.filter(recipient=citizen, template="appointment_booked").exists()
    assert list(appointment.events.values_list("kind", flat=True)) == ["booked"]
    free = [s.starts_at for s in slots_between(service=bookable, start=MONDAY, end=MONDAY)[MONDAY]]
    assert at(MONDAY, 11) not in free


def test_a_time_booked_by_as_many_people_as_it_takes_is_no_longer_free(bookable, citizen, monday_nine):
    book(bookable, citizen, at(MONDAY, 11))
    with pytest.raises(ValidationError):
        book(bookable, UserFactory(verified=True), at(MONDAY, 11))
    bookable.appointments_per_slot = 2
    bookable.save()
    assert book(bookable, UserFactory(verified=True), at(MONDAY, 11)).starts_at == at(MONDAY, 11)


def test_times_that_are_not_offered_are_refused(bookable, citizen, monday_nine):
    for when in (at(MONDAY, 9, 30), at(MONDAY, 11, 5), at(MONDAY, 18), at(MONDAY + timedelta(days=5), 11)):
        with pytest.raises(ValidationError):
            book(bookable, citizen, when)


def test_a_person_holds_at_most_two_appointments_a_day(bookable, citizen, monday_nine):
    book(bookable, citizen, at(MONDAY, 11))
    book(bookable, citizen, at(MONDAY, 12))
    with pytest.raises(ValidationError):
        book(bookable, citizen, at(MONDAY, 13))
    assert book(bookable, citizen, at(MONDAY + timedelta(days=1), 11))


def test_online_booking_needs_a_confirmed_address(bookable, monday_nine):
    with pytest.raises(InsufficientAssurance):
        book(bookable, UserFactory(), at(MONDAY, 11))


def test_the_same_submission_books_once(bookable, citizen, monday_nine):
    key = uuid.uuid4()
    first = book(bookable, citizen, at(MONDAY, 11), submission_key=key)
    again = book(bookable, citizen, at(MONDAY, 11), submission_key=key)
    assert first.pk == again.pk


def test_an_agent_books_for_a_caller_with_a_phone_number(bookable, agent, monday_nine):
    with pytest.raises(ValidationError):
        book(bookable, agent, at(MONDAY, 11), channel=AppointmentChannel.PHONE, name="Fatima Zahra")
    appointment = book(
        bookable, agent, at(MONDAY, 11), channel=AppointmentChannel.PHONE, name="Fatima Zahra", phone="0612345678"
    )
    assert appointment.person is None and appointment.booked_by == agent
    assert Notification.objects.filter(recipient=None, address="0612345678", channel="sms").exists()
    with pytest.raises(PermissionDenied):  # not an agent of this institution
        book(
            bookable,
            staff(Role.FRONT_DESK),
            at(MONDAY, 12),
            channel=AppointmentChannel.PHONE,
            name="X",
            phone="0600000000",
        )


def test_moving_frees_the_old_time_and_cancelling_frees_the_new_one(bookable, citizen, monday_nine):
    appointment = book(bookable, citizen, at(MONDAY, 11))
    appointment = appointment_move(actor=None, appointment=appointment, starts_at=at(MONDAY, 14), holder=True)
    free = [s.starts_at for s in slots_between(service=bookable, start=MONDAY, end=MONDAY)[MONDAY]]
    assert at(MONDAY, 11) in free and at(MONDAY, 14) not in free
    appointment_cancel(actor=None, appointment=appointment, holder=True)
    free = [s.starts_at for s in slots_between(service=bookable, start=MONDAY, end=MONDAY)[MONDAY]]
    assert at(MONDAY, 14) in free
    assert Notification.objects.filter(recipient=citizen, template="appointment_cancelled").exists()
    with pytest.raises(PermissionDenied):  # another citizen, without the link
        appointment_move(actor=UserFactory(), appointment=appointment, starts_at=at(MONDAY, 15))


def test_check_in_gives_a_ticket_called_before_the_walk_ins(bookable, citizen, counters, agent, monday_nine):
    appointment = book(bookable, citizen, at(MONDAY, 11))
    walk_in = ticket_take(actor=None, service=bookable)
    with pytest.raises(ValidationError):  # too early
        appointment_check_in(actor=None, office=bookable.office, code=appointment.code)
    monday_nine.at = at(MONDAY, 10, 45)
    ticket = appointment_check_in(actor=None, office=bookable.office, code=appointment.code.lower().replace("-", ""))
    assert ticket.priority and ticket.person == citizen
    assert appointment_check_in(actor=None, office=bookable.office, code=appointment.code).pk == ticket.pk
    counter_open(actor=agent, counter=counters[0])
    called = ticket_call_next(actor=agent, counter=counters[0])
    assert called.pk == ticket.pk and called.pk != walk_in.pk
    ticket_finish(actor=agent, ticket=ticket_start(actor=agent, ticket=called), outcome=Outcome.INFORMATION_GIVEN)
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.SERVED


def test_a_wrong_code_or_another_offices_code_checks_nothing_in(bookable, citizen, monday_nine):
    from frontdesk.tests.factories import DeskServiceFactory

    appointment = book(bookable, citizen, at(MONDAY, 11))
    monday_nine.at = at(MONDAY, 11)
    elsewhere = DeskServiceFactory()
    for office, code in ((bookable.office, "ZZZZ-ZZZZ"), (elsewhere.office, appointment.code)):
        with pytest.raises(ValidationError):
            appointment_check_in(actor=None, office=office, code=code)


def test_a_checked_in_person_who_does_not_come_when_called_is_a_no_show(
    bookable, citizen, counters, agent, monday_nine
):
    appointment = book(bookable, citizen, at(MONDAY, 11))
    monday_nine.at = at(MONDAY, 11)
    appointment_check_in(actor=None, office=bookable.office, code=appointment.code)
    ticket_no_show(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0]))
    appointment.refresh_from_db()
    assert appointment.state == AppointmentState.NO_SHOW


def test_appointments_not_checked_in_become_no_shows_and_tomorrows_are_reminded_once(bookable, citizen, monday_nine):
    today = book(bookable, citizen, at(MONDAY, 11))
    tomorrow = book(bookable, citizen, at(MONDAY + timedelta(days=1), 11))
    assert appointments_remind() == 1 and appointments_remind() == 0
    assert Notification.objects.filter(recipient=citizen, template="appointment_reminder", channel="email").count() == 1
    monday_nine.at = at(MONDAY, 11, 20)
    assert appointments_mark_no_shows() == 1
    today.refresh_from_db()
    tomorrow.refresh_from_db()
    assert today.state == AppointmentState.NO_SHOW and tomorrow.state == AppointmentState.BOOKED


def test_the_calendar_file_says_when_and_where(bookable, citizen, monday_nine):
    appointment = book(bookable, citizen, at(MONDAY, 11))
    ics = appointment_ics(appointment, page_url="https://example.org/a/").decode()
    assert "BEGIN:VEVENT" in ics and "DTSTART" in ics and appointment.public_id in ics
    assert appointment.code in ics and TicketState.WAITING not in ics
