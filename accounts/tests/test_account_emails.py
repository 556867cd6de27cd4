"""Account emails (allauth) in the platform's words and language, with links to the server that sent them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def _signup(client, *, lang: str = "en", port: str = "9000", preferred: str = "en", email: str = "amal@example.org"):
    return client.post(
        f"/{lang}/accounts/signup/",
        {
            "full_name": "Amal Berrada",
            "email": email,
            "password1": "a long walk by the sea",
            "password2": "a long walk by the sea",
            "preferred_language": preferred,
        },
        SERVER_PORT=port,
    )


def _mail_to(address: str, subject_part: str = ""):
    found = [m for m in mail.outbox if address in m.to and subject_part in m.subject]
    assert found, [m.subject for m in mail.outbox]
    return found[-1]


def test_sign_up_on_port_9000_emails_a_confirmation_link_to_port_9000_that_confirms_the_address(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"  # what a server started on another port must not send
    response = _signup(client)
    assert response.status_code == 302
    confirmation = _mail_to("amal@example.org", "Confirm your email address")
    links = LINK.findall(confirmation.body)
    confirm = next(link for link in links if "/confirm-email/" in link)
    assert confirm.startswith("http://testserver:9000/en/accounts/confirm-email/")
    assert not any("8000" in link for link in links)
    assert "Hello from" not in confirmation.body and "Citizen Office" in confirmation.body
    # The welcome message, queued by the sign-up service for the worker to send, links to the same server.
    welcome = Notification.objects.get(recipient__email="amal@example.org", template="welcome", channel="email")
    assert "http://testserver:9000/" in welcome.body and "8000" not in welcome.body

    page = client.get(confirm.removeprefix("http://testserver:9000"), SERVER_PORT="9000")
    assert page.status_code == 200
    client.post(confirm.removeprefix("http://testserver:9000"), SERVER_PORT="9000")
    assert EmailAddress.objects.get(email="amal@example.org").verified


def test_the_confirmation_at_sign_up_is_in_the_language_of_the_page_even_if_later_messages_are_not(client):
    _signup(client, lang="ar", preferred="fr", email="nadia@example.org")
    confirmation = _mail_to("nadia@example.org")
    assert confirmation.subject.startswith("[مكتب المواطن]")
    assert "مرحبا Amal Berrada" in confirmation.body
    assert "/ar/accounts/confirm-email/" in confirmation.body


def test_a_password_reset_is_written_in_the_persons_language_and_links_to_a_page_in_it(client):
    UserFactory(email="salma@example.org", preferred_language="ar", full_name="Salma Idrissi")
    client.post("/fr/accounts/password/reset/", {"email": "salma@example.org"}, SERVER_PORT="9000")
    message = _mail_to("salma@example.org")
    assert message.subject.startswith("[مكتب المواطن]")
    reset = next(link for link in LINK.findall(message.body) if "/password/reset/key/" in link)
    assert reset.startswith("http://testserver:9000/ar/accounts/password/reset/key/")


def test_in_production_a_forged_host_does_not_reach_the_password_reset_email(client, settings):
    settings.PRODUCTION = True
    settings.SITE_URL_EXPLICIT = True
    settings.SITE_URL = "https://citizen-office.example"
    UserFactory(email="omar@example.org", preferred_language="fr")
    client.post("/fr/accounts/password/reset/", {"email": "omar@example.org"}, HTTP_HOST="localhost:9000")
    message = _mail_to("omar@example.org")
    reset = next(link for link in LINK.findall(message.body) if "/password/reset/key/" in link)
    assert reset.startswith("https://citizen-office.example/fr/accounts/password/reset/key/")
    assert "localhost" not in message.body


def test_a_changed_password_is_told_to_the_person_in_their_language(client):
    user = UserFactory(email="hind@example.org", preferred_language="en", full_name="Hind Alaoui")
    user.set_password("an old walk by the sea")
    user.save()
    client.force_login(user)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "an old walk by the sea",
            "password1": "a new walk by the river",
            "password2": "a new walk by the river",
        },
    )
    message = _mail_to("hind@example.org", "Your password was changed")
    assert message.subject == "[Citizen Office] Your password was changed"
    assert "Hello Hind Alaoui," in message.body and "Your password was changed." in message.body
