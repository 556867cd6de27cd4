"""Shared test set-up: fast hashing, a clean cache, and the real map loaded once per run."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The country's territories and this year's holidays, loaded once for the whole run."""
    with django_db_blocker.unblock():
        call_command("import_territories", verbosity=0)
        call_command("seed_holidays", years=[2025, 2026, 2027], verbosity=0)


@pytest.fixture(autouse=True)
def _fast_and_clean(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "notifications.sms.MemorySmsBackend"
    settings.DEBUG = False
    cache.clear()
    from notifications.sms import MemorySmsBackend

    MemorySmsBackend.outbox.clear()
    # A page served in Arabic leaves Arabic active in this thread: each test starts in the default language.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch: Any) -> None:
    """``client.force_login`` stands for a finished sign-in: for someone with an authenticator, that sign-in went
    through allauth's MFA step (accounts.second_factor). People without one stay without it, as in real life."""
    from django.test import Client

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        from accounts.middleware import has_mfa
        from accounts.second_factor import PROVED

        if has_mfa(user):
            session = self.session
            session[PROVED] = True
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
