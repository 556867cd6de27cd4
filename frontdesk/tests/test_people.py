"""The person in front of a desk agent: finding them, their page, their consent, their identity checks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Assurance, IdentityCheck, Role, User
from accounts.selectors import has_assurance
from accounts.services import identity_check_record
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from audit.services import SYSTEM
from frontdesk.models import DeskConsent
from frontdesk.people import mask_email, mask_phone, phone_tail
from frontdesk.people_services import desk_consent_record
from frontdesk.services import counter_open
from frontdesk.tests.factories import CounterFactory
from information.tests.factories import InformationRequestFactory
from institutions.tests.factories import OfficeFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _search_url(office):
    return reverse("frontdesk:people", args=[office.institution.slug])


def _person_url(office, person, name="frontdesk:person", *extra):
    return reverse(name, args=[office.institution.slug, person.public_id, *extra])


def _search(client, office, kind, query, reason="walk-in, assisted filing", **extra):
    return client.post(_search_url(office), {"kind": kind, "query": query, "reason": reason, **extra})


def _found(response):
    return [person for person, _email, _phone in response.context["rows"]]


def _check(agent, office, person, number="AB123456"):
    return identity_check_record(
        actor=agent, user=person, office=office, document_kind="cnie", document_number=number, context=SYSTEM
    )


@pytest.fixture
def desk(client, agent):
    client.force_login(agent)
    return client


# --- Normalising and masking ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["06 12 34 56 78", "0612345678", "+212 6 12-34-56-78", "00212612345678", "٠٦١٢٣٤٥٦٧٨"]
)
def test_every_way_of_writing_a_moroccan_mobile_gives_its_last_nine_digits(typed):
    assert phone_tail(typed) == "612345678"


def test_a_phone_number_too_short_gives_nothing_to_search():
    assert phone_tail("12 34") == ""


def test_results_show_contact_details_masked():
    assert mask_email("fatima.alaoui@mail.ma") == "f•••@m•••.ma"
    assert mask_phone("+212612345678") == "•• •• •• •• 78"
    assert mask_email("") == "" and mask_phone("") == ""


# --- Finding a person ----------------------------------------------------------------------------------


def test_search_by_name_finds_part_of_the_name_in_any_case_and_no_one_else(desk, office):
    hajar = UserFactory(full_name="Hajar Alaoui")
    UserFactory(full_name="Karim Bennani")
    response = _search(desk, office, "name", "  ALAOU ")
    assert response.status_code == 200 and _found(response) == [hajar]


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "+212612345678", "00212 612 345 678"])
def test_search_by_phone_finds_the_number_whatever_its_prefix(desk, office, typed):
    person = UserFactory(phone="+212612345678")
    written_with_spaces = UserFactory(phone="06 12 34 56 78")
    UserFactory(phone="+212612345679")
    UserFactory(phone="")
    assert set(_found(_search(desk, office, "phone", typed))) == {person, written_with_spaces}


def test_search_by_email_is_exact_and_ignores_case(desk, office):
    person = UserFactory(email="hajar.alaoui@example.org")
    UserFactory(email="hajar.alaoui2@example.org")
    assert _found(_search(desk, office, "email", "Hajar.Alaoui@Example.org")) == [person]
    response = _search(desk, office, "email", "hajar")
    assert "query" in response.context["form"].errors and response.context["page"] is None


def test_search_by_reference_finds_the_requester_of_an_information_request(desk, office):
    request = InformationRequestFactory(reference="INF-TEST-2026-000042")
    InformationRequestFactory(reference="INF-TEST-2026-000043")
    assert _found(_search(desk, office, "reference", " inf-test-2026-000042 ")) == [request.requester]


def test_search_by_reference_finds_the_applicant_of_an_application(desk, office):
    from applications.tests.factories import submitted

    application = submitted()
    submitted(procedure=application.procedure)
    assert _found(_search(desk, office, "reference", application.reference)) == [application.applicant]


def test_search_by_identity_number_finds_the_verified_account_only_while_the_check_stands(desk, office, agent):
    person = UserFactory()
    check = _check(agent, office, person, number="AB 123456")
    UserFactory()
    response = _search(desk, office, "identity", "ab123456")
    assert _found(response) == [person]
    assert "123456" not in response.content.decode()  # the number typed is not sent back
    IdentityCheck.objects.filter(pk=check.pk).update(revoked_at=check.checked_at)
    assert _found(_search(desk, office, "identity", "AB123456")) == []


def test_an_erased_or_closed_account_is_not_found(desk, office):
    UserFactory(full_name="Hajar Alaoui", is_active=False)
    assert _found(_search(desk, office, "name", "Hajar")) == []


def test_a_look_up_needs_a_reason_and_is_not_made_without_one(desk, office):
    UserFactory(full_name="Hajar Alaoui")
    response = _search(desk, office, "name", "Hajar", reason="")
    assert "reason" in response.context["form"].errors and response.context["page"] is None
    assert not AuditEvent.objects.filter(action="frontdesk.person.lookup").exists()


def test_each_look_up_writes_one_audit_row_with_its_kind_and_reason_never_what_was_typed(desk, office, agent):
    person = UserFactory(full_name="Hajar Alaoui", phone="+212612345678")
    _search(desk, office, "name", "Hajar", reason="renewal of a certificate")
    _search(desk, office, "phone", "0612345678", reason="renewal of a certificate")
    events = list(AuditEvent.objects.filter(action="frontdesk.person.lookup").order_by("id"))
    assert len(events) == 2
    assert [e.changes["kind"] for e in events] == ["name", "phone"]
    for event in events:
        assert event.actor == agent and event.institution == office.institution
        assert event.changes["reason"] == "renewal of a certificate" and event.changes["found"] == 1
        assert event.changes["shown"] == [str(person.public_id)]
        written = json.dumps(event.changes) + event.object_repr
        assert "Hajar" not in written and "612345678" not in written


def test_an_identity_number_never_reaches_the_audit_trail(desk, office, agent):
    _check(agent, office, UserFactory(), number="ZX998877")
    _search(desk, office, "identity", "ZX998877")
    event = AuditEvent.objects.get(action="frontdesk.person.lookup")
    assert event.changes["kind"] == "identity"
    written = json.dumps(event.changes) + event.object_repr + str(event.hash)
    assert "998877" not in written.upper() and "ZX" not in written


def test_results_are_paged_twenty_at_a_time_and_each_page_is_audited(desk, office):
    for n in range(23):
        UserFactory(full_name=f"Alaoui {n:02d}")
    first = _search(desk, office, "name", "Alaoui")
    assert len(_found(first)) == 20 and first.context["page"].paginator.count == 23
    second = _search(desk, office, "name", "Alaoui", page="2")
    assert len(_found(second)) == 3
    assert AuditEvent.objects.filter(action="frontdesk.person.lookup").count() == 2


def test_results_show_masked_contacts_and_no_files(desk, office):
    person = UserFactory(full_name="Hajar Alaoui", email="hajar@example.org", phone="+212612345678")
    InformationRequestFactory(requester=person, reference="INF-TEST-2026-000777")
    html = _search(desk, office, "name", "Hajar").content.decode()
    assert "h•••@e•••.org" in html and "•• 78" in html
    assert "hajar@example.org" not in html and "612345678" not in html and "000777" not in html


def test_the_old_find_a_person_address_leads_to_the_new_search(desk, office):
    response = desk.get(reverse("backoffice:person", args=[office.institution.slug]))
    assert response.status_code == 302 and response["Location"] == _search_url(office)


@pytest.mark.parametrize("rows", [1, 20])
def test_search_query_count_does_not_grow_with_results(desk, office, rows, django_assert_max_num_queries):
    for n in range(rows):
        UserFactory(full_name=f"Alaoui {n:02d}")
    desk.get(_search_url(office))  # the session's second factor is checked once
    # 4 for every staff page, count and page, the role check, the audit row (chain head, row, head; 4 savepoints)
    with django_assert_max_num_queries(14):
        response = _search(desk, office, "name", "Alaoui")
    assert len(_found(response)) == rows


# --- The person's page and their consent -----------------------------------------------------------------


def test_files_stay_hidden_until_the_person_agrees_then_show_with_their_status(desk, office, agent):
    person = UserFactory()
    InformationRequestFactory(requester=person, reference="INF-TEST-2026-000123")
    before = desk.get(_person_url(office, person))
    assert before.status_code == 200 and before.context["cases"] is None
    assert "INF-TEST-2026-000123" not in before.content.decode()
    answer = desk.post(_person_url(office, person, "frontdesk:person_consent"), {"agreed": "on", "office": office.pk})
    assert answer.status_code == 302
    consent = DeskConsent.objects.get()
    assert consent.person == person and consent.agent == agent and consent.office == office
    after = desk.get(_person_url(office, person))
    assert "INF-TEST-2026-000123" in after.content.decode()
    assert [item.reference for item, _kind, _url in after.context["files"]] == ["INF-TEST-2026-000123"]
    assert AuditEvent.objects.filter(action="frontdesk.consent.record", acting_for=person).exists()
    views = AuditEvent.objects.filter(action="frontdesk.person.view", object_id=str(person.pk)).order_by("id")
    assert [e.changes["cases_shown"] for e in views] == [False, True]


def test_consent_needs_the_box_ticked(desk, office):
    person = UserFactory()
    response = desk.post(_person_url(office, person, "frontdesk:person_consent"), {"office": office.pk})
    assert response.status_code == 200 and "agreed" in response.context["consent_form"].errors
    assert not DeskConsent.objects.exists()


def test_consent_cannot_name_another_institutions_office(desk, office):
    person = UserFactory()
    elsewhere = OfficeFactory()
    response = desk.post(
        _person_url(office, person, "frontdesk:person_consent"), {"agreed": "on", "office": elsewhere.pk}
    )
    assert response.status_code == 200 and "office" in response.context["consent_form"].errors
    assert not DeskConsent.objects.exists()


def test_the_consent_form_proposes_the_office_of_the_agents_open_counter(desk, office, agent):
    OfficeFactory(institution=office.institution, name_fr="Annexe")
    counter_open(actor=agent, counter=CounterFactory(office=office), context=SYSTEM)
    response = desk.get(_person_url(office, UserFactory()))
    assert response.context["consent_form"].initial["office"] == office.pk


def test_consent_is_for_the_agent_who_asked_not_their_colleagues(client, office, agent):
    person = UserFactory()
    InformationRequestFactory(requester=person)
    desk_consent_record(actor=agent, person=person, office=office)
    colleague = staff(Role.FRONT_DESK, institution=office.institution)
    client.force_login(colleague)
    assert client.get(_person_url(office, person)).context["cases"] is None


def test_consent_ends_with_the_day(desk, office, agent, freezer):
    person = UserFactory()
    InformationRequestFactory(requester=person)
    consent = desk_consent_record(actor=agent, person=person, office=office)
    assert consent.expires_at.date() == (freezer.at + timedelta(days=1)).date()
    assert desk.get(_person_url(office, person)).context["cases"] is not None
    freezer.tick(timedelta(hours=13, minutes=59))  # 23:59 the same day
    assert desk.get(_person_url(office, person)).context["cases"] is not None
    freezer.tick(timedelta(minutes=2))  # 00:01 the next day
    assert desk.get(_person_url(office, person)).context["cases"] is None


def test_the_agent_hides_the_files_again_when_the_person_asks(desk, office, agent):
    person = UserFactory()
    desk_consent_record(actor=agent, person=person, office=office)
    answer = desk.post(_person_url(office, person, "frontdesk:person_consent_end"))
    assert answer.status_code == 302
    assert desk.get(_person_url(office, person)).context["cases"] is None
    assert AuditEvent.objects.filter(action="frontdesk.consent.end").count() == 1


def test_a_staff_case_link_is_given_only_to_an_agent_who_also_handles_such_cases(client, office):
    from accounts.models import Membership

    person = UserFactory()
    ours = InformationRequestFactory(requester=person, institution=office.institution)
    theirs = InformationRequestFactory(requester=person)
    agent = staff(Role.FRONT_DESK, institution=office.institution)
    client.force_login(agent)
    desk_consent_record(actor=agent, person=person, office=office)
    links = {item.reference: url for item, _kind, url in client.get(_person_url(office, person)).context["files"]}
    assert links == {ours.reference: "", theirs.reference: ""}
    Membership.objects.create(user=agent, institution=office.institution, role=Role.INFORMATION_OFFICER)
    links = {item.reference: url for item, _kind, url in client.get(_person_url(office, person)).context["files"]}
    assert links[ours.reference] == reverse("information:staff_request", args=[office.institution.slug, ours.public_id])
    assert links[theirs.reference] == ""


def test_an_unknown_or_erased_person_is_not_found(desk, office):
    gone = UserFactory(is_active=False)
    assert desk.get(_person_url(office, gone)).status_code == 404


@pytest.mark.parametrize("rows", [1, 20])
def test_person_page_query_count_does_not_grow_with_files(desk, office, agent, rows, django_assert_max_num_queries):
    person = UserFactory()
    for _ in range(rows):
        InformationRequestFactory(requester=person, institution=office.institution)
    _check(agent, office, person)
    desk_consent_record(actor=agent, person=person, office=office)
    desk.get(_person_url(office, person))
    from core.registry import my_office_items

    # 4 for every staff page, the person, the consent, one per module's files, the audited view (with its role
    # check and savepoints), the open counter, the checks, the offices of the two forms
    with django_assert_max_num_queries(19 + len(my_office_items.values())):
        response = desk.get(_person_url(office, person))
    assert len(response.context["files"]) == rows


# --- Identity checks at the desk -----------------------------------------------------------------------------


def _identity(client, office, person, number="AB123456", **extra):
    data = {"office": office.pk, "document_kind": "cnie", "document_number": number, "seen": "on", **extra}
    return client.post(_person_url(office, person, "frontdesk:person_identity_check"), data)


def test_an_identity_document_seen_at_the_desk_raises_the_persons_level(desk, office):
    person = UserFactory(verified=True)
    answer = _identity(desk, office, person)
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.assurance_level == Assurance.IDENTITY_CHECKED and has_assurance(person, Assurance.IDENTITY_CHECKED)
    assert Notification.objects.filter(recipient=person, template="identity_checked").exists()
    page = desk.get(_person_url(office, person)).content.decode()
    assert f"check-{IdentityCheck.objects.get().pk}" in page


def test_the_agent_must_say_the_document_was_seen_in_person(desk, office):
    person = UserFactory()
    response = _identity(desk, office, person, seen="")
    assert response.status_code == 200 and "seen" in response.context["identity_form"].errors
    assert not IdentityCheck.objects.exists()
    assert "AB123456" not in response.content.decode()


def test_a_document_already_on_another_account_is_shown_to_the_agent_and_not_recorded_twice(desk, office, agent):
    other = UserFactory(full_name="Hajar Ancienne")
    _check(agent, office, other, number="AB123456")
    person = UserFactory(full_name="Hajar Nouvelle")
    response = _identity(desk, office, person, number="ab-123456")
    assert response.status_code == 200 and response.context["duplicates"] == [other]
    html = response.content.decode()
    assert 'id="duplicate-document"' in html and _person_url(office, other) in html
    assert "123456" not in html
    assert not IdentityCheck.objects.filter(user=person).exists()
    event = AuditEvent.objects.get(action="frontdesk.person.lookup")
    assert event.changes["kind"] == "identity" and event.changes["shown"] == [str(other.public_id)]


def test_withdrawing_a_check_at_the_desk_drops_the_level_and_is_audited(desk, office, agent):
    person = UserFactory(verified=True)
    check = _check(agent, office, person)
    url = _person_url(office, person, "frontdesk:person_identity_revoke", check.pk)
    refused = desk.post(url, {"reason": ""})
    assert refused.status_code == 200 and IdentityCheck.objects.get().revoked_at is None
    answer = desk.post(url, {"reason": "wrong person's card"})
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.assurance_level == Assurance.EMAIL_VERIFIED
    assert not has_assurance(person, Assurance.IDENTITY_CHECKED)
    event = AuditEvent.objects.get(action="account.identity_check_revoke")
    assert event.changes["reason"] == "wrong person's card" and event.institution == office.institution


def test_a_check_made_by_another_institution_has_no_withdraw_button_and_cannot_be_withdrawn(client, office):
    elsewhere = OfficeFactory()
    person = UserFactory()
    check = _check(staff(Role.FRONT_DESK, institution=elsewhere.institution), elsewhere, person)
    client.force_login(staff(Role.FRONT_DESK, institution=office.institution))
    page = client.get(_person_url(office, person))
    assert page.context["checks"] == [(check, None)]
    answer = client.post(
        _person_url(office, person, "frontdesk:person_identity_revoke", check.pk), {"reason": "looks wrong"}
    )
    assert answer.status_code == 403 and IdentityCheck.objects.get().revoked_at is None


# --- Who may come in ----------------------------------------------------------------------------------------------


def _pages(office, person, check):
    return [
        ("get", _search_url(office), {}),
        ("post", _search_url(office), {"kind": "name", "query": "Person", "reason": "x"}),
        ("get", _person_url(office, person), {}),
        ("post", _person_url(office, person, "frontdesk:person_consent"), {"agreed": "on", "office": office.pk}),
        ("post", _person_url(office, person, "frontdesk:person_consent_end"), {}),
        (
            "post",
            _person_url(office, person, "frontdesk:person_identity_check"),
            {"office": office.pk, "document_kind": "cnie", "document_number": "QQ1234", "seen": "on"},
        ),
        ("post", _person_url(office, person, "frontdesk:person_identity_revoke", check.pk), {"reason": "x"}),
    ]


@pytest.fixture
def someone(office, agent):
    person = UserFactory()
    return person, _check(agent, office, person)


def _visit(client, method, url, data):
    return getattr(client, method)(url, data)


def test_anonymous_visitors_are_sent_to_sign_in(client, office, someone):
    for method, url, data in _pages(office, *someone):
        response = _visit(client, method, url, data)
        assert response.status_code == 302 and reverse("account_login") in response["Location"], url


@pytest.mark.parametrize(
    "who",
    ["citizen", "case_officer_here", "desk_agent_elsewhere", "moderator_here"],
)
def test_only_the_institutions_desk_agents_and_admins_come_in(client, office, someone, who):
    users = {
        "citizen": lambda: UserFactory(),
        "case_officer_here": lambda: staff(Role.CASE_OFFICER, institution=office.institution),
        "desk_agent_elsewhere": lambda: staff(Role.FRONT_DESK),
        "moderator_here": lambda: staff(Role.MODERATOR, institution=office.institution),
    }
    client.force_login(users[who]())
    for method, url, data in _pages(office, *someone):
        assert _visit(client, method, url, data).status_code == 403, url
    assert not DeskConsent.objects.exists()
    assert IdentityCheck.objects.get().revoked_at is None
    assert not AuditEvent.objects.filter(action__startswith="frontdesk.").exists()


def test_the_institutions_admin_finds_and_serves_a_person_too(client, office, someone):
    person, _check_made = someone
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=office.institution))
    assert client.get(_search_url(office)).status_code == 200
    assert client.get(_person_url(office, person)).status_code == 200
    answer = client.post(_person_url(office, person, "frontdesk:person_consent"), {"agreed": "on", "office": office.pk})
    assert answer.status_code == 302 and DeskConsent.objects.filter(person=person).exists()


def test_consent_service_refuses_anyone_not_at_the_institutions_desk(office):
    from django.core.exceptions import PermissionDenied

    person = UserFactory()
    for actor in (UserFactory(), staff(Role.CASE_OFFICER, institution=office.institution), staff(Role.FRONT_DESK)):
        with pytest.raises(PermissionDenied):
            desk_consent_record(actor=actor, person=person, office=office)


def test_the_person_may_be_another_staff_member_but_a_users_page_needs_a_real_id(desk, office):
    url = reverse("frontdesk:person", args=[office.institution.slug, "00000000-0000-0000-0000-000000000000"])
    assert desk.get(url).status_code == 404
    assert User.objects.filter(public_id="00000000-0000-0000-0000-000000000000").count() == 0
