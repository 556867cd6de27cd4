"""The notification outbox: written in the change's transaction, delivered by the worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    IN_APP = "in_app", _("On this site")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    # Empty for a message to an address given without an account (a ticket taken at a kiosk with a phone number).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("institution"),
    )
    channel = models.CharField(_("channel"), max_length=8, choices=NotificationChannel.choices)
    template = models.CharField(_("template"), max_length=80)
    language = models.CharField(_("language"), max_length=5)
    address = models.CharField(_("address"), max_length=255, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Same key, same message: a retried job or a double click never queues it twice.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=DeliveryState.choices, default=DeliveryState.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The worker process sending it ("host:pid:token", notifications.services.worker_identity): when that process
    # has died, the next worker started on its host sends the message at once instead of after STUCK_AFTER.
    claimed_by = models.CharField(max_length=200, blank=True, default="")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"]),
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["institution", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_id}: {self.subject}"

    @property
    def message_id(self) -> str:
        """Stable Message-ID, so a receiving server can drop a duplicate after a crash."""
        return f"<notification-{self.pk}@citizen-office>"


class NotificationPreference(models.Model):
    """Which channels a person wants, besides the list on this site, which is always on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("by email"), default=True)
    sms = models.BooleanField(_("by SMS"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"
