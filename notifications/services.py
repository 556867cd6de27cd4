"""Writes for notifications: queue in the caller's transaction, deliver from the worker."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.sites import site_url
from notifications.models import DeliveryState, Notification, NotificationChannel, NotificationPreference
from notifications.sms import get_sms_backend

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution

logger = logging.getLogger("notifications")

# Back-off after each failed attempt: 1, 2, 4, 8, 16… minutes, at most six hours.
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
STUCK_AFTER = timedelta(minutes=10)


def preferences_for(user: User) -> NotificationPreference:
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref or NotificationPreference(user=user)


def _channels_for(user: User, requested: Iterable[str] | None) -> list[str]:
    pref = preferences_for(user)
    wanted = list(requested) if requested is not None else [c.value for c in NotificationChannel]
    channels: list[str] = []
    for channel in wanted:
        wanted_here: dict[str, bool] = {
            NotificationChannel.IN_APP: True,
            NotificationChannel.EMAIL: pref.email and bool(user.email) and user.is_active,
            NotificationChannel.SMS: settings.SMS_ENABLED and pref.sms and bool(user.phone) and user.is_active,
        }
        if wanted_here.get(channel, False):
            channels.append(channel)
    return channels


def render_message(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Subject, body and SMS text of a message template, in the given language."""
    with translation.override(language):
        ctx = {"site_url": site_url(), **context}
        subject = " ".join(render_to_string(f"notifications/messages/{template}/subject.txt", ctx).split())
        body = render_to_string(f"notifications/messages/{template}/body.txt", ctx).strip()
        sms = " ".join(render_to_string(f"notifications/messages/{template}/sms.txt", ctx).split())
    return subject, body, sms


def notify(
    *,
    recipient: Any,
    template: str,
    context: dict[str, Any] | None = None,
    institution: Institution | None = None,
    url: str = "",
    key: str | None = None,
    channels: Iterable[str] | None = None,
) -> list[Notification]:
    """Queue a message to a person on the channels they chose, in their language.

    Call it inside the service's transaction: when the change rolls back, so does the message.
    ``key`` makes it idempotent (a second call with the same key queues nothing).
    """
    context = context or {}
    language = getattr(recipient, "preferred_language", "") or settings.LANGUAGE_CODE
    subject, body, sms = render_message(template, {"recipient": recipient, "url": url, **context}, language)
    created: list[Notification] = []
    for channel in _channels_for(recipient, channels):
        row_key = f"{key}:{channel}" if key else None
        if row_key and Notification.objects.filter(key=row_key).exists():
            continue
        now = timezone.now()
        in_app = channel == NotificationChannel.IN_APP
        address = (
            recipient.email
            if channel == NotificationChannel.EMAIL
            else (recipient.phone if channel == NotificationChannel.SMS else "")
        )
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=recipient,
                    institution=institution,
                    channel=channel,
                    template=template,
                    language=language,
                    address=address,
                    subject=subject[:255],
                    body=sms if channel == NotificationChannel.SMS else body,
                    url=url,
                    key=row_key,
                    state=DeliveryState.SENT if in_app else DeliveryState.QUEUED,
                    sent_at=now if in_app else None,
                )
        except IntegrityError:  # the same key raced in from another worker
            continue
        created.append(notification)
        if not in_app:
            # robust: if the queue is down the change is still saved; the minute job catches up.
            transaction.on_commit(partial(_schedule, notification.pk), robust=True)
    return created


def _schedule(pk: int) -> None:
    from notifications.tasks import deliver_notification

    deliver_notification(pk)


def _backoff(attempts: int) -> timedelta:
    delay = BACKOFF_BASE * (2 ** max(attempts - 1, 0))
    return min(delay, BACKOFF_MAX)


def _send_email(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.address],
        headers={"Message-ID": notification.message_id, "Auto-Submitted": "auto-generated"},
        connection=get_connection(fail_silently=False),
    )
    message.send()


def _send_sms(notification: Notification) -> None:
    get_sms_backend().send(to=notification.address, body=notification.body, message_id=notification.message_id)


def notification_deliver(*, notification_id: int) -> str:
    """Send one queued message; safe to call twice (the claim makes it exactly-once per attempt).

    Returns the state after the attempt.
    """
    now = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, state=DeliveryState.QUEUED, next_attempt_at__lte=now
    ).update(state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        current = Notification.objects.filter(pk=notification_id).values_list("state", flat=True).first()
        return current or "missing"
    notification = Notification.objects.get(pk=notification_id)
    try:
        if notification.channel == NotificationChannel.EMAIL:
            _send_email(notification)
        elif notification.channel == NotificationChannel.SMS:
            _send_sms(notification)
    except Exception as exc:  # noqa: BLE001 — any failure (SMTP, network, SmsError) is retried
        final = notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
        Notification.objects.filter(pk=notification.pk).update(
            state=DeliveryState.FAILED if final else DeliveryState.QUEUED,
            next_attempt_at=timezone.now() + _backoff(notification.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:500],
            claimed_at=None,
        )
        logger.warning("notification delivery failed", extra={"notification": notification.pk, "final": final})
        return DeliveryState.FAILED if final else DeliveryState.QUEUED
    Notification.objects.filter(pk=notification.pk).update(
        state=DeliveryState.SENT, sent_at=timezone.now(), last_error="", claimed_at=None
    )
    return DeliveryState.SENT


def notifications_due() -> list[int]:
    """Queued messages whose next attempt has come, and ones stuck in 'sending' by a dead worker."""
    now = timezone.now()
    Notification.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        state=DeliveryState.QUEUED, claimed_at=None
    )
    return list(
        Notification.objects.filter(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> None:
    if notification.recipient_id != actor.pk:
        raise PermissionError
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(
        recipient=actor, channel=NotificationChannel.IN_APP, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def preference_update(*, actor: User, email: bool, sms: bool) -> NotificationPreference:
    pref, _created = NotificationPreference.objects.get_or_create(user=actor)
    pref.email = email
    pref.sms = sms
    pref.save()
    return pref


RETENTION = timedelta(days=365)


def notifications_purge(*, older_than: timedelta = RETENTION) -> int:
    """Delete delivered or failed messages past the retention period; returns how many."""
    cutoff = timezone.now() - older_than
    deleted, _detail = Notification.objects.filter(
        created_at__lt=cutoff, state__in=[DeliveryState.SENT, DeliveryState.FAILED]
    ).delete()
    return deleted
