"""A worker killed while sending: its messages go out when a worker starts again, not ten minutes later.

Found by the crash drill (server_tests/test_crash_drill.py): a message the killed worker had claimed stayed in
'sending' until STUCK_AFTER had passed.
"""

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from accounts.tests.factories import UserFactory
from notifications import services
from notifications.models import DeliveryState, Notification, NotificationChannel
from notifications.services import notification_deliver, notifications_due, notifications_release_dead_claims, notify
from notifications.tasks import release_claims_of_dead_workers

pytestmark = pytest.mark.django_db

HOST = socket.gethostname()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _claimed(claimed_by: str, *, minutes_ago: int = 0) -> Notification:
    """A message that a worker claimed (and maybe sent) and never recorded as sent."""
    mail.outbox.clear()
    notify(recipient=UserFactory(), template="welcome")
    row = Notification.objects.get(channel=NotificationChannel.EMAIL)
    Notification.objects.filter(pk=row.pk).update(
        state=DeliveryState.SENDING,
        attempts=1,
        claimed_by=claimed_by,
        claimed_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    return row


def _state(row: Notification) -> str:
    row.refresh_from_db()
    return row.state


def test_the_message_of_a_killed_worker_is_sent_as_soon_as_a_worker_starts_again():
    row = _claimed(f"{HOST}:{_dead_pid()}:0123456789ab")
    release_claims_of_dead_workers()  # what each starting worker thread runs
    assert _state(row) == DeliveryState.SENT and row.claimed_by == "" and row.attempts == 2
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [row.message_id]


def test_the_minute_job_also_queues_again_what_a_dead_worker_of_this_host_had_claimed():
    row = _claimed(f"{HOST}:{_dead_pid()}:0123456789ab")
    assert notifications_due() == [row.pk]
    assert _state(row) == DeliveryState.QUEUED


def test_a_restarted_worker_with_the_same_process_id_releases_its_predecessors_claims():
    # A container's worker is often process 1 again after a restart: the token tells the two apart.
    row = _claimed(f"{HOST}:{os.getpid()}:an-earlier-process")
    assert notifications_release_dead_claims() == [row.pk]
    assert _state(row) == DeliveryState.QUEUED


def test_a_message_another_thread_of_this_worker_is_sending_is_left_alone():
    row = _claimed(services.worker_identity())
    assert notifications_release_dead_claims() == []
    assert row.pk not in notifications_due() and _state(row) == DeliveryState.SENDING


def test_a_message_a_live_worker_of_this_host_is_sending_is_left_alone():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        row = _claimed(f"{HOST}:{child.pid}:0123456789ab")
        assert notifications_release_dead_claims() == []
        assert _state(row) == DeliveryState.SENDING
    finally:
        child.kill()
        child.wait()


def test_another_hosts_claim_is_queued_again_only_after_the_stuck_delay():
    # From here nobody can tell whether that worker still runs.
    recent = _claimed("worker-2.internal:4242:0123456789ab")
    assert notifications_release_dead_claims() == [] and recent.pk not in notifications_due()
    Notification.objects.filter(pk=recent.pk).update(claimed_at=timezone.now() - timedelta(minutes=11))
    assert notifications_due() == [recent.pk]


def test_a_delivery_names_its_worker_while_it_sends_and_forgets_it_once_sent(monkeypatch):
    notify(recipient=UserFactory(), template="welcome")
    row = Notification.objects.get(channel=NotificationChannel.EMAIL)
    seen: list[str] = []
    real_send = services._send_email

    def send(notification: Notification) -> None:
        seen.append(Notification.objects.get(pk=notification.pk).claimed_by)
        real_send(notification)

    monkeypatch.setattr(services, "_send_email", send)
    assert notification_deliver(notification_id=row.pk) == DeliveryState.SENT
    assert seen == [services.worker_identity()]
    row.refresh_from_db()
    assert row.claimed_by == ""


def test_every_starting_worker_runs_the_release():
    assert HUEY._startup["release_claims_of_dead_workers"] is release_claims_of_dead_workers
