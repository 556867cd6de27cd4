"""Partners' keys to the public API: the ``X-Api-Key`` header, checked by an optional auth and counted per key.

A newsroom, a university or an institution's own system calls often, from one address: with a valid key it is
counted by its key (``API_RATE_PER_KEY``) instead of its address. Callers without a key are let in as before.

ninja runs the auth before the throttles and answers an exception raised there with its handlers (a throttle's
exception would be a server error), so the auth looks the key up once, answers 401 for an unknown or revoked key,
and marks the request (``request.api_key``); ``KeyThrottle`` counts the marked requests and
``core.throttle.AddressThrottle`` leaves them alone. Nothing about a request is kept on these objects: ninja shares
them between threads.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from accounts.models import API_KEY_PREFIX, ApiKey
from core.throttle import WindowThrottle

HEADER = "X-Api-Key"
_LONGEST = 100  # a key is 46 characters; longer values are not looked up


def api_key_find(key: str) -> ApiKey | None:
    """The key with this value, revoked or not: one query on the unique digest."""
    if not key.startswith(API_KEY_PREFIX) or len(key) > _LONGEST:
        return None
    try:
        return ApiKey.objects.only("pk", "revoked_at", "last_used_on").get(digest=ApiKey.digest_of(key))
    except ApiKey.DoesNotExist:
        return None


def api_key_mark_used(api_key: ApiKey) -> None:
    """Note the day of use, at most one write a day per key (a conditional UPDATE: workers may race)."""
    today = timezone.localdate()
    if api_key.last_used_on == today:
        return
    ApiKey.objects.filter(pk=api_key.pk).exclude(last_used_on=today).update(last_used_on=today)
    api_key.last_used_on = today


class ApiKeyAuth(APIKeyHeader):
    """An optional key: none goes on to the next auth (``without_key``), a wrong one is refused with 401."""

    param_name = HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        if not key:
            return None
        api_key = api_key_find(key)
        if api_key is None:
            raise HttpError(401, _("This API key is not known."))
        if api_key.revoked_at is not None:
            raise HttpError(401, _("This API key has been revoked."))
        api_key_mark_used(api_key)
        request.api_key = api_key  # type: ignore[attr-defined]
        return api_key


def without_key(request: HttpRequest) -> Any:
    """The public API stays open: a caller without a key is counted by address (and account)."""
    return True


class KeyThrottle(WindowThrottle):
    """A caller with a valid key, by key, whatever address it calls from (``ApiKeyAuth`` marks the request)."""

    scope = "key"
    setting = "API_RATE_PER_KEY"

    def ident(self, request: HttpRequest) -> str | None:
        api_key = getattr(request, "api_key", None)
        return str(api_key.pk) if api_key is not None else None
