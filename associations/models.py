"""Associations (social actors): civil-society organisations with members."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _public_id() -> str:
    return secrets.token_urlsafe(9)


class Association(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    name = models.CharField(_("name"), max_length=255)
    registration_number = models.CharField(
        _("registration number"), max_length=60, help_text=_("The number on the receipt of declaration.")
    )
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registered_with = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="associations",
        verbose_name=_("declared to"),
        help_text=_("The authority that received the association's declaration; its admins verify it."),
    )
    commune = models.ForeignKey(
        "territories.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("seat (commune)"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["registered_with", "registration_number"], name="association_unique_number")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class AssociationRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative")
    MEMBER = "member", _("Member")


class AssociationMember(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="association_memberships")
    role = models.CharField(_("role"), max_length=16, choices=AssociationRole.choices, default=AssociationRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("association member")
        verbose_name_plural = _("association members")
        constraints = [models.UniqueConstraint(fields=["association", "user"], name="association_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
