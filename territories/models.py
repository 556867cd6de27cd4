"""The country's territorial units: region → prefecture/province → commune (HCP codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedMixin, translated_field


class Level(models.TextChoices):
    REGION = "region", _("Region")
    PROVINCE = "province", _("Prefecture or province")
    COMMUNE = "commune", _("Commune")


class Territory(TranslatedMixin, models.Model):
    code = models.CharField(_("official code"), max_length=20, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=40, blank=True, help_text=_("prefecture, province, urban, rural…"))
    name = translated_field(
        models.CharField(_("name"), max_length=200, blank=True),
        required=(
            "ar",
            "fr",
        ),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    population_2024 = models.PositiveIntegerField(_("population (2024 census)"), null=True, blank=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["level", "name_fr"]
        indexes = [models.Index(fields=["level", "name_fr"]), models.Index(fields=["parent", "level"])]

    def __str__(self) -> str:
        return str(self.tr("name"))
