"""Password policy: 12 characters for citizens, 15 for staff, 128 at most; Argon2id for storing them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from accounts.models import User


def _is_staff_account(user: User | None) -> bool:
    if user is None or getattr(user, "pk", None) is None:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return bool(user.memberships.filter(is_active=True).exists())


class RoleLengthValidator:
    """Minimum length by role (NIST SP 800-63B: length over composition rules)."""

    def min_length(self, user: User | None = None) -> int:
        if _is_staff_account(user):
            return int(settings.PASSWORD_MIN_LENGTH_STAFF)
        return int(settings.PASSWORD_MIN_LENGTH_CITIZEN)

    def validate(self, password: str, user: User | None = None) -> None:
        minimum = self.min_length(user)
        if len(password) < minimum:
            raise ValidationError(
                ngettext(
                    "This password is too short. It must contain at least %(min_length)d character.",
                    "This password is too short. It must contain at least %(min_length)d characters.",
                    minimum,
                )
                % {"min_length": minimum},
                code="password_too_short",
                params={"min_length": minimum},
            )
        maximum = int(settings.PASSWORD_MAX_LENGTH)
        if len(password) > maximum:
            raise ValidationError(
                _("This password is too long. It may contain at most %(max_length)d characters.")
                % {"max_length": maximum},
                code="password_too_long",
                params={"max_length": maximum},
            )

    def get_help_text(self) -> str:
        return _(
            "At least %(citizen)d characters (%(staff)d for institution staff), at most %(max)d. "
            "A short sentence is easy to remember and hard to guess."
        ) % {
            "citizen": settings.PASSWORD_MIN_LENGTH_CITIZEN,
            "staff": settings.PASSWORD_MIN_LENGTH_STAFF,
            "max": settings.PASSWORD_MAX_LENGTH,
        }


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane.

    Memory makes guessing on graphics cards costly where PBKDF2 relies on time alone: ~30 ms a sign-up
    here instead of ~350 ms for PBKDF2's million rounds, for protection OWASP rates at least as good.
    Hashes made with other settings (or PBKDF2) are re-made with these at the next sign-in.
    """

    time_cost = 2
    memory_cost = 19_456  # KiB
    parallelism = 1
