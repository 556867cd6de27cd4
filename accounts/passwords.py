"""Password policy: 12 characters for citizens, 15 for staff, 128 at most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
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
