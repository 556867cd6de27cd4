"""Administrative procedures (law 55-19): the catalogue of what a citizen can ask an institution for.

A procedure is either a national model (no institution) or an institution's own, usually adopted
from a model: the institution keeps the model's texts and documents and sets its own offices, fees
and contact. Texts are per language (``_ar``, ``_fr``, ``_en``) with the usual fallback.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.calendar import DeadlineRule, DurationUnit
from core.i18n import TranslatedMixin, translated_field
from core.models import DurationUnitChoices, NamedEntry


def _public_id() -> str:
    return secrets.token_urlsafe(9)


class ProcedureCategory(NamedEntry):
    class Meta(NamedEntry.Meta):
        verbose_name = _("procedure category")
        verbose_name_plural = _("procedure categories")


class LifeEvent(NamedEntry):
    class Meta(NamedEntry.Meta):
        verbose_name = _("life event")
        verbose_name_plural = _("life events")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFICE = "office", _("At an office")
    BOTH = "both", _("Online or at an office")


class ProcedureState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Procedure(TranslatedMixin, models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    slug = models.SlugField(_("slug"), max_length=120)
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("institution"),
        help_text=_("Empty for a national model that institutions adopt."),
    )
    model = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="adoptions", verbose_name=_("model")
    )
    category = models.ForeignKey(ProcedureCategory, on_delete=models.PROTECT, related_name="procedures")
    life_events = models.ManyToManyField(LifeEvent, blank=True, related_name="procedures")
    title = translated_field(models.CharField(_("title"), max_length=200, blank=True), required=("fr",))
    purpose = translated_field(models.TextField(_("purpose"), blank=True))
    who = translated_field(models.TextField(_("who may apply"), blank=True))
    fee = models.DecimalField(_("fee (MAD)"), max_digits=10, decimal_places=2, default=Decimal("0"))
    payment = translated_field(models.CharField(_("how to pay"), max_length=255, blank=True))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    max_duration = models.PositiveSmallIntegerField(_("maximum processing time"), default=60)
    max_unit = models.CharField(
        _("unit"), max_length=16, choices=DurationUnitChoices.choices, default=DurationUnit.CALENDAR_DAYS.value
    )
    target_duration = models.PositiveSmallIntegerField(_("target processing time"), null=True, blank=True)
    target_unit = models.CharField(
        _("unit"), max_length=16, choices=DurationUnitChoices.choices, default=DurationUnit.WORKING_DAYS.value
    )
    silence_is_acceptance = models.BooleanField(_("silence means acceptance"), default=False)
    channel = models.CharField(_("channels"), max_length=8, choices=Channel.choices, default=Channel.BOTH)
    offices = models.ManyToManyField("institutions.Office", blank=True, related_name="procedures")
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related procedures"))
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    department = models.ForeignKey(
        "institutions.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("department responsible"),
        help_text=_("Applications are routed to this department's case officers."),
    )
    # The decision document (law 55-19): its wording per language and who signs it.
    decision = translated_field(models.TextField(_("decision text"), blank=True))
    signatory = models.CharField(_("signed by (name and title)"), max_length=200, blank=True)
    state = models.CharField(max_length=12, choices=ProcedureState.choices, default=ProcedureState.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.UniqueConstraint(fields=["institution", "slug"], name="procedure_slug_per_institution"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(institution__isnull=True), name="procedure_model_slug"
            ),
        ]
        indexes = [models.Index(fields=["state", "institution"], name="procedure_state_inst")]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def decision_text(self) -> str:
        return self.tr("decision")

    @property
    def is_model(self) -> bool:
        return self.institution_id is None

    @property
    def max_rule(self) -> DeadlineRule:
        return DeadlineRule(self.max_duration, DurationUnit(self.max_unit))


class RequiredDocument(TranslatedMixin, models.Model):
    """Only documents listed here may be asked of the applicant (law 55-19)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    name = translated_field(models.CharField(_("name"), max_length=200, blank=True), required=("fr",))
    description = translated_field(models.TextField(_("description"), blank=True))
    required = models.BooleanField(_("required"), default=True)
    formats = models.CharField(_("accepted formats"), max_length=60, default="pdf,jpeg,png")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.tr("name"))

    @property
    def format_list(self) -> list[str]:
        return [f.strip().upper() for f in self.formats.split(",") if f.strip()]
