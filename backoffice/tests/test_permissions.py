"""Tenant isolation and roles: every back-office page, every kind of visitor."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from associations.models import Association
from associations.services import association_create
from audit.models import AuditEvent
from audit.services import audit_record
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["backoffice:audit", "backoffice:outbox", "backoffice:staff", "backoffice:associations"]
ANY_STAFF_PAGES = ["backoffice:queue"]
DESK_PAGES = ["backoffice:person"]


@pytest.fixture
def home_institution():
    return InstitutionFactory()


def _url(name, institution):
    return reverse(name, args=[institution.slug])


@pytest.mark.parametrize("name", ADMIN_PAGES + ANY_STAFF_PAGES + DESK_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, home_institution, name):
    response = client.get(_url(name, home_institution))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES + ANY_STAFF_PAGES + DESK_PAGES)
def test_citizen_gets_403(client, home_institution, name):
    client.force_login(UserFactory())
    assert client.get(_url(name, home_institution)).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES + ANY_STAFF_PAGES + DESK_PAGES)
def test_staff_of_another_institution_gets_403(client, home_institution, name):
    client.force_login(staff(Role.INSTITUTION_ADMIN))  # admin elsewhere
    assert client.get(_url(name, home_institution)).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES)
@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CASE_OFFICER, Role.MODERATOR, Role.DECISION_MAKER])
def test_wrong_role_gets_403_on_admin_pages(client, home_institution, name, role):
    client.force_login(staff(role, institution=home_institution))
    assert client.get(_url(name, home_institution)).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES + ANY_STAFF_PAGES)
def test_institution_admin_reaches_admin_pages(client, home_institution, name):
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=home_institution))
    assert client.get(_url(name, home_institution)).status_code == 200


def test_moderator_cannot_look_up_people(client, home_institution):
    client.force_login(staff(Role.MODERATOR, institution=home_institution))
    assert client.get(_url("backoffice:person", home_institution)).status_code == 403


def test_institution_switcher_lists_only_my_institutions(client):
    user = staff(Role.CASE_OFFICER)
    second = InstitutionFactory(name_fr="Deuxième institution")
    from accounts.models import Membership

    Membership.objects.create(user=user, institution=second, role=Role.FRONT_DESK)
    InstitutionFactory(name_fr="Pas la mienne")
    client.force_login(user)
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200
    names = [entry["institution"].name_fr for entry in response.context["institutions"]]
    assert "Deuxième institution" in names and "Pas la mienne" not in names and len(names) == 2


def test_staff_with_one_institution_goes_straight_to_its_queue(client):
    user = staff(Role.CASE_OFFICER)
    client.force_login(user)
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:queue", args=[user.memberships.get().institution.slug])


def test_audit_trail_shows_only_this_institutions_events_and_filters(client, home_institution):
    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    other = InstitutionFactory()
    audit_record(actor=admin, action="mine.first", institution=home_institution, object_repr="dossier A")
    audit_record(actor=admin, action="mine.second", institution=home_institution, object_repr="dossier B")
    audit_record(actor=admin, action="theirs", institution=other, object_repr="dossier C")
    client.force_login(admin)
    response = client.get(_url("backoffice:audit", home_institution))
    actions = {e.action for e in response.context["page"].object_list}
    assert {"mine.first", "mine.second"} <= actions and "theirs" not in actions
    response = client.get(_url("backoffice:audit", home_institution), {"obj": "dossier B"})
    assert [e.action for e in response.context["page"].object_list] == ["mine.second"]
    response = client.get(_url("backoffice:audit", home_institution), {"actor": "nobody@"})
    assert list(response.context["page"].object_list) == []


def test_audit_filter_with_an_inverted_date_range_explains_the_problem(client, home_institution):
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=home_institution))
    response = client.get(
        _url("backoffice:audit", home_institution), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert "date_to" in response.context["form"].errors


def test_find_a_person_now_opens_the_desks_search(client, home_institution):
    client.force_login(staff(Role.FRONT_DESK, institution=home_institution))
    response = client.get(_url("backoffice:person", home_institution))
    assert response.status_code == 302
    assert response["Location"] == reverse("frontdesk:people", args=[home_institution.slug])


def test_admin_verifies_an_association_declared_to_their_institution_only(client, home_institution):
    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    citizen = UserFactory()
    mine = association_create(actor=citizen, name="A", registration_number="1", registered_with=home_institution)
    theirs = association_create(actor=citizen, name="B", registration_number="2", registered_with=InstitutionFactory())
    client.force_login(admin)
    response = client.post(reverse("backoffice:association_verify", args=[home_institution.slug, mine.public_id]))
    assert response.status_code == 302
    assert Association.objects.get(pk=mine.pk).is_verified
    response = client.post(reverse("backoffice:association_verify", args=[home_institution.slug, theirs.public_id]))
    assert response.status_code == 404
    assert not Association.objects.get(pk=theirs.pk).is_verified


def test_outbox_lists_only_this_institutions_messages(client, home_institution):
    from notifications.models import Notification

    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    citizen = UserFactory()
    for institution, subject in ((home_institution, "ours"), (InstitutionFactory(), "theirs")):
        Notification.objects.create(
            recipient=citizen,
            institution=institution,
            channel="email",
            template="t",
            language="fr",
            subject=subject,
            body="b",
        )
    client.force_login(admin)
    subjects = [n.subject for n in client.get(_url("backoffice:outbox", home_institution)).context["page"].object_list]
    assert subjects == ["ours"]


def test_staff_list_shows_only_this_institutions_people(client, home_institution):
    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    staff(Role.CASE_OFFICER)  # elsewhere
    client.force_login(admin)
    members = client.get(_url("backoffice:staff", home_institution)).context["page"].object_list
    assert {m.institution_id for m in members} == {home_institution.pk}


def test_association_list_shows_only_those_declared_here(client, home_institution):
    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    citizen = UserFactory()
    association_create(actor=citizen, name="Ici", registration_number="1", registered_with=home_institution)
    association_create(actor=citizen, name="Ailleurs", registration_number="2", registered_with=InstitutionFactory())
    client.force_login(admin)
    names = [a.name for a in client.get(_url("backoffice:associations", home_institution)).context["page"].object_list]
    assert names == ["Ici"]


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize(
    "name", ["backoffice:audit", "backoffice:outbox", "backoffice:staff", "backoffice:associations"]
)
def test_back_office_lists_query_count_does_not_grow(
    client, home_institution, rows, name, django_assert_max_num_queries
):
    from notifications.models import Notification

    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    citizen = UserFactory()
    for i in range(rows):
        audit_record(actor=citizen, action="x", institution=home_institution)
        Notification.objects.create(
            recipient=citizen,
            institution=home_institution,
            channel="email",
            template="t",
            language="fr",
            subject="s",
            body="b",
        )
        staff(Role.CASE_OFFICER, institution=home_institution, mfa=False)
        association_create(actor=citizen, name=f"A{i}", registration_number=str(i), registered_with=home_institution)
    client.force_login(admin)
    client.get(_url(name, home_institution))  # the session's MFA check is made once
    with django_assert_max_num_queries(8):
        response = client.get(_url(name, home_institution))
    assert response.status_code == 200
    expected = {
        "backoffice:audit": "<code>x</code>",
        "backoffice:outbox": '<td dir="auto">s</td>',
        "backoffice:staff": escape(admin.full_name),
        "backoffice:associations": f"A{rows - 1}",
    }
    assert expected[name] in response.content.decode()


def test_admin_gives_and_withdraws_a_role_and_both_are_audited(client, home_institution):
    from accounts.models import Membership

    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    person = UserFactory(email="nouvel.agent@example.org")
    client.force_login(admin)
    response = client.post(
        _url("backoffice:staff", home_institution), {"email": "Nouvel.Agent@example.org", "role": "front_desk"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person, institution=home_institution, role=Role.FRONT_DESK)
    response = client.post(reverse("backoffice:staff_revoke", args=[home_institution.slug, membership.pk]))
    membership.refresh_from_db()
    assert not membership.is_active
    assert set(AuditEvent.objects.filter(institution=home_institution).values_list("action", flat=True)) >= {
        "membership.grant",
        "membership.revoke",
    }


def test_giving_a_role_to_an_unknown_email_explains_and_keeps_the_input(client, home_institution):
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=home_institution))
    response = client.post(
        _url("backoffice:staff", home_institution), {"email": "nobody@example.org", "role": "front_desk"}
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert 'value="nobody@example.org"' in response.content.decode()


def test_admin_cannot_withdraw_a_role_in_another_institution(client, home_institution):
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=home_institution))
    elsewhere = staff(Role.CASE_OFFICER).memberships.get()
    response = client.post(reverse("backoffice:staff_revoke", args=[home_institution.slug, elsewhere.pk]))
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.is_active


def test_admin_cannot_withdraw_their_own_admin_role(client, home_institution):
    admin = staff(Role.INSTITUTION_ADMIN, institution=home_institution)
    client.force_login(admin)
    own = admin.memberships.get()
    client.post(reverse("backoffice:staff_revoke", args=[home_institution.slug, own.pk]))
    own.refresh_from_db()
    assert own.is_active
