"""Withdrawing an identity check: the level of assurance every module asks for drops back."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Assurance, IdentityCheck, Role
from accounts.selectors import InsufficientAssurance, has_assurance, identity_check_list, require_assurance
from accounts.services import identity_check_record, identity_check_revoke
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from audit.services import Context
from institutions.tests.factories import OfficeFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db
DESK = Context(channel="desk", ip_address="10.0.0.1")


@pytest.fixture
def office():
    return OfficeFactory()


@pytest.fixture
def agent(office):
    return staff(Role.FRONT_DESK, institution=office.institution)


def _record(agent, office, person, number="AB123456"):
    return identity_check_record(
        actor=agent, user=person, office=office, document_kind="cnie", document_number=number, context=DESK
    )


def test_the_assurance_check_accepts_a_checked_person_and_refuses_them_after_a_withdrawal(agent, office):
    person = UserFactory(verified=True)
    check = _record(agent, office, person)
    person.refresh_from_db()
    assert has_assurance(person, Assurance.IDENTITY_CHECKED)
    require_assurance(person, Assurance.IDENTITY_CHECKED)  # does not raise
    identity_check_revoke(actor=agent, check=check, reason="wrong card", context=DESK)
    person.refresh_from_db()
    assert person.assurance_level == Assurance.EMAIL_VERIFIED
    assert not has_assurance(person, Assurance.IDENTITY_CHECKED)
    with pytest.raises(InsufficientAssurance):
        require_assurance(person, Assurance.IDENTITY_CHECKED)


def test_another_standing_check_keeps_the_level(agent, office):
    person = UserFactory(verified=True)
    first = _record(agent, office, person, number="AB1111")
    _record(agent, office, person, number="PASS2222")
    identity_check_revoke(actor=agent, check=first, reason="typed the wrong number", context=DESK)
    person.refresh_from_db()
    assert person.assurance_level == Assurance.IDENTITY_CHECKED


def test_a_withdrawal_is_audited_with_its_reason_and_the_person_is_told(agent, office):
    person = UserFactory(verified=True)
    check = _record(agent, office, person)
    identity_check_revoke(actor=agent, check=check, reason="wrong card", context=DESK)
    event = AuditEvent.objects.get(action="account.identity_check_revoke")
    assert event.actor == agent and event.institution == office.institution
    assert event.changes["reason"] == "wrong card" and event.changes["check"] == check.pk
    assert "AB123456" not in str(event.changes)
    change = AuditEvent.objects.filter(action="account.assurance_change").order_by("-id").first()
    assert change is not None and change.changes["assurance_level"] == [Assurance.IDENTITY_CHECKED, 1]
    assert Notification.objects.filter(recipient=person, template="identity_check_revoked").exists()


def test_withdrawing_twice_changes_nothing_the_second_time(agent, office):
    check = _record(agent, office, UserFactory())
    first = identity_check_revoke(actor=agent, check=check, reason="wrong card", context=DESK)
    second = identity_check_revoke(actor=agent, check=check, reason="again", context=DESK)
    assert first.revoked_at == second.revoked_at
    assert AuditEvent.objects.filter(action="account.identity_check_revoke").count() == 1


def test_a_withdrawal_needs_a_reason(agent, office):
    check = _record(agent, office, UserFactory())
    with pytest.raises(ValidationError):
        identity_check_revoke(actor=agent, check=check, reason="  ", context=DESK)
    assert IdentityCheck.objects.get().revoked_at is None


@pytest.mark.parametrize("who", ["citizen", "case_officer_here", "desk_agent_elsewhere", "the_person"])
def test_only_the_institutions_desk_agents_and_admins_withdraw_a_check(agent, office, who):
    person = UserFactory()
    check = _record(agent, office, person)
    actor = {
        "citizen": lambda: UserFactory(),
        "case_officer_here": lambda: staff(Role.CASE_OFFICER, institution=office.institution),
        "desk_agent_elsewhere": lambda: staff(Role.FRONT_DESK),
        "the_person": lambda: person,
    }[who]()
    with pytest.raises(PermissionDenied):
        identity_check_revoke(actor=actor, check=check, reason="x", context=DESK)
    assert IdentityCheck.objects.get().revoked_at is None


def test_the_institutions_admin_withdraws_a_check_made_by_an_agent(agent, office):
    check = _record(agent, office, UserFactory())
    admin = staff(Role.INSTITUTION_ADMIN, institution=office.institution)
    assert identity_check_revoke(actor=admin, check=check, reason="audit finding", context=DESK).revoked_at


def test_a_withdrawn_document_may_verify_another_account(agent, office):
    first, second = UserFactory(), UserFactory()
    check = _record(agent, office, first)
    identity_check_revoke(actor=agent, check=check, reason="it was the brother's account", context=DESK)
    _record(agent, office, second)
    second.refresh_from_db()
    assert second.assurance_level == Assurance.IDENTITY_CHECKED


def test_the_person_sees_their_checks_and_withdrawals_on_their_profile(client, agent, office):
    person = UserFactory(verified=True)
    check = _record(agent, office, person)
    _record(agent, office, person, number="PASS2222")
    identity_check_revoke(actor=agent, check=check, reason="wrong card", context=DESK)
    assert [c.pk for c in identity_check_list(user=person)][-1] == check.pk
    client.force_login(person)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(str(office.name)) >= 2 and "wrong card" not in html
