"""Rate limits of the public API: per address, and per signed-in account, in the shared cache (429 + Retry-After).

A partner's key (accounts.api_keys) is counted by its own throttle; the auth that checked it marks the request
with ``api_key``, and the address limit leaves such a request alone.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from core.net import ratelimit_ip

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/m" → (120, 60). The same spelling as django-ratelimit's and allauth's rates."""
    count, unit = rate.split("/", 1)
    return int(count), _PERIODS[unit]


class WindowThrottle(BaseThrottle):
    """A fixed-window count in the shared cache: ``add`` then ``incr``, atomic on Redis.

    ninja keeps one throttle object per endpoint and gunicorn answers with several threads, so nothing about a
    request is kept on the object but in a thread-local (ninja's own SimpleRateThrottle keeps the request's key
    and history on ``self``). The rate is read from settings at each request.
    """

    scope = ""
    setting = ""

    def __init__(self) -> None:
        self._local = threading.local()

    def ident(self, request: HttpRequest) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: HttpRequest) -> bool:
        ident = self.ident(request)
        if ident is None:
            return True
        limit, period = parse_rate(getattr(settings, self.setting))
        now = time.time()
        window = int(now // period)
        key = f"api-throttle:{self.scope}:{ident}:{window}"
        if cache.add(key, 1, period + 5):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, period + 5)
                count = 1
        self._local.wait = (window + 1) * period - now
        return count <= limit

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


class AddressThrottle(WindowThrottle):
    """Every caller without a valid API key, by address (core.net: X-Forwarded-For only through
    TRUSTED_PROXY_COUNT proxies). A keyed caller is counted by its key: a partner behind one address
    would otherwise be held to one person's rate."""

    scope = "address"
    setting = "API_RATE_PER_ADDRESS"

    def ident(self, request: HttpRequest) -> str | None:
        if getattr(request, "api_key", None) is not None:
            return None
        return ratelimit_ip(request)


class AccountThrottle(WindowThrottle):
    """A signed-in caller, by account, whatever address they call from."""

    scope = "account"
    setting = "API_RATE_PER_ACCOUNT"

    def ident(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        return str(user.pk) if user is not None and user.is_authenticated else None
