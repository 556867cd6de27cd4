import json

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Assurance, IdentityCheck, Role, User
from accounts.selectors import InsufficientAssurance, has_assurance, identity_check_latest, require_assurance
from accounts.services import (
    DocumentAlreadyUsed,
    account_assurance_refresh,
    document_hash,
    identity_check_record,
    membership_grant,
)
from accounts.tests.factories import MembershipFactory, UserFactory, staff
from associations.services import association_create
from audit.models import AuditEvent
from audit.services import SYSTEM, Context
from institutions.tests.factories import OfficeFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db
DESK = Context(channel="desk", ip_address="10.0.0.1")


def test_new_account_is_level_zero_and_verifying_the_email_raises_it_to_one():
    user = UserFactory()
    assert user.assurance_level == Assurance.REGISTERED
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert account_assurance_refresh(user=user) == Assurance.EMAIL_VERIFIED
    user.refresh_from_db()
    assert has_assurance(user, Assurance.EMAIL_VERIFIED)
    assert not has_assurance(user, Assurance.IDENTITY_CHECKED)


def test_confirming_the_email_link_raises_the_level(client):
    from allauth.account.models import EmailConfirmationHMAC

    user = UserFactory()
    address = EmailAddress.objects.get(user=user)
    key = EmailConfirmationHMAC(address).key
    client.force_login(user)
    client.post(reverse("account_confirm_email", args=[key]))
    user.refresh_from_db()
    assert user.assurance_level == Assurance.EMAIL_VERIFIED


def test_front_desk_agent_checks_identity_and_the_person_reaches_level_two():
    office = OfficeFactory()
    agent = staff(Role.FRONT_DESK, institution=office.institution)
    citizen = UserFactory(verified=True)
    identity_check_record(
        actor=agent, user=citizen, office=office, document_kind="cnie", document_number="AB 123456", context=DESK
    )
    citizen.refresh_from_db()
    assert citizen.assurance_level == Assurance.IDENTITY_CHECKED
    summary = identity_check_latest(user=citizen)
    assert summary is not None and summary.office == office
    check = IdentityCheck.objects.get(user=citizen)
    assert "123456" not in check.document_hash and check.document_hash == document_hash("ab-123456")
    assert AuditEvent.objects.filter(action="account.identity_check", institution=office.institution).exists()
    assert Notification.objects.filter(recipient=citizen, template="identity_checked").exists()


def test_one_document_cannot_verify_two_accounts():
    office = OfficeFactory()
    agent = staff(Role.FRONT_DESK, institution=office.institution)
    first, second = UserFactory(), UserFactory()
    identity_check_record(
        actor=agent, user=first, office=office, document_kind="cnie", document_number="AB123456", context=DESK
    )
    with pytest.raises(DocumentAlreadyUsed):
        identity_check_record(
            actor=agent, user=second, office=office, document_kind="cnie", document_number="ab 123 456", context=DESK
        )


@pytest.mark.parametrize("role", [Role.CASE_OFFICER, Role.MODERATOR, Role.DECISION_MAKER])
def test_only_front_desk_agents_and_admins_check_identities(role):
    office = OfficeFactory()
    with pytest.raises(PermissionDenied):
        identity_check_record(
            actor=staff(role, institution=office.institution),
            user=UserFactory(),
            office=office,
            document_kind="cnie",
            document_number="X1",
            context=DESK,
        )


