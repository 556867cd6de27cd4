"""Reads for notifications, scoped to the person or the institution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from notifications.models import Notification, NotificationChannel

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, channel=NotificationChannel.IN_APP).order_by("-created_at")


HEADER_LIMIT = 5


def notification_unread_latest(*, user: User) -> list[Notification]:
    """The newest unread messages for the list in the header: one query, at most HEADER_LIMIT + 1
    rows (the extra row tells that there are more)."""
    return list(
        Notification.objects.filter(recipient=user, channel=NotificationChannel.IN_APP, read_at__isnull=True)
        .only("id", "subject", "created_at", "url")
        .order_by("-created_at")[: HEADER_LIMIT + 1]
    )


def notification_get_for_user(*, user: User, pk: int) -> Notification | None:
    return notification_list_for_user(user=user).filter(pk=pk).first()


def notification_list_for_institution(*, institution: Institution, state: str = "") -> QuerySet[Notification]:
    qs = Notification.objects.filter(institution=institution).exclude(channel=NotificationChannel.IN_APP)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("recipient").order_by("-created_at")
