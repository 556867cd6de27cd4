"""Proactive disclosure (law 31-13, art. 10): what institutions publish without being asked."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedMixin, translated_field
from core.models import NamedEntry
from core.validators import document_upload


def public_token() -> str:
    return secrets.token_urlsafe(12)


class Category(NamedEntry):
    """A kind of document the law asks institutions to publish; editable data (art. 10 list)."""

    in_article_10 = models.BooleanField(_("required by article 10"), default=True)

    class Meta(NamedEntry.Meta):
        verbose_name = _("publication category")
        verbose_name_plural = _("publication categories")


class PublicationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Publication(TranslatedMixin, models.Model):
    """A document an institution published; its title and summary per language (the document itself is in
    ``language``), shown in the reader's language when written, else marked as in another language."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.PROTECT, related_name="publications", verbose_name=_("institution")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="publications", verbose_name=_("category")
    )
    title = translated_field(models.CharField(_("title"), max_length=255, blank=True))
    summary = translated_field(models.TextField(_("summary"), blank=True))
    language = models.CharField(_("language of the document"), max_length=5, choices=settings.LANGUAGES)
    published_on = models.DateField(_("date of the document"), db_index=True)
    tags = models.CharField(
        _("tags"), max_length=255, blank=True, help_text=_("Words people may search for, separated by commas.")
    )
    state = models.CharField(max_length=12, choices=PublicationState.choices, default=PublicationState.PUBLISHED)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=255, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [
            models.Index(fields=["state", "-published_on"], name="pub_state_date"),
            models.Index(fields=["institution", "state", "-published_on"], name="pub_inst_state_date"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def is_published(self) -> bool:
        return self.state == PublicationState.PUBLISHED


def _private_storage():  # type: ignore[no-untyped-def]
    from django.core.files.storage import storages

    return storages["private"]


class PublicationFile(models.Model):
    """Served by a view that checks the publication is still published (a withdrawn one is gone)."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        _("file"), upload_to="information/publications/%Y/", validators=[document_upload], storage=_private_storage
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label or self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
