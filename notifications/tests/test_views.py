import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.models import Notification, NotificationChannel
from notifications.services import notify

pytestmark = pytest.mark.django_db


def test_in_app_messages_are_listed_with_an_unread_badge_in_the_header(client):
    user = UserFactory()
    notify(recipient=user, template="welcome", channels=[NotificationChannel.IN_APP])
    client.force_login(user)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert 'class="badge">1' in html and "message--unread" in html


def test_opening_a_message_marks_it_read_and_another_person_cannot(client):
    owner, other = UserFactory(), UserFactory()
    [message] = notify(recipient=owner, template="welcome", channels=[NotificationChannel.IN_APP], url="/fr/me/")
    client.force_login(other)
    assert client.post(reverse("notifications:open", args=[message.pk])).status_code == 404
    client.force_login(owner)
    response = client.post(reverse("notifications:open", args=[message.pk]))
    assert response.status_code == 302 and response["Location"] == "/fr/me/"
    assert Notification.objects.get(pk=message.pk).read_at is not None


def test_preferences_are_saved(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("notifications:preferences"), {"email": "", "sms": "on"})
    assert user.notification_preference.sms and not user.notification_preference.email


@pytest.mark.parametrize("rows", [1, 30])
def test_inbox_query_count_does_not_grow(client, rows, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(rows):
        notify(recipient=user, template="welcome", channels=[NotificationChannel.IN_APP])
    client.force_login(user)
    with django_assert_max_num_queries(6):
        client.get(reverse("notifications:inbox"))
