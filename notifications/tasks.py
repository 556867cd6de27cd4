"""Background jobs for notifications. Every task is idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import close_db, db_periodic_task, db_task, on_startup

from notifications.models import DeliveryState
from notifications.services import notification_deliver, notifications_due, notifications_release_dead_claims


@db_task()
def deliver_notification(notification_id: int) -> str:
    state = notification_deliver(notification_id=notification_id)
    return str(state)


@on_startup()
@close_db
def release_claims_of_dead_workers() -> None:
    """When a worker starts (after a crash, on any worker server), send what its killed predecessor had claimed.

    Huey calls it in each of the consumer's threads: the second call finds nothing left to release.
    """
    for pk in notifications_release_dead_claims():
        deliver_notification(pk)


@db_periodic_task(crontab(minute="*"))
def retry_due_notifications() -> int:
    """Every minute: try again the messages whose back-off has passed."""
    count = 0
    for pk in notifications_due():
        if notification_deliver(notification_id=pk) == DeliveryState.SENT:
            count += 1
    return count


@db_periodic_task(crontab(hour="3", minute="17"))
def purge_old_notifications() -> int:
    """Nightly: delete messages older than the retention period (docs/privacy.md)."""
    from notifications.services import notifications_purge

    return notifications_purge()
