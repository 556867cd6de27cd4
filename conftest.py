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
