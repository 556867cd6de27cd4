"""People, their level of assurance, their roles in institutions and the API keys they answer for."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Assurance(models.IntegerChoices):
    """How sure we are of who the person is."""

    REGISTERED = 0, _("Registered")
    EMAIL_VERIFIED = 1, _("Email verified")
    IDENTITY_CHECKED = 2, _("Identity checked in person")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


DESK_EMAIL_DOMAIN = "@desk.invalid"


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    commune = models.ForeignKey(
        "territories.Territory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("commune of residence"),
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    assurance_level = models.PositiveSmallIntegerField(
        _("level of assurance"), choices=Assurance.choices, default=Assurance.REGISTERED
    )
    # Django's is_staff opens the Django admin: platform administrators only. Institution
    # staff are people with an active Membership (see accounts.permissions).
    is_staff = models.BooleanField(_("platform administrator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    @property
    def contact_email(self) -> str:
        """The address to write to: none for an account made at a desk without one, or erased (``….invalid``, a
        name reserved never to exist, RFC 2606)."""
        return "" if not self.email or self.email.endswith(".invalid") else self.email

    @property
    def made_at_desk(self) -> bool:
        """Made by an agent for someone without an address; claimed online with the code on the desk's receipt."""
        return self.email.endswith(DESK_EMAIL_DOMAIN)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def initials(self) -> str:
        """ "F. A." for Fatima Alaoui: enough to match a paper to its holder, without publishing the name."""
        return " ".join(f"{part[0].upper()}." for part in self.full_name.split() if part[:1].isalpha())


class DocumentKind(models.TextChoices):
    CNIE = "cnie", _("National electronic identity card (CNIE)")
    RESIDENCE = "residence", _("Residence card")
    PASSPORT = "passport", _("Passport")


class IdentityCheck(models.Model):
    """An identity document seen in person by an agent (law 09-08: never a copy of it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_checks", verbose_name=_("person")
    )
    office = models.ForeignKey(
        "institutions.Office", on_delete=models.PROTECT, related_name="identity_checks", verbose_name=_("office")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="identity_checks_made",
        verbose_name=_("agent"),
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    document_kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    # HMAC-SHA256 of the normalised document number under IDENTITY_HASH_KEY: enough to spot
    # one document on two accounts, useless to recover the number.
    document_hash = models.CharField(max_length=64, db_index=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.get_document_kind_display()} · {self.checked_at:%Y-%m-%d}"


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", _("Front-desk agent")
    CASE_OFFICER = "case_officer", _("Case officer")
    INFORMATION_OFFICER = "information_officer", _("Information officer")
    MODERATOR = "moderator", _("Moderator")
    DECISION_MAKER = "decision_maker", _("Decision-maker")
    INSTITUTION_ADMIN = "institution_admin", _("Institution admin")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    department = models.ForeignKey(
        "institutions.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("department"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "institution", "role"], name="membership_unique_role")]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.institution}"


API_KEY_PREFIX = "co_"


class ApiKey(models.Model):
    """A partner's key to the public API (accounts.api_keys): counted apart, at its own rate.

    The key is shown once when it is made (``accounts.services.api_key_create``); only its SHA-256 is kept, so a
    copy of the database lets no one call as the partner. A key is 256 random bits: a plain hash is enough, no
    slow password hash is needed.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_keys",
        verbose_name=_("person responsible"),
    )
    name = models.CharField(_("what it is for"), max_length=120)
    prefix = models.CharField(
        _("prefix"), max_length=8, help_text=_("The first characters of the key, to recognise it.")
    )
    digest = models.CharField(max_length=64, unique=True)  # sha256 hex of the whole key; unique implies an index
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_on = models.DateField(_("last used on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… · {self.name}"

    @staticmethod
    def generate() -> str:
        return API_KEY_PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
