"""Background jobs for notifications. Every task is idempotent."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from notifications.models import DeliveryState
from notifications.services import notification_deliver, notifications_due


@db_task()
def deliver_notification(notification_id: int) -> str:
    state = notification_deliver(notification_id=notification_id)
    return str(state)


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
