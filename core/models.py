"""Reusable model pieces with no domain of their own."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.calendar import DeadlineRule, DurationUnit
from core.i18n import TranslatedMixin, translated_field


class DurationUnitChoices(models.TextChoices):
    WORKING_DAYS = DurationUnit.WORKING_DAYS.value, _("working days")
    CALENDAR_DAYS = DurationUnit.CALENDAR_DAYS.value, _("calendar days")
    MONTHS = DurationUnit.MONTHS.value, _("months")


class DeadlineRuleFields(models.Model):
    """A deadline stored as data, (duration, unit), that an institution admin can edit.

    Modules inherit it for their rules (e.g. "20 working days" for an information request)
    and compute dates with ``working_calendar(...).deadline(start, obj.deadline_rule)``.
    """

    duration = models.PositiveSmallIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=16, choices=DurationUnitChoices.choices)

    class Meta:
        abstract = True

    @property
    def deadline_rule(self) -> DeadlineRule:
        return DeadlineRule(self.duration, DurationUnit(self.unit))


class ReferenceSequence(models.Model):
    """The last number issued in one reference scope (see core.references)."""

    scope = models.CharField(max_length=64, unique=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"


class NamedEntry(TranslatedMixin, models.Model):
    """An entry of a list that administrators edit (categories, life events): a slug and a name per language."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = translated_field(models.CharField(_("name"), max_length=200, blank=True), required=("fr",))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return str(self.tr("name"))
