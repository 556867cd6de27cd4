"""An office's set-up by its institution's admins: counters and desk services (services, selectors), and the pages
for details, hours, dated changes, counters and services (through the test client)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from core import clock
from frontdesk.models import Appointment, Counter, DeskService, ServiceKind
from frontdesk.services import counter_open, ticket_take
from frontdesk.setup import counter_add, counter_set_active, desk_service_save, desk_service_set_active
from frontdesk.setup_selectors import (
    counter_get_for_setup,
    counters_for_setup,
    desk_service_get_for_setup,
    desk_services_for_setup,
    procedures_for_desk,
)
from frontdesk.tests.factories import CounterFactory, DeskServiceFactory
from institutions.models import OpeningException, OpeningHours
from institutions.tests.factories import InstitutionFactory, OfficeFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(office):
    return staff(Role.INSTITUTION_ADMIN, institution=office.institution)


OUTSIDERS = {
    "front_desk_agent": lambda office: staff(Role.FRONT_DESK, institution=office.institution),
    "citizen": lambda office: UserFactory(verified=True),
    "other_institution_admin": lambda office: staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory()),
}


def _values(**over):
    values = {
        "kind": ServiceKind.INFORMATION,
        "procedure": None,
        "name_fr": "Renseignements",
        "name_ar": "الإرشادات",
        "name_en": "",
        "name_zgh": "",
        "prefix": "r",
        "typical_minutes": 5,
        "takes_appointments": False,
        "appointments_per_slot": 1,
        "is_active": True,
        "position": 2,
    }
    values.update(over)
    return values


# --- Counters: services -------------------------------------------------------------------------


def test_an_admin_adds_a_counter_and_the_same_number_twice_is_refused(office, counters, admin):
    counter = counter_add(actor=admin, office=office, number=3)
    assert counter.is_active and counter.office == office
    event = AuditEvent.objects.get(action="frontdesk.counter.add")
    assert event.changes == {"number": 3} and event.institution == office.institution
    with pytest.raises(ValidationError) as caught:
        counter_add(actor=admin, office=office, number=3)  # a second click
    assert "number" in caught.value.message_dict
    assert counter_add(actor=admin, office=OfficeFactory(institution=office.institution), number=3)  # another office
    with pytest.raises(ValidationError):
        counter_add(actor=admin, office=office, number=0)
    assert Counter.objects.filter(office=office).count() == 3


def test_a_counter_is_taken_out_of_use_and_put_back_and_agents_can_no_longer_open_it(
    office, counters, service, admin, agent
):
    counter_set_active(actor=admin, counter=counters[1], active=False)
    counters[1].refresh_from_db()
    assert not counters[1].is_active and list(counters[1].services.all()) == [service]  # its services kept
    assert AuditEvent.objects.get(action="frontdesk.counter.deactivate").changes == {"is_active": [True, False]}
    with pytest.raises(ValidationError):
        counter_open(actor=agent, counter=counters[1])
    counter_set_active(actor=admin, counter=counters[1], active=False)  # nothing new: no second row
    assert AuditEvent.objects.filter(action="frontdesk.counter.deactivate").count() == 1
    back = counter_set_active(actor=admin, counter=counters[1], active=True)
    counter_open(actor=agent, counter=back)


def test_a_counter_an_agent_is_at_stays_in_use(office, counters, service, admin, agent):
    counter_open(actor=agent, counter=counters[0])
    with pytest.raises(ValidationError):
        counter_set_active(actor=admin, counter=counters[0], active=False)
    counters[0].refresh_from_db()
    assert counters[0].is_active


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_but_the_institutions_admins_sets_up_counters_and_services(office, counters, service, who):
    actor = OUTSIDERS[who](office)
    with pytest.raises(PermissionDenied):
        counter_add(actor=actor, office=office, number=9)
    with pytest.raises(PermissionDenied):
        counter_set_active(actor=actor, counter=counters[0], active=False)
    with pytest.raises(PermissionDenied):
        desk_service_save(actor=actor, office=office, values=_values(), counters=[])
    with pytest.raises(PermissionDenied):
        desk_service_set_active(actor=actor, service=service, active=False)
    with pytest.raises(PermissionDenied):
        desk_service_save(actor=None, office=office, values=_values(), counters=[])
    assert Counter.objects.filter(office=office).count() == 2 and DeskService.objects.get().is_active
    assert not AuditEvent.objects.filter(action__startswith="frontdesk.").exists()


# --- Desk services: services --------------------------------------------------------------------


def test_an_admin_adds_a_service_with_its_counters_and_it_is_offered_at_the_kiosk(office, counters, service, admin):
    added = desk_service_save(actor=admin, office=office, values=_values(), counters=[counters[1]])
    assert added.prefix == "R" and list(added.counters.all()) == [counters[1]]
    event = AuditEvent.objects.get(action="frontdesk.service.add")
    assert event.changes["prefix"] == ["", "R"] and event.changes["counters"] == [[], [2]]
    assert ticket_take(actor=None, service=added).number == "R-001"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"prefix": "A"}, "prefix"),  # the existing service's
        ({"prefix": "a"}, "prefix"),  # the same once in capitals
        ({"prefix": "ABCD"}, "prefix"),
        ({"prefix": "A1"}, "prefix"),
        ({"prefix": ""}, "prefix"),
        ({"name_fr": ""}, "name_fr"),
        ({"typical_minutes": 0}, "typical_minutes"),
        ({"kind": ServiceKind.PROCEDURE}, "procedure"),
        ({"takes_appointments": True, "appointments_per_slot": 2}, "appointments_per_slot"),  # one counter
    ],
)
def test_a_service_is_refused_with_the_reason_next_to_its_field(office, counters, service, admin, over, field):
    with pytest.raises(ValidationError) as caught:
        desk_service_save(actor=admin, office=office, values=_values(**over), counters=counters[:1])
    assert field in caught.value.message_dict
    assert DeskService.objects.count() == 1 and not AuditEvent.objects.filter(action="frontdesk.service.add")


def test_a_service_takes_only_this_offices_counters_and_its_institutions_procedures(office, service, admin):
    elsewhere = CounterFactory(office=OfficeFactory(institution=office.institution))
    with pytest.raises(ValidationError) as caught:
        desk_service_save(actor=admin, office=office, values=_values(), counters=[elsewhere])
    assert "counters" in caught.value.message_dict
    theirs = ProcedureFactory(adopted=True)
    with pytest.raises(ValidationError) as caught:
        desk_service_save(actor=admin, office=office, values=_values(procedure=theirs), counters=[])
    assert "procedure" in caught.value.message_dict
    ours = ProcedureFactory(institution=office.institution, state="published")
    saved = desk_service_save(
        actor=admin, office=office, values=_values(kind=ServiceKind.PROCEDURE, procedure=ours), counters=[]
    )
    assert saved.procedure == ours
    with pytest.raises(PermissionDenied):  # another office's service through this office
        desk_service_save(actor=admin, office=office, service=DeskServiceFactory(), values=_values(), counters=[])


def test_editing_a_service_keeps_its_prefix_check_and_audits_only_what_changed(office, counters, service, admin):
    other = desk_service_save(actor=admin, office=office, values=_values(), counters=[])
    desk_service_save(
        actor=admin,
        office=office,
        service=service,
        values={"name_fr": "État civil", "prefix": "A", "typical_minutes": 15},
        counters=[counters[0]],
    )
    event = AuditEvent.objects.get(action="frontdesk.service.update")
    assert event.changes == {"typical_minutes": [10, 15], "counters": [[1, 2], [1]]}
    with pytest.raises(ValidationError) as caught:
        desk_service_save(actor=admin, office=office, service=service, values={"prefix": other.prefix}, counters=[])
    assert "prefix" in caught.value.message_dict
    desk_service_save(actor=admin, office=office, service=service, values={"prefix": "A"}, counters=[counters[0]])
    assert AuditEvent.objects.filter(action="frontdesk.service.update").count() == 1  # nothing new: no row


def test_a_service_no_longer_offered_leaves_the_kiosk_and_those_waiting_are_still_called(
    client, office, counters, service, admin, agent
):
    from frontdesk.services import ticket_call_next

    ticket = ticket_take(actor=None, service=service)
    desk_service_set_active(actor=admin, service=service, active=False)
    assert AuditEvent.objects.filter(action="frontdesk.service.stop").exists()
    assert "État civil" not in client.get(reverse("frontdesk:kiosk", args=[office.slug])).content.decode()
    counter_open(actor=agent, counter=counters[0])
    assert ticket_call_next(actor=agent, counter=counters[0]) == ticket
    desk_service_set_active(actor=admin, service=service, active=True)
    assert "État civil" in client.get(reverse("frontdesk:kiosk", args=[office.slug])).content.decode()


# --- Selectors ----------------------------------------------------------------------------------


def test_the_selectors_return_only_this_offices_rows(office, counters, service):
    other_service = DeskServiceFactory(serving=[CounterFactory()])
    other_counter = other_service.counters.get()
    assert [c.number for c in counters_for_setup(office=office)] == [1, 2]
    assert counters_for_setup(office=office)[0].services_count == 1
    assert counter_get_for_setup(office=office, pk=other_counter.pk) is None
    assert counter_get_for_setup(office=office, pk=counters[0].pk) == counters[0]
    assert list(desk_services_for_setup(office=office)) == [service]
    assert desk_service_get_for_setup(office=office, pk=other_service.pk) is None
    ours = ProcedureFactory(institution=office.institution, state="draft")
    ProcedureFactory(adopted=True)
    ProcedureFactory()  # a national model
    assert list(procedures_for_desk(institution=office.institution)) == [ours]


# --- Pages --------------------------------------------------------------------------------------


def _url(name, office, *args):
    return reverse(f"frontdesk:{name}", args=[office.institution.slug, office.slug, *args])


PAGES = ["manage_office", "manage_hours", "manage_closures", "manage_counters", "manage_services", "manage_service_add"]


def test_anonymous_visitors_are_sent_to_sign_in(client, office):
    for name in PAGES:
        response = client.get(_url(name, office))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["front_desk_agent", "citizen", "case_officer"])
def test_the_pages_are_closed_to_anyone_but_the_admins(client, office, who):
    actor = {
        "front_desk_agent": lambda: staff(Role.FRONT_DESK, institution=office.institution),
        "citizen": lambda: UserFactory(verified=True),
        "case_officer": lambda: staff(Role.CASE_OFFICER, institution=office.institution),
    }[who]()
    client.force_login(actor)
    for name in PAGES:
        assert client.get(_url(name, office)).status_code == 403
    assert client.post(_url("manage_counters", office), {"number": 7}).status_code == 403
    assert not Counter.objects.filter(number=7).exists()


def test_another_institutions_admin_finds_no_such_office(client, office, service):
    theirs = staff(Role.INSTITUTION_ADMIN, institution=InstitutionFactory())
    client.force_login(theirs)
    slug = theirs.memberships.get().institution.slug
    for name in PAGES:
        url = reverse(f"frontdesk:{name}", args=[slug, office.slug])
        assert client.get(url).status_code == 404
    edit = reverse("frontdesk:manage_service_edit", args=[slug, office.slug, service.pk])
    assert client.post(edit, {"name_fr": "Pris"}).status_code == 404
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=office.institution))
    other_office = OfficeFactory(institution=office.institution)  # the same institution, another office
    edit = reverse("frontdesk:manage_service_edit", args=[office.institution.slug, other_office.slug, service.pk])
    assert client.get(edit).status_code == 404


def test_the_offices_page_links_to_each_offices_set_up(client, office, admin):
    client.force_login(admin)
    page = client.get(reverse("backoffice:offices", args=[office.institution.slug])).content.decode()
    assert _url("manage_office", office) in page


def test_every_page_opens_for_an_admin(client, office, counters, service, admin):
    client.force_login(admin)
    for name in PAGES:
        response = client.get(_url(name, office))
        assert response.status_code == 200, name
        assert escape(office.name_fr) in response.content.decode()
    assert client.get(_url("manage_service_edit", office, service.pk)).status_code == 200


def _details(office, **over):
    data = {
        "name_fr": office.name_fr,
        "name_ar": office.name_ar,
        "address_fr": office.address_fr,
        "latitude": "30,4202",  # a comma, as many type it
        "longitude": "-9.5982",
        "email": "bureau@example.org",
        "phone": "+212 528 00 00 00",
        "is_active": "on",
        "step_free_access": "on",
    }
    data.update(over)
    return data


def test_the_details_are_saved_and_a_refused_post_keeps_what_was_typed(client, office, admin):
    client.force_login(admin)
    url = _url("manage_office", office)
    refused = client.post(url, _details(office, name_fr="", address_en="12 Port Street", longitude="9.5982"))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'href="#id_name_fr"' in page and 'href="#id_longitude"' in page  # the error summary, linked
    assert "12 Port Street" in page and 'value="9.5982"' in page
    office.refresh_from_db()
    assert office.address_en == "" and office.email == ""
    saved = client.post(url, _details(office, name_en="Citizen Office Test"))
    assert saved.status_code == 302 and saved["Location"] == url
    office.refresh_from_db()
    assert str(office.latitude) == "30.420200" and office.step_free_access and office.name_en == "Citizen Office Test"
    assert AuditEvent.objects.filter(action="office.update", ip_address__isnull=False).exists()


def test_hours_are_added_an_overlap_is_said_next_to_the_field_and_a_period_removed(client, office, admin):
    OpeningHours.objects.filter(office=office).delete()
    client.force_login(admin)
    url = _url("manage_hours", office)
    assert client.post(url, {"weekday": 0, "opens": "08:30", "closes": "12:00"}).status_code == 302
    assert client.post(url, {"weekday": 0, "opens": "14:00", "closes": "16:30"}).status_code == 302
    refused = client.post(url, {"weekday": 0, "opens": "11:30", "closes": "15:00"})
    page = refused.content.decode()
    assert refused.status_code == 400 and 'id="id_opens_error"' in page and "08:30–12:00" in page
    assert 'value="11:30"' in page and 'value="15:00"' in page
    again = client.post(url, {"weekday": 0, "opens": "14:00", "closes": "16:30"})  # a second click
    assert again.status_code == 400 and OpeningHours.objects.filter(office=office).count() == 2
    assert client.post(url, {"weekday": 1, "opens": "12:00", "closes": "08:00"}).status_code == 400
    period = OpeningHours.objects.get(office=office, opens=time(14))
    remove = _url("manage_hours_remove", office, period.pk)
    assert client.post(remove).status_code == 302
    assert client.post(remove).status_code == 302  # removed already: nothing else happens
    assert client.get(remove).status_code == 405
    assert OpeningHours.objects.filter(office=office).count() == 1


def test_a_closure_is_added_a_passed_day_refused_and_it_shows_on_the_public_page(client, office, admin):
    client.force_login(admin)
    url = _url("manage_closures", office)
    yesterday = clock.today() - timedelta(days=1)
    refused = client.post(url, {"date": yesterday.isoformat(), "closed": "closed", "reason_fr": "Inventaire"})
    assert refused.status_code == 400 and "Inventaire" in refused.content.decode()
    tomorrow = clock.today() + timedelta(days=1)
    missing = client.post(url, {"date": tomorrow.isoformat(), "closed": "open", "opens": "09:00"})
    assert missing.status_code == 400 and 'id="id_closes_error"' in missing.content.decode()
    data = {"date": tomorrow.isoformat(), "closed": "closed", "reason_fr": "Inventaire annuel", "reason_ar": "جرد"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # a second click
    exception = OpeningException.objects.get(office=office)
    assert exception.closed and exception.reason_ar == "جرد"
    client.logout()
    public = client.get(reverse("institutions:office", args=[office.slug]))
    assert public.status_code == 200 and "Inventaire annuel" in public.content.decode()
    client.force_login(admin)
    assert client.post(_url("manage_closure_remove", office, exception.pk)).status_code == 302
    assert not OpeningException.objects.exists()


def test_closing_a_day_with_appointments_booked_says_so_and_links_to_them(client, office, service, admin):
    from datetime import datetime

    from django.contrib.messages import get_messages
    from django.utils import timezone

    day = clock.today() + timedelta(days=2)
    starts = timezone.make_aware(datetime.combine(day, time(9)))
    for state in ("booked", "booked", "cancelled"):
        Appointment.objects.create(
            office=office,
            service=service,
            day=day,
            starts_at=starts,
            ends_at=starts + timedelta(minutes=10),
            state=state,
            created_at=timezone.now(),
            updated_at=timezone.now(),
        )
    client.force_login(admin)
    url = _url("manage_closures", office)
    answer = client.post(url, {"date": day.isoformat(), "closed": "closed"})
    assert answer.status_code == 302
    assert [m.level_tag for m in get_messages(answer.wsgi_request)] == ["success", "warning"]
    page = client.get(url).content.decode()
    link = reverse("frontdesk:staff_appointments", args=[office.institution.slug])
    assert f"{link}?office={office.slug}&amp;day={day.isoformat()}" in page
    assert Appointment.objects.filter(state="booked").count() == 2  # not cancelled by the closure


def test_counters_are_added_once_taken_out_of_use_and_put_back(client, office, counters, admin):
    client.force_login(admin)
    url = _url("manage_counters", office)
    page = client.get(url)
    assert page.context["form"].initial["number"] == 3
    assert client.post(url, {"number": 3}).status_code == 302
    again = client.post(url, {"number": 3})  # a second click
    assert again.status_code == 400 and 'value="3"' in again.content.decode()
    assert Counter.objects.filter(office=office).count() == 3
    toggle = _url("manage_counter_in_use", office, counters[0].pk)
    assert client.post(toggle, {"active": "0"}).status_code == 302
    counters[0].refresh_from_db()
    assert not counters[0].is_active
    assert client.post(toggle, {"active": "1"}).status_code == 302
    counters[0].refresh_from_db()
    assert counters[0].is_active
    elsewhere = CounterFactory()
    assert client.post(_url("manage_counter_in_use", office, elsewhere.pk), {"active": "0"}).status_code == 404


def _service_form(counters, **over):
    data = {
        "kind": ServiceKind.INFORMATION,
        "name_fr": "Renseignements",
        "name_ar": "الإرشادات",
        "prefix": "rg",
        "typical_minutes": 5,
        "counters": [c.pk for c in counters],
        "appointments_per_slot": 1,
        "is_active": "on",
        "position": 1,
    }
    data.update(over)
    return data


def test_a_service_is_added_edited_and_stopped_from_the_pages(client, office, counters, service, admin):
    client.force_login(admin)
    add = _url("manage_service_add", office)
    refused = client.post(add, _service_form(counters, prefix="A", name_en="Guidance"))  # the prefix is taken
    page = refused.content.decode()
    assert refused.status_code == 400 and 'href="#id_prefix"' in page and "Guidance" in page
    assert client.post(add, _service_form(counters)).status_code == 302
    added = DeskService.objects.get(prefix="RG")
    assert set(added.counters.all()) == set(counters)
    assert client.post(add, _service_form(counters)).status_code == 400  # a second click
    elsewhere = CounterFactory()
    assert client.post(add, _service_form([elsewhere], prefix="X")).status_code == 400  # not offered as a choice
    edit = _url("manage_service_edit", office, added.pk)
    too_many = client.post(edit, _service_form(counters[:1], takes_appointments="on", appointments_per_slot=2))
    assert too_many.status_code == 400 and 'href="#id_appointments_per_slot"' in too_many.content.decode()
    assert client.post(edit, _service_form(counters[:1], typical_minutes=12)).status_code == 302
    added.refresh_from_db()
    assert added.typical_minutes == 12 and list(added.counters.all()) == [counters[0]]
    stop = _url("manage_service_offered", office, added.pk)
    assert client.post(stop, {"active": "0"}).status_code == 302
    added.refresh_from_db()
    assert not added.is_active
    listing = client.get(_url("manage_services", office)).content.decode()
    assert "Renseignements" in listing and "État civil" in listing


@pytest.mark.parametrize("rows", [1, 20])
def test_the_pages_queries_do_not_grow_with_rows(client, office, admin, rows, django_assert_max_num_queries):
    OpeningHours.objects.filter(office=office).delete()
    for n in range(rows):
        counter = CounterFactory(office=office, number=n + 1)
        DeskServiceFactory(office=office, prefix="ABCDEFGHJKLMNPQRSTUVWXYZ"[n], serving=[counter])
        OpeningHours.objects.create(
            office=office, weekday=n % 7, opens=time(6 + n // 7 * 4), closes=time(9 + n // 7 * 4)
        )
        OpeningException.objects.create(office=office, date=clock.today() + timedelta(days=n + 1), reason_fr="Fermé")
    client.force_login(admin)
    # 4 for every staff page (session, person, roles, messages), the office, then the page's own.
    budget = {
        "manage_office": 6,
        "manage_hours": 6,
        "manage_closures": 7,
        "manage_counters": 6,
        "manage_services": 7,
        "manage_service_add": 8,
    }
    for name, most in budget.items():
        with django_assert_max_num_queries(most):
            response = client.get(_url(name, office))
        assert response.status_code == 200, name
    with django_assert_max_num_queries(10):
        assert client.get(_url("manage_service_edit", office, DeskService.objects.first().pk)).status_code == 200
