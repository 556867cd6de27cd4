from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from institutions.models import Holiday, InstitutionKind, OpeningException
from institutions.selectors import office_status, working_calendar
from institutions.services import holiday_set
from institutions.tests.factories import InstitutionFactory, OfficeFactory
from territories.models import Territory

pytestmark = pytest.mark.django_db
CASA = ZoneInfo("Africa/Casablanca")


def test_directory_filters_by_kind_region_and_name_in_any_language(client):
    rabat = Territory.objects.get(code="04.421.01.0")
    tanger = Territory.objects.get(code="01.511.01.0")
    InstitutionFactory(name_fr="Commune de Rabat", name_ar="جماعة الرباط", territory=rabat)
    InstitutionFactory(name_fr="Commune de Tanger", territory=tanger)
    InstitutionFactory(name_fr="Ministère X", kind=InstitutionKind.NATIONAL)
    InstitutionFactory(name_fr="Commune cachée", off_platform=True)
    url = reverse("institutions:directory")

    def names(**params):
        return {i.name_fr for i in client.get(url, params).context["page"].object_list}

    assert names(kind="national") == {"Ministère X"}
    assert names(region=Territory.objects.get(code="04").pk) == {"Commune de Rabat"}
    assert names(q="الرباط") == {"Commune de Rabat"}
    assert "Commune cachée" not in names()


def test_directory_keeps_what_was_typed_when_a_filter_is_invalid(client):
    response = client.get(reverse("institutions:directory"), {"q": "Rabat", "kind": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"]["q"].value() == "Rabat"
    assert "kind" in response.context["form"].errors


def test_institution_page_lists_contact_and_offices(client):
    office = OfficeFactory(name_fr="Bureau du centre")
    institution = office.institution
    institution.email = "contact@example.org"
    institution.save()
    response = client.get(reverse("institutions:detail", args=[institution.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bureau du centre" in body and "contact@example.org" in body


def test_off_platform_institution_page_is_not_found(client):
    institution = InstitutionFactory(off_platform=True)
    assert client.get(reverse("institutions:detail", args=[institution.slug])).status_code == 404


def test_office_page_shows_hours_and_a_map_link(client):
    office = OfficeFactory()
    response = client.get(reverse("institutions:office", args=[office.slug]))
    assert response.status_code == 200
    assert "openstreetmap.org" in response.content.decode()
    assert len(response.context["status"].week) == 7


def test_office_is_open_during_its_hours_and_closed_outside():
    office = OfficeFactory()
    monday = date(2026, 3, 16)
    assert office_status(office=office, now=datetime.combine(monday, time(10, 0), CASA)).open_now
    assert not office_status(office=office, now=datetime.combine(monday, time(17, 0), CASA)).open_now
    assert not office_status(office=office, now=datetime(2026, 3, 14, 10, 0, tzinfo=CASA)).open_now  # Saturday


def test_office_is_closed_on_a_public_holiday():
    office = OfficeFactory()
    status = office_status(office=office, now=datetime(2026, 11, 18, 10, 0, tzinfo=CASA))  # Independence Day
    assert not status.open_now and status.today.closed and status.today.note


def test_a_dated_exception_changes_the_hours_of_that_day():
    office = OfficeFactory()
    OpeningException.objects.create(
        office=office, date=date(2026, 12, 31), closed=False, opens=time(8, 30), closes=time(12, 0)
    )
    assert office_status(office=office, now=datetime(2026, 12, 31, 11, 0, tzinfo=CASA)).open_now
    assert not office_status(office=office, now=datetime(2026, 12, 31, 13, 0, tzinfo=CASA)).open_now


def test_institutions_own_day_off_moves_its_deadlines_only():
    from accounts.models import Role
    from accounts.tests.factories import staff

    mine, other = InstitutionFactory(), InstitutionFactory()
    holiday_set(
        actor=staff(Role.INSTITUTION_ADMIN, institution=mine),
        day=date(2026, 3, 17),
        name_fr="Moussem local",
        institution=mine,
    )
    assert not working_calendar(institution=mine).is_working_day(date(2026, 3, 17))
    assert working_calendar(institution=other).is_working_day(date(2026, 3, 17))


def test_seeded_holidays_include_the_estimated_eids():
    eid = (
        Holiday.objects.filter(date__year=2026, name_fr__icontains="Aïd").first()
        or Holiday.objects.filter(date__year=2026, estimated=True).first()
    )
    assert eid is not None and eid.estimated and eid.name_ar


@pytest.mark.parametrize("rows", [1, 30])
def test_directory_query_count_does_not_grow_with_rows(client, rows, django_assert_max_num_queries):
    for _ in range(rows):
        InstitutionFactory(territory=Territory.objects.get(code="04.421.01.0"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("institutions:directory")).status_code == 200


@pytest.mark.parametrize("offices", [1, 15])
def test_institution_page_query_count_does_not_grow_with_offices(client, offices):
    institution = InstitutionFactory()
    for _ in range(offices):
        OfficeFactory(institution=institution)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("institutions:detail", args=[institution.slug]))
    # The page and its offices, then one grouped query per module's record (information, applications).
    assert len(ctx.captured_queries) <= 8


def test_office_page_query_count(client, django_assert_max_num_queries):
    office = OfficeFactory()
    with django_assert_max_num_queries(8):
        client.get(reverse("institutions:office", args=[office.slug]))


def test_directory_search_also_finds_citizen_offices(client):
    OfficeFactory(name_fr="Bureau citoyen de la médina", address_fr="Place de la médina")
    response = client.get(reverse("institutions:directory"), {"q": "médina"})
    assert [o.name_fr for o in response.context["offices"]] == ["Bureau citoyen de la médina"]
    assert client.get(reverse("institutions:directory")).context["offices"] == []


def test_only_administrators_set_holidays():
    from django.core.exceptions import PermissionDenied

    from accounts.models import Role
    from accounts.tests.factories import UserFactory, staff

    institution = InstitutionFactory()
    with pytest.raises(PermissionDenied):
        holiday_set(actor=UserFactory(), day=date(2026, 3, 17), name_fr="X")
    with pytest.raises(PermissionDenied):  # an institution admin cannot add a national holiday
        holiday_set(actor=staff(Role.INSTITUTION_ADMIN, institution=institution), day=date(2026, 3, 17), name_fr="X")
    holiday_set(actor=UserFactory(is_superuser=True), day=date(2026, 3, 17), name_fr="Journée nationale")
    assert not working_calendar().is_working_day(date(2026, 3, 17))
