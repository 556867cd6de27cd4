"""Staff must set up two-step verification; staff sessions are short."""

import time

import pytest
from django.urls import reverse

from accounts.middleware import LAST_SEEN, STARTED
from accounts.models import Role
from accounts.tests.factories import PASSWORD, UserFactory, staff, totp_code

pytestmark = pytest.mark.django_db


def _queue_url(user):
    return reverse("backoffice:queue", args=[user.memberships.first().institution.slug])


def test_staff_without_mfa_is_sent_to_set_it_up_from_every_staff_page(client):
    user = staff(Role.CASE_OFFICER, mfa=False)
    client.force_login(user)
    for url in (reverse("backoffice:home"), _queue_url(user)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_platform_admin_without_mfa_cannot_reach_the_django_admin(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_mfa_reaches_the_back_office(client):
    user = staff(Role.CASE_OFFICER)
    client.force_login(user)
    assert client.get(_queue_url(user)).status_code == 200


def test_citizen_pages_do_not_require_mfa(client):
    client.force_login(UserFactory())
    assert client.get(reverse("portal:my_office")).status_code == 200


def test_staff_sign_in_asks_for_the_authenticator_code_then_lands_in_the_back_office(client):
    user = staff(Role.CASE_OFFICER)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response["Location"] == reverse("backoffice:home")


def _staff_session(client):
    user = staff(Role.CASE_OFFICER)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.session["_auth_user_id"] == str(user.pk)
    return user


def test_staff_session_ends_after_thirty_minutes_idle(client):
    user = _staff_session(client)
    session = client.session
    session[LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get(_queue_url(user))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "_auth_user_id" not in client.session


def test_staff_session_survives_twenty_nine_idle_minutes(client):
    user = _staff_session(client)
    session = client.session
    session[LAST_SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get(_queue_url(user)).status_code == 200


def test_staff_session_ends_after_twelve_hours_even_when_active(client):
    user = _staff_session(client)
    session = client.session
    session[STARTED] = time.time() - 12 * 3600 - 60
    session.save()
    response = client.get(_queue_url(user))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_citizen_session_is_not_cut_after_thirty_minutes(client):
    user = UserFactory(verified=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    session = client.session
    session[LAST_SEEN] = time.time() - 3600
    session.save()
    assert client.get(reverse("portal:my_office")).status_code == 200


def test_the_django_admin_signs_in_through_allauth_with_two_step_verification(client):
    from accounts.tests.factories import with_totp

    admin = with_totp(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # the authenticator code is still needed


def test_a_role_granted_after_sign_in_starts_the_staff_clock_on_the_first_staff_page(client):
    user = UserFactory(verified=True)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    from accounts.tests.factories import MembershipFactory, with_totp

    membership = MembershipFactory(user=user)
    with_totp(user)
    queue = reverse("backoffice:queue", args=[membership.institution.slug])
    # Signed in with a password alone: the staff page first asks for the authenticator's code.
    response = client.get(queue)
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code()})
    assert client.get(queue).status_code == 200
    from accounts.middleware import STAFF_FLAG

    assert client.session.get(STAFF_FLAG) is True
