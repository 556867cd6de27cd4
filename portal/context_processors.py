"""What every page's shell needs: the language switcher and the unread-messages badge."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info


def _main_menu(path: str) -> list[dict[str, Any]]:
    """The modules' entries (core.registry.main_menu), in order; the one the page belongs to is marked."""
    from core.registry import main_menu

    entries = []
    for entry in sorted(main_menu.values(), key=lambda e: e.order):
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": entry.label, "url": url, "current": path.startswith(url)})
    return entries


def _fallback_notice(current: str) -> dict[str, str] | None:
    fallback = settings.PARTIAL_CATALOGUES.get(current)
    if not fallback:
        return None
    info = get_language_info(fallback)
    return {"code": fallback, "dir": "rtl" if info["bidi"] else "ltr"}


def shell(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    context: dict[str, Any] = {
        "languages": languages,
        "main_menu": _main_menu(request.path),
        "text_direction": "rtl" if get_language_info(current)["bidi"] else "ltr",
        "header_messages": [],
        "header_more": False,
        "is_institution_staff": False,
        # A catalogue still being translated (settings.PARTIAL_CATALOGUES) says so on every page, in the language
        # its missing strings show in: the reader knows why some text is in Arabic and that drafts are unreviewed.
        "catalogue_fallback": _fallback_notice(current),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from accounts.middleware import STAFF_FLAG
        from notifications.selectors import HEADER_LIMIT, notification_unread_latest

        latest = notification_unread_latest(user=user)
        context["header_messages"] = latest[:HEADER_LIMIT]
        context["header_more"] = len(latest) > HEADER_LIMIT
        context["is_institution_staff"] = bool(request.session.get(STAFF_FLAG))
    return context
