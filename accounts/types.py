"""Request types for views that only signed-in people reach (after login_required)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
