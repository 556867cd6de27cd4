"""The outbox against a real SMTP server on loopback (aiosmtpd)."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.models import DeliveryState, Notification, NotificationChannel
from notifications.services import notification_deliver, notifications_due, notify
from notifications.tasks import retry_due_notifications

pytestmark = pytest.mark.django_db


class FlakyHandler:
    """Refuses the first ``failures`` messages with a temporary error, then accepts."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.received: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook name
        if self.failures > 0:
            self.failures -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope.content.decode("utf8", errors="replace"))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    def start(failures: int = 0) -> FlakyHandler:
        handler = FlakyHandler(failures)
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        servers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = False
        return handler

    servers: list[Controller] = []
    yield start
    for controller in servers:
        controller.stop()


def _email_rows(user):
    return Notification.objects.filter(recipient=user, channel=NotificationChannel.EMAIL)


def test_message_is_delivered_after_commit_in_the_recipients_language(smtp, django_capture_on_commit_callbacks):
    handler = smtp()
    user = UserFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, template="welcome", url="/ar/me/")
    assert len(handler.received) == 1
    message = email.message_from_string(handler.received[0], policy=email.policy.default)
    assert str(message["Subject"]).strip() == "مرحبا بكم في مكتب المواطن"  # folded header: strip
    assert message["To"] == user.email
    assert message["Message-ID"] == f"<notification-{_email_rows(user).get().pk}@citizen-office>"
    assert _email_rows(user).get().state == DeliveryState.SENT


def test_rolled_back_change_sends_nothing(smtp, django_capture_on_commit_callbacks):
    handler = smtp()
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify(recipient=user, template="welcome")
        raise RuntimeError("the change failed")
    assert handler.received == []
    assert not Notification.objects.filter(recipient=user).exists()


def test_failing_server_is_retried_with_back_off_and_the_message_arrives_exactly_once(
    smtp, django_capture_on_commit_callbacks
):
    handler = smtp(failures=2)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, template="welcome")
    row = _email_rows(user).get()
    assert row.state == DeliveryState.QUEUED and row.attempts == 1 and "451" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert notifications_due() == []  # not before the back-off has passed

    for expected_attempts in (2, 3):
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        retry_due_notifications.call_local()
        row.refresh_from_db()
        assert row.attempts == expected_attempts
    assert row.state == DeliveryState.SENT
    assert len(handler.received) == 1

    # A late duplicate of the job (or a second worker) sends nothing more.
    assert notification_deliver(notification_id=row.pk) == DeliveryState.SENT
    retry_due_notifications.call_local()
    assert len(handler.received) == 1


def test_message_is_marked_failed_after_the_last_attempt(smtp, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    smtp(failures=10)
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, template="welcome")
    row = _email_rows(user).get()
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    retry_due_notifications.call_local()
    row.refresh_from_db()
    assert row.state == DeliveryState.FAILED and row.attempts == 2


def test_worker_that_died_mid_send_is_recovered():
    user = UserFactory()
    notify(recipient=user, template="welcome")
    row = _email_rows(user).get()
    Notification.objects.filter(pk=row.pk).update(
        state=DeliveryState.SENDING, claimed_at=timezone.now() - timezone.timedelta(minutes=11)
    )
    assert row.pk in notifications_due()


def test_same_key_queues_the_message_once():
    user = UserFactory()
    notify(recipient=user, template="welcome", key="welcome:1")
    notify(recipient=user, template="welcome", key="welcome:1")
    assert _email_rows(user).count() == 1
    assert Notification.objects.filter(recipient=user, channel=NotificationChannel.IN_APP).count() == 1


def test_channels_follow_the_persons_preferences(django_capture_on_commit_callbacks):
    from notifications.services import preference_update
    from notifications.sms import MemorySmsBackend

    user = UserFactory(phone="+212612345678")
    preference_update(actor=user, email=False, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=user, template="welcome")
    channels = set(Notification.objects.filter(recipient=user).values_list("channel", flat=True))
    assert channels == {NotificationChannel.SMS, NotificationChannel.IN_APP}
    assert MemorySmsBackend.outbox[0]["to"] == "+212612345678"