def test_agent_of_another_institution_cannot_check_identity_at_this_office():
    office = OfficeFactory()
    other_agent = staff(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        identity_check_record(
            actor=other_agent,
            user=UserFactory(),
            office=office,
            document_kind="cnie",
            document_number="X1",
            context=DESK,
        )


def test_require_assurance_raises_with_the_level_needed():
    with pytest.raises(InsufficientAssurance) as info:
        require_assurance(UserFactory(), Assurance.IDENTITY_CHECKED)
    assert info.value.required == Assurance.IDENTITY_CHECKED


def test_only_an_institution_admin_grants_roles_in_their_own_institution():
    admin = MembershipFactory(admin=True).user
    institution = admin.memberships.first().institution
    person = UserFactory()
    membership_grant(actor=admin, user=person, institution=institution, role=Role.FRONT_DESK, context=SYSTEM)
    assert person.memberships.filter(institution=institution, role=Role.FRONT_DESK).exists()
    other_admin = MembershipFactory(admin=True).user
    with pytest.raises(PermissionDenied):
        membership_grant(actor=other_admin, user=person, institution=institution, role=Role.INSTITUTION_ADMIN)


def _confirm_password(client):
    from accounts.tests.factories import PASSWORD

    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_deleting_the_account_asks_for_the_password_first_then_completes(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account"), {"confirm": "DELETE"})
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]
    assert User.objects.get(pk=user.pk).is_active  # nothing happened yet
    from accounts.tests.factories import PASSWORD

    client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert not User.objects.get(pk=user.pk).is_active  # the kept request was replayed


def test_my_data_export_holds_what_every_module_registered(client):
    user = UserFactory(full_name="Salma Tazi")
    institution = MembershipFactory(admin=True).institution
    association_create(actor=user, name="Quartier vert", registration_number="N1", registered_with=institution)
    client.force_login(user)
    _confirm_password(client)
    response = client.get(reverse("accounts:my_data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["modules"]["account"]["profile"]["full_name"] == "Salma Tazi"
    assert data["modules"]["associations"][0]["association"] == "Quartier vert"
    assert "notifications" in data["modules"]


def test_my_data_export_needs_sign_in(client):
    response = client.get(reverse("accounts:my_data_export"))
    assert response.status_code == 302


def test_deleting_my_account_removes_the_person_and_keeps_an_anonymous_shell(client):
    user = UserFactory(full_name="Omar Berrada", phone="+212600000000")
    client.force_login(user)
    _confirm_password(client)
    response = client.post(reverse("accounts:delete_account"), {"confirm": "DELETE"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "" and user.phone == "" and not user.is_active
    assert user.email.startswith("erased-") and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="account.erase")
    assert "Omar" not in event.object_repr


def test_delete_needs_the_confirmation_word_and_keeps_the_account(client):
    user = UserFactory()
    client.force_login(user)
    _confirm_password(client)
    response = client.post(reverse("accounts:delete_account"), {"confirm": "yes"})
    assert response.status_code == 400
    assert User.objects.get(pk=user.pk).is_active
    assert "confirm" in response.context["delete_form"].errors


def test_platform_admin_opening_a_person_in_the_admin_is_recorded(client):
    from accounts.tests.factories import with_totp

    admin = with_totp(UserFactory(is_staff=True, is_superuser=True))
    person = UserFactory()
    client.force_login(admin)
    assert client.get(f"/admin/accounts/user/{person.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="personal_data.read", actor=admin, object_id=str(person.pk)).exists()


def test_a_deleted_account_frees_its_identity_document_for_a_new_account():
    office = OfficeFactory()
    agent = staff(Role.FRONT_DESK, institution=office.institution)
    first = UserFactory()
    identity_check_record(
        actor=agent, user=first, office=office, document_kind="cnie", document_number="ZZ9", context=DESK
    )
    from accounts.services import account_erase

    account_erase(actor=first, user=first)
    second = UserFactory()
    identity_check_record(
        actor=agent, user=second, office=office, document_kind="cnie", document_number="ZZ9", context=DESK
    )
    second.refresh_from_db()
    assert second.assurance_level == Assurance.IDENTITY_CHECKED


def test_identity_message_names_the_office_and_date_in_the_recipients_language():
    office = OfficeFactory(name_fr="Bureau d'accueil", name_ar="مكتب الاستقبال")
    agent = staff(Role.FRONT_DESK, institution=office.institution)
    citizen = UserFactory(preferred_language="ar")
    identity_check_record(
        actor=agent, user=citizen, office=office, document_kind="cnie", document_number="Q1", context=DESK
    )
    message = Notification.objects.get(recipient=citizen, template="identity_checked", channel="in_app")
    assert "مكتب الاستقبال" in message.body and "&#x27;" not in message.body


def test_admin_can_not_grant_a_department_of_another_institution():
    from django.core.exceptions import ValidationError

    from institutions.tests.factories import DepartmentFactory

    admin = MembershipFactory(admin=True).user
    institution = admin.memberships.first().institution
    with pytest.raises(ValidationError):
        membership_grant(
            actor=admin,
            user=UserFactory(),
            institution=institution,
            role=Role.CASE_OFFICER,
            department=DepartmentFactory(),
        )
