"""Append-only audit trail; each row carries the hash of the previous one."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    DESK = "desk", _("Citizen Office desk")
    API = "api", _("API")
    LETTER = "letter", _("Letter")
    SYSTEM = "system", _("System")


class AppendOnlyError(Exception):
    """Audit rows are never changed or deleted."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
        db_constraint=False,
    )
    actor_label = models.CharField(_("actor label"), max_length=255, blank=True)
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acting for"),
        db_constraint=False,
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
        db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-id"]
        indexes = [models.Index(fields=["institution", "-id"]), models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def payload(self) -> dict[str, Any]:
        """The fields the hash covers, in a canonical form."""
        return {
            "created_at": self.created_at.isoformat(),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "acting_for": self.acting_for_id,
            "institution": self.institution_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "channel": self.channel,
            "ip_address": self.ip_address,
            "request_id": self.request_id,
        }

    def compute_hash(self) -> str:
        """HMAC-SHA256 of the previous hash and this row, under AUDIT_CHAIN_KEY."""
        body = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, default=str)
        return hmac.new(
            settings.AUDIT_CHAIN_KEY.encode(), f"{self.prev_hash}|{body}".encode(), hashlib.sha256
        ).hexdigest()


class ChainHead(models.Model):
    """One row locked while appending, so two writers never chain onto the same hash."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit chain head ({self.count} events)"
