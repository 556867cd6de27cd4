"""The client's address, as every rate limit, allauth and the audit trail see it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address of the person making the request, normalised ("" when none can be read).

    With ``TRUSTED_PROXY_COUNT = n`` (our reverse proxies, each appending the address it saw to X-Forwarded-For),
    the client is the n-th entry from the end of that header: what the outermost proxy of ours saw. Entries before
    it were written by the client and are never believed. With 0 (no proxy), the header is ignored. The same rule
    as allauth's ``ALLAUTH_TRUSTED_PROXY_COUNT`` (set from the same setting), so a login limit and a filing limit
    count the same person.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        # Fewer hops than proxies: the request did not come through all of them; the nearest peer is all we know.
        if len(hops) >= count:
            candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate.strip("[]")))
    except ValueError:
        return ""


def ratelimit_ip(request: HttpRequest) -> str:
    """The address django-ratelimit counts by (``RATELIMIT_IP_META_KEY``); an unreadable one counts as one bucket."""
    return client_ip(request) or "0.0.0.0"  # noqa: S104 — a bucket name, nothing listens on it
