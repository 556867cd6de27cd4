"""Writes for notifications: queue in the caller's transaction, deliver from the worker."""

from __future__ import annotations

import logging
import os
import secrets
import socket
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
_PROCESS_TOKENS: dict[int, str] = {}


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
            NotificationChannel.EMAIL: pref.email and bool(user.contact_email) and user.is_active,
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
            recipient.contact_email
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


def notify_address(
    *,
    channel: str,
    address: str,
    template: str,
    context: dict[str, Any] | None = None,
    language: str = "",
    institution: Institution | None = None,
    url: str = "",
    key: str | None = None,
) -> Notification | None:
    """Queue a message to an email address or a phone number someone gave without an account (a ticket, a visit).

    Same outbox, same delivery and retries as ``notify``; nothing appears in an inbox on the site.
    """
    if channel not in (NotificationChannel.EMAIL, NotificationChannel.SMS) or not address.strip():
        return None
    language = language or settings.LANGUAGE_CODE
    subject, body, sms = render_message(template, {"recipient": None, "url": url, **(context or {})}, language)
    row_key = f"{key}:{channel}" if key else None
    if row_key and Notification.objects.filter(key=row_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=None,
                institution=institution,
                channel=channel,
                template=template,
                language=language,
                address=address.strip(),
                subject=subject[:255],
                body=sms if channel == NotificationChannel.SMS else body,
                url=url,
                key=row_key,
            )
    except IntegrityError:
        return None
    transaction.on_commit(partial(_schedule, notification.pk), robust=True)
    return notification


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
    ).update(state=DeliveryState.SENDING, claimed_at=now, claimed_by=worker_identity(), attempts=F("attempts") + 1)
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
            claimed_by="",
        )
        logger.warning("notification delivery failed", extra={"notification": notification.pk, "final": final})
        return DeliveryState.FAILED if final else DeliveryState.QUEUED
    Notification.objects.filter(pk=notification.pk).update(
        state=DeliveryState.SENT, sent_at=timezone.now(), last_error="", claimed_at=None, claimed_by=""
    )
    return DeliveryState.SENT


def notifications_due() -> list[int]:
    """Queued messages whose next attempt has come, and ones left in 'sending' by a worker that died."""
    notifications_release_dead_claims()
    now = timezone.now()
    Notification.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=now - STUCK_AFTER).update(
        state=DeliveryState.QUEUED, claimed_at=None, claimed_by=""
    )
    return list(
        Notification.objects.filter(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )


def worker_identity() -> str:
    """This process, as "host:pid:token"; the token tells it from an earlier process that had the same pid (a
    restarted container's worker is often process 1 again)."""
    pid = os.getpid()
    token = _PROCESS_TOKENS.setdefault(pid, secrets.token_hex(6))
    return f"{socket.gethostname()}:{pid}:{token}"


def _claimant_is_dead(claimed_by: str) -> bool:
    """True only when the claiming process certainly no longer runs: it was on this host, and its pid is gone or
    is now this process. Another host's claims are left to STUCK_AFTER."""
    parts = claimed_by.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid, token = int(parts[1]), parts[2]
    if pid == os.getpid():
        return token != _PROCESS_TOKENS.get(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def notifications_release_dead_claims() -> list[int]:
    """Queue again the messages a killed worker of this host had claimed; returns their ids.

    The dead worker may have handed a message over just before it died: sending it again can then deliver a
    second copy. It carries the same Message-ID, by which a receiving server drops it. Waiting longer would not
    tell us more (no mail server can be asked what it received), so the message goes out now.
    """
    released: list[int] = []
    claims = Notification.objects.filter(state=DeliveryState.SENDING).exclude(claimed_by="")
    for claimed_by in set(claims.values_list("claimed_by", flat=True)):
        if not _claimant_is_dead(claimed_by):
            continue
        # One row at a time, each only while the dead process still holds it: when two threads release at once
        # (huey starts the hook in each), each row is released, and then delivered, by one of them.
        for pk in claims.filter(claimed_by=claimed_by).values_list("pk", flat=True):
            if claims.filter(pk=pk, claimed_by=claimed_by).update(
                state=DeliveryState.QUEUED, claimed_at=None, claimed_by=""
            ):
                released.append(pk)
    if released:
        logger.warning("messages of a dead worker queued again", extra={"notifications": released})
    return released


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
