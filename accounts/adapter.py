"""allauth hooks: messages in the person's language, staff land in the back office."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from accounts.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        from django.urls import reverse

        from accounts.permissions import is_institution_staff

        if is_institution_staff(request.user):
            return reverse("backoffice:home")
        return super().get_login_redirect_url(request)
