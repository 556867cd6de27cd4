"""Reports that a public request holds personal data: any visitor files one, the institution's officer handles it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from information.models.publications import public_token


class ReportReason(models.TextChoices):
    NAME = "name", _("A person's name")
    CONTACT = "contact", _("A phone number, an email or a postal address")
    IDENTITY = "identity", _("An identity card number")
    BANK = "bank", _("A bank account number")
    OTHER = "other", _("Other personal data (health, family, situation…)")


class ReportState(models.TextChoices):
    OPEN = "open", _("To check")
    HANDLED = "handled", _("Handled")


class DataReport(models.Model):
    """Someone says the public copy of a request holds personal data; the information officer masks it."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    request = models.ForeignKey("information.InformationRequest", on_delete=models.CASCADE, related_name="data_reports")
    # Anyone may report, signed in or not; an erased account leaves the report.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("what is wrong"), max_length=12, choices=ReportReason.choices)
    text = models.TextField(_("details"), blank=True)
    state = models.CharField(max_length=8, choices=ReportState.choices, default=ReportState.OPEN)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("personal data report")
        verbose_name_plural = _("personal data reports")
        constraints = [
            # The button pressed twice files one report.
            models.UniqueConstraint(fields=["request", "submission_key"], name="inf_report_once"),
        ]
        indexes = [models.Index(fields=["state", "-created_at"], name="inf_report_state")]

    def __str__(self) -> str:
        return f"{self.request_id} report {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.state == ReportState.OPEN
