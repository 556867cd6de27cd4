"""The tenants: institutions, their departments and their physical Citizen Offices."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedMixin, translated_field
from core.models import NamedEntry
from core.validators import image_upload, letterhead_upload


class InstitutionKind(models.TextChoices):
    NATIONAL = "national", _("National body")
    REGION = "region", _("Region")
    PROVINCE = "province", _("Prefecture or province")
    COMMUNE = "commune", _("Commune")
    OTHER = "other", _("Other public body")


short_code_validator = RegexValidator(r"^[A-Z0-9]{2,12}$", _("Use 2 to 12 capital letters or digits."))


class Institution(TranslatedMixin, models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=InstitutionKind.choices, db_index=True)
    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
        verbose_name=_("territory governed"),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    short_code = models.CharField(_("short code"), max_length=12, unique=True, validators=[short_code_validator])
    name = translated_field(models.CharField(_("name"), max_length=255, blank=True), required=("fr",))
    description = translated_field(models.TextField(_("description"), blank=True))
    address = translated_field(models.TextField(_("address"), blank=True))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="institutions/logos/", blank=True, validators=[image_upload])
    letterhead = models.FileField(
        _("letterhead"), upload_to="institutions/letterheads/", blank=True, validators=[letterhead_upload]
    )
    on_platform = models.BooleanField(_("on the platform"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return str(self.tr("name"))


class Department(TranslatedMixin, models.Model):
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="departments", verbose_name=_("institution")
    )
    name = translated_field(models.CharField(_("name"), max_length=255, blank=True), required=("fr",))
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name_fr"]
        constraints = [models.UniqueConstraint(fields=["institution", "name_fr"], name="department_unique_name")]

    def __str__(self) -> str:
        return str(self.tr("name"))


class SpokenLanguage(NamedEntry):
    """A language people may be received in at a desk (Arabic, Darija, Tarifit, Tamazight, Tachelhit, French,
    English, Moroccan Sign Language…): editable data, ``slug`` its ISO 639 code."""

    class Meta(NamedEntry.Meta):
        verbose_name = _("language spoken at the desk")
        verbose_name_plural = _("languages spoken at the desk")


class Office(TranslatedMixin, models.Model):
    """A physical Citizen Office where agents receive people."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="offices", verbose_name=_("institution")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = translated_field(models.CharField(_("name"), max_length=255, blank=True), required=("fr",))
    address = translated_field(models.TextField(_("address"), blank=True), required=("fr",))
    commune = models.ForeignKey(
        "territories.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        verbose_name=_("commune"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = translated_field(models.TextField(_("accessibility"), blank=True))
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    languages = models.ManyToManyField(
        SpokenLanguage, blank=True, related_name="offices", verbose_name=_("languages spoken at the desks")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("open to the public"), default=True)

    class Meta:
        verbose_name = _("Citizen Office")
        verbose_name_plural = _("Citizen Offices")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return str(self.tr("name"))

    @property
    def map_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """One opening period on a weekday; a day may have several (morning and afternoon)."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="hours", verbose_name=_("office"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A dated change to the usual hours: closed, or open at other times."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("office"))
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = translated_field(models.CharField(_("reason"), max_length=200, blank=True))

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["office", "date"], name="one_exception_per_office_day")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class Holiday(TranslatedMixin, models.Model):
    """A public holiday as a dated row (religious holidays move with the moon: never a rule)."""

    date = models.DateField(_("date"), db_index=True)
    country = models.CharField(_("country"), max_length=2, default="MA")
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="holidays",
        verbose_name=_("institution"),
        help_text=_("Leave empty for a national holiday; set it for a day off of one institution only."),
    )
    name = translated_field(models.CharField(_("name"), max_length=200, blank=True), required=("fr",))
    estimated = models.BooleanField(
        _("estimated"), default=False, help_text=_("Religious holidays are estimated until the moon is sighted.")
    )

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        # Two holidays may fall on one day (Oued Ed-Dahab and the Mawlid on 14 August 2027): one row each,
        # so confirming or moving one never touches the other. A name is given once per day and scope.
        constraints = [
            models.UniqueConstraint(
                fields=["date", "country", "institution", "name_fr"], name="holiday_unique_name_per_scope"
            ),
            models.UniqueConstraint(
                fields=["date", "country", "name_fr"],
                condition=models.Q(institution__isnull=True),
                name="holiday_unique_name_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.tr('name')}"
