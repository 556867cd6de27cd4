import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_citizen_password_needs_twelve_characters():
    user = UserFactory()
    with pytest.raises(ValidationError):
        validate_password("elevenchars", user)
    validate_password("twelve chars", user)


def test_staff_password_needs_fifteen_characters():
    user = MembershipFactory(role=Role.FRONT_DESK).user
    with pytest.raises(ValidationError):
        validate_password("fourteen chars", user)
    validate_password("fifteen chars!!", user)


def test_passwords_up_to_128_characters_are_allowed_and_longer_refused():
    user = UserFactory()
    validate_password("a quiet river " * 9 + "xx", user)  # 128
    with pytest.raises(ValidationError):
        validate_password("a quiet river " * 9 + "xxx", user)  # 129


def test_common_password_is_refused_even_when_long_enough():
    with pytest.raises(ValidationError):
        validate_password("1q2w3e4r5t6y7u8i", UserFactory())


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_account_is_locked_after_five_failed_logins_even_with_the_right_password(client):
    user = UserFactory(verified=True)
    for _ in range(5):
        response = _login(client, user.email, "wrong password here")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = _login(client, user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()  # "too many failed attempts", shown on the form


def test_four_failed_logins_do_not_lock_the_account(client):
    user = UserFactory(verified=True)
    for _ in range(4):
        _login(client, user.email, "wrong password here")
    _login(client, user.email, PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_lockout_of_one_account_does_not_lock_another(client):
    victim = UserFactory(verified=True)
    other = UserFactory(verified=True)
    for _ in range(6):
        _login(client, victim.email, "wrong password here")
    _login(client, other.email, PASSWORD)
    assert client.session["_auth_user_id"] == str(other.pk)
