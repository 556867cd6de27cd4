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
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

_GENERATION = "pagecache:generation:{}"


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


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def public_page(*apps: str, seconds: int | None = None) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """Keep the page for anonymous visitors until a model of ``apps`` changes (or ``seconds`` pass)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS or not _anonymous(request):
                return view(request, *args, **kwargs)
            key = f"pagecache:{request.get_host()}:{request.get_full_path()}:{_generations(apps)}"
            kept = cache.get(key)
            if kept is not None:
                kept["X-Page-Cache"] = "hit"
                return kept  # type: ignore[no-any-return]
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if _keepable(request, response):
                cache.set(key, response, seconds or settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
            return response

        return wrapped

    return decorator


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
