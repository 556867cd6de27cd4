import pytest
from django.urls import reverse
from django.utils.html import escape

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
    # The header lists the newest unread messages on every page.
    home = client.get("/fr/")
    assert [n.subject for n in home.context["header_messages"]] == [Notification.objects.get(recipient=user).subject]


def test_header_shows_at_most_five_messages_and_says_there_are_more(client):
    user = UserFactory()
    for _ in range(7):
        notify(recipient=user, template="welcome", channels=[NotificationChannel.IN_APP])
    client.force_login(user)
    response = client.get("/fr/")
    assert len(response.context["header_messages"]) == 5 and response.context["header_more"]
    assert 'class="badge">5+' in response.content.decode()


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
        sent = notify(recipient=user, template="welcome", channels=[NotificationChannel.IN_APP])
    client.force_login(user)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert escape(sent[0].subject) in response.content.decode()


def test_messages_keep_apostrophes_as_typed_not_html_escaped():
    user = UserFactory(full_name="Sara O'Neil")
    [message] = notify(recipient=user, template="welcome", channels=[NotificationChannel.IN_APP])
    assert "O'Neil" in message.body and "&#x27;" not in message.body


def test_sms_is_not_offered_in_production_without_a_gateway(settings):
    from notifications.services import preference_update

    settings.SMS_ENABLED = False
    user = UserFactory(phone="+212612345678")
    preference_update(actor=user, email=False, sms=True)
    channels = {n.channel for n in notify(recipient=user, template="welcome")}
    assert channels == {NotificationChannel.IN_APP}


def test_too_many_requests_get_a_friendly_429(client, settings):
    user = UserFactory()
    client.force_login(user)
    for _ in range(31):
        response = client.post(reverse("notifications:preferences"), {"email": "on"})
    assert response.status_code == 429


def test_messages_older_than_a_year_are_purged_but_queued_ones_are_kept():
    from datetime import timedelta

    from django.utils import timezone

    from notifications.models import DeliveryState
    from notifications.services import notifications_purge

    user = UserFactory()
    old = timezone.now() - timedelta(days=400)
    sent = Notification.objects.create(
        recipient=user,
        channel="in_app",
        template="t",
        language="fr",
        subject="s",
        body="b",
        state=DeliveryState.SENT,
        created_at=old,
    )
    queued = Notification.objects.create(
        recipient=user, channel="email", template="t", language="fr", subject="s", body="b", created_at=old
    )
    recent = Notification.objects.create(
        recipient=user, channel="in_app", template="t", language="fr", subject="s", body="b", state=DeliveryState.SENT
    )
    assert notifications_purge() == 1
    remaining = set(Notification.objects.values_list("pk", flat=True))
    assert sent.pk not in remaining and {queued.pk, recent.pk} <= remaining
