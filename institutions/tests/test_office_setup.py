"""An office as its institution's admins keep it: details, weekly hours and dated changes (services and selectors)."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from core import clock
from institutions.models import OpeningException, OpeningHours
from institutions.selectors import (
    office_exception_get,
    office_exceptions_to_come,
    office_get_for_institution,
    office_hours_get,
    office_status,
)
from institutions.services import (
    office_exception_add,
    office_exception_remove,
    office_hours_add,
    office_hours_remove,
    office_update,
)
from institutions.tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return OfficeFactory(name_fr="Bureau citoyen d'Agadir", weekday_hours=False)


@pytest.fixture
def admin(office):
    return staff(Role.INSTITUTION_ADMIN, institution=office.institution)


OUTSIDERS = {
    "front_desk_agent": lambda office: staff(Role.FRONT_DESK, institution=office.institution),
    "citizen": lambda office: UserFactory(verified=True),
    "other_institution_admin": lambda office: staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory()),
}


def _tomorrow() -> date:
    return clock.today() + timedelta(days=1)


# --- Details ------------------------------------------------------------------------------------


def test_an_admin_changes_the_details_and_only_what_changed_is_audited(office, admin):
    office_update(
        actor=admin,
        office=office,
        values={
            "name_fr": "Bureau citoyen d'Agadir",
            "name_zgh": "ⴰⴱⵉⵔⵓ ⵏ ⴰⴳⴰⴷⵉⵔ",
            "address_fr": "  2 rue du Port  ",
            "latitude": Decimal("30.4202"),
            "longitude": Decimal("-9.5982"),
            "step_free_access": True,
        },
    )
    office.refresh_from_db()
    assert office.address_fr == "2 rue du Port" and office.name_zgh == "ⴰⴱⵉⵔⵓ ⵏ ⴰⴳⴰⴷⵉⵔ"
    assert office.latitude == Decimal("30.4202") and office.step_free_access
    event = AuditEvent.objects.get(action="office.update")
    assert set(event.changes) == {"name_zgh", "address_fr", "latitude", "longitude", "step_free_access"}
    assert event.changes["step_free_access"] == [False, True] and event.institution == office.institution
    office_update(actor=admin, office=office, values={"address_fr": "2 rue du Port"})  # nothing new: no row
    assert AuditEvent.objects.filter(action="office.update").count() == 1


def test_the_french_name_and_address_are_required(office, admin):
    with pytest.raises(ValidationError) as caught:
        office_update(actor=admin, office=office, values={"name_fr": " ", "address_fr": ""})
    assert {"name_fr", "address_fr"} <= set(caught.value.message_dict)
    office.refresh_from_db()
    assert office.name_fr == "Bureau citoyen d'Agadir" and not AuditEvent.objects.filter(action="office.update")


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("34.02"), Decimal("6.84"), "longitude"),  # the minus sign forgotten: the Indian Ocean side
        (Decimal("48.85"), Decimal("-6.84"), "latitude"),
        (Decimal("34.02"), None, "longitude"),  # one without the other
        (None, Decimal("-6.84"), "latitude"),
    ],
)
def test_a_map_position_outside_morocco_or_half_given_is_refused(office, admin, latitude, longitude, field):
    with pytest.raises(ValidationError) as caught:
        office_update(actor=admin, office=office, values={"latitude": latitude, "longitude": longitude})
    assert field in caught.value.message_dict


def test_the_position_can_be_taken_away(office, admin):
    office_update(actor=admin, office=office, values={"latitude": None, "longitude": None})
    office.refresh_from_db()
    assert office.latitude is None and office.map_url == ""


def test_closing_the_office_to_the_public_takes_its_page_away(client, office, admin):
    office_update(actor=admin, office=office, values={"is_active": False})
    assert client.get(f"/fr/offices/{office.slug}/").status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_but_the_institutions_admins_changes_an_office(office, who):
    actor = OUTSIDERS[who](office)
    with pytest.raises(PermissionDenied):
        office_update(actor=actor, office=office, values={"name_fr": "Autre nom"})
    with pytest.raises(PermissionDenied):
        office_hours_add(actor=actor, office=office, weekday=0, opens=time(8), closes=time(12))
    with pytest.raises(PermissionDenied):
        office_exception_add(actor=actor, office=office, day=_tomorrow())
    office.refresh_from_db()
    assert office.name_fr == "Bureau citoyen d'Agadir" and not OpeningHours.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="office.").exists()


# --- Weekly hours -------------------------------------------------------------------------------


def test_a_day_has_a_morning_and_an_afternoon_and_the_public_page_shows_both(office, admin):
    office_hours_add(actor=admin, office=office, weekday=0, opens=time(8, 30), closes=time(12))
    office_hours_add(actor=admin, office=office, weekday=0, opens=time(14), closes=time(16, 30))
    office_hours_add(actor=admin, office=office, weekday=1, opens=time(8, 30), closes=time(12))  # another day
    assert OpeningHours.objects.filter(office=office).count() == 3
    events = AuditEvent.objects.filter(action="office.hours.add").order_by("pk")
    assert [e.changes["period"] for e in events] == ["08:30–12:00", "14:00–16:30", "08:30–12:00"]
    office = office_get_for_institution(institution=office.institution, slug=office.slug)
    monday = next(d for d in office_status(office=office).week if d.day.weekday() == 0)
    assert monday.periods in ((), ((time(8, 30), time(12)), (time(14), time(16, 30))))  # () if a holiday


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(time(11), time(15)), (time(8), time(9)), (time(8, 30), time(12)), (time(9), time(10))],
)
def test_a_period_overlapping_another_of_the_same_day_is_refused_next_to_the_opening_time(office, admin, opens, closes):
    office_hours_add(actor=admin, office=office, weekday=2, opens=time(8, 30), closes=time(12))
    with pytest.raises(ValidationError) as caught:
        office_hours_add(actor=admin, office=office, weekday=2, opens=opens, closes=closes)
    assert "opens" in caught.value.message_dict and "08:30–12:00" in caught.value.message_dict["opens"][0]
    assert OpeningHours.objects.filter(office=office).count() == 1


def test_a_period_may_start_when_the_previous_one_ends(office, admin):
    office_hours_add(actor=admin, office=office, weekday=2, opens=time(8, 30), closes=time(12))
    office_hours_add(actor=admin, office=office, weekday=2, opens=time(12), closes=time(13))
    assert OpeningHours.objects.filter(office=office).count() == 2


@pytest.mark.parametrize("closes", [time(8), time(7)])
def test_an_office_closes_after_it_opens(office, admin, closes):
    with pytest.raises(ValidationError) as caught:
        office_hours_add(actor=admin, office=office, weekday=0, opens=time(8), closes=closes)
    assert "closes" in caught.value.message_dict


def test_removing_a_period_is_audited(office, admin):
    period = office_hours_add(actor=admin, office=office, weekday=4, opens=time(8), closes=time(12))
    office_hours_remove(actor=admin, hours=period)
    assert not OpeningHours.objects.exists()
    assert AuditEvent.objects.get(action="office.hours.remove").changes == {"weekday": 4, "period": "08:00–12:00"}
    other = OfficeFactory(institution=office.institution)
    with pytest.raises(PermissionDenied):
        office_hours_remove(actor=staff(Role.FRONT_DESK, institution=office.institution), hours=other.hours.first())


# --- Dated changes ------------------------------------------------------------------------------


def test_a_closure_with_its_reason_in_each_language_shows_on_the_office_page(office, admin):
    day = _tomorrow()
    office_exception_add(
        actor=admin,
        office=office,
        day=day,
        closed=True,
        opens=time(9),  # ignored: closed all day
        closes=time(12),
        reason={"fr": "Travaux", "ar": "أشغال", "zgh": "ⵉⵙⵓⵍⴰⵏ"},
    )
    exception = OpeningException.objects.get()
    assert exception.closed and exception.opens is None and exception.reason_ar == "أشغال"
    event = AuditEvent.objects.get(action="office.exception.add")
    assert event.changes["date"] == day.isoformat() and event.changes["reason"]["fr"] == "Travaux"
    tomorrow = office_status(office=office).week[1]
    assert tomorrow.closed and tomorrow.note == "Travaux"


def test_other_hours_on_a_day_need_both_times_closing_after_opening(office, admin):
    with pytest.raises(ValidationError) as caught:
        office_exception_add(actor=admin, office=office, day=_tomorrow(), closed=False)
    assert {"opens", "closes"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        office_exception_add(actor=admin, office=office, day=_tomorrow(), closed=False, opens=time(12), closes=time(9))
    assert "closes" in caught.value.message_dict
    office_exception_add(actor=admin, office=office, day=_tomorrow(), closed=False, opens=time(9), closes=time(12))
    assert office_status(office=office).week[1].periods == ((time(9), time(12)),)


def test_a_day_passed_is_refused_and_a_day_has_one_change_only(office, admin):
    with pytest.raises(ValidationError) as caught:
        office_exception_add(actor=admin, office=office, day=clock.today() - timedelta(days=1))
    assert "date" in caught.value.message_dict
    office_exception_add(actor=admin, office=office, day=clock.today())  # today is still to come
    with pytest.raises(ValidationError) as caught:
        office_exception_add(actor=admin, office=office, day=clock.today())  # a second click
    assert "date" in caught.value.message_dict
    assert OpeningException.objects.count() == 1


def test_removing_a_change_to_come_is_audited_and_a_passed_one_is_kept(office, admin):
    exception = office_exception_add(actor=admin, office=office, day=_tomorrow())
    office_exception_remove(actor=admin, exception=exception)
    assert not OpeningException.objects.exists()
    assert AuditEvent.objects.filter(action="office.exception.remove").exists()
    passed = OpeningException.objects.create(office=office, date=clock.today() - timedelta(days=3))
    with pytest.raises(ValidationError):
        office_exception_remove(actor=admin, exception=passed)
    assert OpeningException.objects.filter(pk=passed.pk).exists()


# --- Selectors ----------------------------------------------------------------------------------


def test_the_selectors_find_only_the_institutions_own_office_and_its_rows(office, admin):
    other = OfficeFactory()
    assert office_get_for_institution(institution=office.institution, slug=office.slug) == office
    assert office_get_for_institution(institution=office.institution, slug=other.slug) is None
    closed = OfficeFactory(institution=office.institution, closed_to_public=True)
    assert office_get_for_institution(institution=office.institution, slug=closed.slug) == closed
    theirs = other.hours.first()
    assert office_hours_get(office=office, pk=theirs.pk) is None
    assert office_hours_get(office=other, pk=theirs.pk) == theirs
    mine = office_exception_add(actor=admin, office=office, day=_tomorrow())
    OpeningException.objects.create(office=office, date=clock.today() - timedelta(days=1))
    OpeningException.objects.create(office=other, date=_tomorrow())
    assert list(office_exceptions_to_come(office=office, since=clock.today())) == [mine]
    assert office_exception_get(office=other, pk=mine.pk) is None
