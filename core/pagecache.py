"""Whole public pages kept for anonymous visitors, dropped when the data behind them changes.

A page a visitor opens without an account is the same for every such visitor in the same language (the language is
in the URL). ``public_page("institutions", "procedures")`` keeps the view's answer for ``PAGE_CACHE_SECONDS``, keyed
by host, path and query string and by a *generation* of each app the page reads. Any save or delete of a model of
those apps (services, the admin, commands, migrations of data — ``post_save``, ``post_delete`` and ``m2m_changed``)
gives the app a new generation, so the next visitor gets a fresh page; a bulk ``update()`` sends no signal, and the
code that does one on public data calls ``changed("app")``. The time limit bounds what the signals cannot see: what
"today" changes (an office open now, a deadline passed).

Never kept: a signed-in person's page (a session cookie), a page with a message waiting, a page that holds a CSRF
token (it would be another visitor's), an answer other than 200, or one that sets a cookie. A kept page carries
``X-Page-Cache: hit``.

A form a visitor fills in before having an account (sign-in, sign-up) holds a CSRF token of its own visitor.
``public_form_page`` keeps such a page with every token taken out — any 64-character string that unmasks to the
visitor's CSRF secret, wherever it is, becomes a slot — and puts a token of the visitor it serves into the slots each
time; a page where the secret itself shows is not kept. The headers stay those of the view (``never_cache`` keeps
telling browsers and proxies not to keep it).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]

_GENERATION = "pagecache:generation:{}"
_MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_TOKEN_SLOT = b"pagecache-csrf-token-slot"


def _generations(apps: tuple[str, ...]) -> str:
    keys = [_GENERATION.format(app) for app in apps]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex[:12] for key in keys if key not in found}
    if missing:
        # A random value, not a counter: if the store forgets a generation, the new one matches no old page.
        cache.set_many(missing, None)
        found.update(missing)
    return ".".join(str(found[key]) for key in keys)


def changed(*apps: str) -> None:
    """The public data of these apps changed: their pages are rendered afresh."""
    cache.set_many({_GENERATION.format(app): uuid.uuid4().hex[:12] for app in apps}, None)


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _keepable(request: HttpRequest, response: HttpResponse, *, tokens: bool = False) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (tokens or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        and (tokens or "private" not in response.get("Cache-Control", ""))
    )


def _without_tokens(request: HttpRequest, response: HttpResponse) -> bool:
    """Put a slot wherever the page holds the visitor's CSRF token (any mask of their secret, in a form or not).

    False — the page is not kept — when the secret itself shows.
    """
    secret = request.META.get("CSRF_COOKIE") or ""
    if not secret:
        return True
    content = response.content
    for candidate in set(_MASKED_TOKEN.findall(content)):
        if _unmask_cipher_token(candidate.decode()) == secret:
            content = content.replace(candidate, _TOKEN_SLOT)
    if secret.encode() in content:
        return False
    response.content = content
    return True


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if _TOKEN_SLOT in response.content:
        # A fresh mask of this visitor's secret (made now, with its cookie, when the visitor has none yet).
        response.content = response.content.replace(_TOKEN_SLOT, get_token(request).encode())
    return response


def _page_cache(apps: tuple[str, ...], seconds: int | None, *, tokens: bool) -> Callable[..., Callable[..., Any]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS or not _anonymous(request):
                return view(request, *args, **kwargs)
            key = f"pagecache:{request.get_host()}:{request.get_full_path()}:{_generations(apps)}"
            kept = cache.get(key)
            if kept is not None:
                kept["X-Page-Cache"] = "hit"
                return _with_token(request, kept) if tokens else kept  # type: ignore[no-any-return]
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if _keepable(request, response, tokens=tokens) and (not tokens or _without_tokens(request, response)):
                cache.set(key, response, seconds or settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
                if tokens:
                    return _with_token(request, response)
            return response

        return wrapped

    return decorator


def public_page(*apps: str, seconds: int | None = None) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """Keep the page for anonymous visitors until a model of ``apps`` changes (or ``seconds`` pass)."""
    return _page_cache(apps, seconds, tokens=False)


def public_form_page(
    *apps: str, seconds: int | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """``public_page`` for a form an anonymous visitor sends: kept without its CSRF tokens, given the visitor's own."""
    return _page_cache(apps, seconds, tokens=True)


def _on_change(sender: Any, **kwargs: Any) -> None:
    label = sender._meta.app_label
    # Migrations' historical models (module "__fake__") change nothing anyone has seen yet, and run before the
    # database cache's table exists.
    if label in settings.PAGE_CACHE_APPS and sender.__module__ != "__fake__":
        # At once (the same transaction sees its own change), and again after the commit: a page another visitor
        # rendered between the change and the commit, from the data before it, would be kept as new otherwise.
        changed(label)
        transaction.on_commit(lambda: changed(label), robust=True)


def connect() -> None:
    """Every model save, delete and many-to-many change of a public app starts a new generation of its pages."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(_on_change, dispatch_uid="core.pagecache.save")
    post_delete.connect(_on_change, dispatch_uid="core.pagecache.delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="core.pagecache.m2m")


def _on_m2m_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("action", "").startswith("post_"):
        _on_change(type(instance))
