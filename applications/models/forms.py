"""Application forms that institution staff build without code: versions, steps and fields.

A version is edited while it is a draft and frozen once published; editing a published form
makes the next version, so an application always keeps the version it was filed with.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedMixin, text_in, translated_field


class FormVersion(models.Model):
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.CASCADE, related_name="form_versions")
    number = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="form_version_number")]

    def __str__(self) -> str:
        return f"{self.procedure_id} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FormStep(TranslatedMixin, models.Model):
    form = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="steps")
    title = translated_field(models.CharField(_("title"), max_length=160, blank=True), required=("fr",))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.title)


class FieldKind(models.TextChoices):
    TEXT = "text", _("Short text")
    TEXTAREA = "textarea", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YESNO = "yesno", _("Yes / no")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    ADDRESS = "address", _("Address")
    FILE = "file", _("File (a required document)")


CHOICE_KINDS = {FieldKind.CHOICE, FieldKind.MULTIPLE, FieldKind.YESNO}


class Prefill(models.TextChoices):
    NONE = "", _("Nothing")
    FULL_NAME = "full_name", _("Full name")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    COMMUNE = "commune", _("Commune")


class FormField(TranslatedMixin, models.Model):
    step = models.ForeignKey(FormStep, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("A short name for this answer, unique in the form (letters, digits, -).")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FieldKind.choices, default=FieldKind.TEXT)
    label = translated_field(models.CharField(_("question"), max_length=255, blank=True), required=("fr",))
    help = translated_field(models.CharField(_("hint"), max_length=255, blank=True))
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(
        _("minimum"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "For a number, the smallest accepted. For a date, in days from the day of answering (-30: a month ago)."
        ),
    )
    max_value = models.DecimalField(
        _("maximum"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "For a number, the largest accepted. For a date, in days from the day of answering (0: not after today)."
        ),
    )
    pattern = models.CharField(
        _("pattern"), max_length=120, blank=True, help_text=_("A regular expression the whole answer must match.")
    )
    choices = translated_field(models.TextField(_("options"), blank=True, help_text=_("One option per line.")))
    prefill = models.CharField(_("prefilled from the profile"), max_length=12, choices=Prefill.choices, blank=True)
    document = models.ForeignKey(
        "procedures.RequiredDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="form_fields",
        verbose_name=_("required document"),
    )
    # "Show this when <field> is <value>": evaluated on the server, so it works without JavaScript.
    condition_key = models.SlugField(_("shown when the answer to"), max_length=40, blank=True)
    condition_value = models.CharField(_("is"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.label)

    def options(self) -> list[tuple[str, str]]:
        """(value, label) pairs; values come from the French lines, so they stay stable across languages."""
        if self.kind == FieldKind.YESNO:
            return [("yes", str(_("Yes"))), ("no", str(_("No")))]
        values = [line.strip() for line in text_in(self, "choices", "fr").splitlines() if line.strip()]
        labels = [line.strip() for line in self.tr("choices").splitlines() if line.strip()]
        if len(labels) != len(values):
            labels = values
        return [(slugify(v)[:80] or str(i), label) for i, (v, label) in enumerate(zip(values, labels, strict=True))]

    @property
    def has_condition(self) -> bool:
        return bool(self.condition_key)
