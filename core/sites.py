"""The site's own address for links that leave the page: emails, SMS, QR codes (decision 53).

Inside a request, development and test use the address the person typed (so `PORT=9000 make run`, a tunnel or
another machine's name all give working links); production uses `SITE_URL` when it is set, so a forged or
internal `Host` never reaches a citizen's inbox. Outside a request (the worker, the nightly jobs) it is `SITE_URL`.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("current_request", default=None)


def site_url(request: HttpRequest | None = None) -> str:
    """Scheme and host (no trailing slash) for absolute links: the request's, or SITE_URL (see the module doc)."""
    if settings.PRODUCTION and settings.SITE_URL_EXPLICIT:
        return str(settings.SITE_URL)
    request = request if request is not None else _current_request.get()
    if request is not None:
        try:
            # get_host() checks ALLOWED_HOSTS, so a Host header the site does not serve never becomes a link.
            return f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            pass
    return str(settings.SITE_URL)


def absolute_url(location: str, request: HttpRequest | None = None, *, language: str | None = None) -> str:
    """``location`` (a path, or an absolute URL whose host is replaced) on this site's address.

    With ``language``, the page's language prefix (any of settings.LANGUAGES) is switched to it, so a message's
    link opens in the message's language.
    """
    parts = urlsplit(location)
    path = parts.path or "/"
    if language:
        codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        path = re.sub(rf"^/({codes})(?=/)", f"/{language}", path, count=1)
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{site_url(request)}{path}{query}{fragment}"


class CurrentRequestMiddleware:
    """Remember the request while it is served, so a service that queues a message links to the same site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def check_site_url(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Deployment check: production should name its public address (links sent by the worker use it)."""
    if settings.PRODUCTION and not settings.SITE_URL_EXPLICIT:
        return [
            CheckWarning(
                "SITE_URL is not set: links in messages use the request's host, and the worker's links "
                f"use {settings.SITE_URL or 'nothing'}.",
                hint="Set SITE_URL to the public address, e.g. https://citizen-office.example (docs/operations.md).",
                id="core.W001",
            )
        ]
    return []
