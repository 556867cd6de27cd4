import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Assurance, User
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from notifications.models import Notification
from territories.models import Territory

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {
        "full_name": "Khadija Amrani",
        "email": "khadija@example.org",
        "password1": "a long walk by the sea",
        "password2": "a long walk by the sea",
        "preferred_language": "ar",
        "commune": Territory.objects.get(code="04.281.11.07").pk,
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_sign_up_creates_a_level_zero_account_with_language_and_commune_and_sends_a_verification(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="khadija@example.org")
    assert user.full_name == "Khadija Amrani" and user.preferred_language == "ar"
    assert user.commune.code == "04.281.11.07" and user.assurance_level == Assurance.REGISTERED
    assert any("khadija@example.org" in m.to for m in mail.outbox)  # the verification link
    assert AuditEvent.objects.filter(action="account.signup", actor=user).exists()
    assert Notification.objects.filter(recipient=user, template="welcome").exists()


def test_sign_up_with_a_short_password_keeps_everything_typed(client):
    response = _signup(client, password1="short pass", password2="short pass")
    assert response.status_code == 200
    form = response.context["form"]
    assert "password1" in form.errors
    html = response.content.decode()
    assert 'value="Khadija Amrani"' in html and 'value="khadija@example.org"' in html
    assert 'class="error-summary"' in html and 'href="#id_password1"' in html
    assert not User.objects.filter(email="khadija@example.org").exists()


def test_sign_up_twice_with_the_same_email_creates_one_account(client):
    _signup(client)
    client.logout()
    _signup(client)
    assert User.objects.filter(email__iexact="khadija@example.org").count() == 1


def test_sign_up_answers_the_same_whether_or_not_the_address_has_an_account(client):
    """A stranger learns nothing: the same page either way; the address's owner is told someone tried."""
    UserFactory(email="taken@example.org", verified=True, full_name="Owner")

    def main_of(response):
        page = client.get(response["Location"]).content.decode()
        return page.split("<main", 1)[1].split("</main>", 1)[0]

    fresh = _signup(client, email="fresh@example.org")
    fresh_page = main_of(fresh)
    client.logout()
    taken = _signup(client, email="taken@example.org")
    taken_page = main_of(taken)
    assert fresh.status_code == taken.status_code == 302
    assert fresh["Location"] == taken["Location"] == reverse("account_email_verification_sent")
    assert fresh_page.replace("fresh@", "someone@") == taken_page.replace("taken@", "someone@")
    # Neither is signed in before the address is confirmed, and the taken address keeps its one account.
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    [warning] = [m for m in mail.outbox if m.to == ["taken@example.org"]]
    [confirmation] = [m for m in mail.outbox if m.to == ["fresh@example.org"]]
    assert "confirm-email" in confirmation.body and "confirm-email" not in warning.body


def test_profile_update_is_saved_and_audited(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Nouveau Nom", "preferred_language": "en", "commune": "", "phone": "+212 6 12 34 56 78"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Nouveau Nom" and user.preferred_language == "en" and user.phone == "+212612345678"
    event = AuditEvent.objects.get(action="account.profile_update")
    assert set(event.changes["fields"]) == {"full_name", "preferred_language", "phone"}


def test_profile_with_a_bad_phone_explains_and_keeps_the_input(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:profile"), {"full_name": "X", "preferred_language": "fr", "commune": "", "phone": "call me"}
    )
    assert response.status_code == 200 and "phone" in response.context["form"].errors
    assert 'value="call me"' in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_profile_page_query_count(client, rows, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(rows):
        Notification.objects.create(
            recipient=user, channel="in_app", template="t", language="fr", subject="s", body="b"
        )
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert user.email in response.content.decode()
