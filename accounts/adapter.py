"""allauth hooks: messages in the person's language with links to this site, staff land in the back office."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext

from core.sites import absolute_url, site_url

# Sent while the person is on the page they signed up on: written in that page's language, whatever they chose
# for later messages (the form offers the page's language, but someone may pick another for the future).
IN_PAGE_LANGUAGE = {"account/email/email_confirmation_signup"}


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from accounts.models import User

        language = translation.get_language() or "fr"
        if template_prefix not in IN_PAGE_LANGUAGE:
            user = context.get("user") or User.objects.filter(email__iexact=email).first()
            language = getattr(user, "preferred_language", None) or language
        request = allauth_context.request
        # allauth builds links from the request's host in the page's language: links go to this site's address
        # (SITE_URL in production, decision 53) and open in the message's language.
        context = {
            **{
                key: absolute_url(value, request, language=language)
                if key.endswith("_url") and isinstance(value, str) and value
                else value
                for key, value in context.items()
            },
            "site_url": site_url(request),
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"[{gettext('Citizen Office')}] {subject}"

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        from django.urls import reverse

        from accounts.permissions import is_institution_staff

        if is_institution_staff(request.user):
            return reverse("backoffice:home")
        return super().get_login_redirect_url(request)
