"""What notifications hold about a person (law 09-08)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.registry import data_erasers, data_exporters

if TYPE_CHECKING:
    from accounts.models import User


def export(user: User) -> Any:
    from notifications.models import Notification

    return {
        "preferences": {
            "email": getattr(getattr(user, "notification_preference", None), "email", True),
            "sms": getattr(getattr(user, "notification_preference", None), "sms", False),
        },
        "messages": [
            {
                "channel": n.channel,
                "subject": n.subject,
                "body": n.body,
                "state": n.state,
                "created_at": n.created_at.isoformat(),
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }


def erase(user: User) -> None:
    from notifications.models import Notification, NotificationPreference

    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


def register() -> None:
    data_exporters.register("notifications", export)
    data_erasers.register("notifications", erase)
