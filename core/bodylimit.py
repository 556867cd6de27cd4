"""A cap on the request body (settings.MAX_REQUEST_BODY), checked before anything reads the body.

DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out, so without this a request could carry any amount of upload to the
temporary directory before a form looked at it. Under WSGI Django reads at most CONTENT_LENGTH bytes of a body
(django.core.handlers.wsgi.LimitedStream), and none when the header is missing: the announced length is the whole
question. Above the cap the answer is 413 before CSRF, the upload handlers or the view read a byte. A body sent in
chunks without a length would reach the view empty, the form as if nothing were typed: it is refused with 411 instead.
The proxy refuses the same bodies first (docs/operations.md, client_max_body_size).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext

from core.middleware import SecurityHeadersMiddleware


def _announced_length(request: HttpRequest) -> int | None:
    """The Content-Length, or None without one (Django reads nothing of a length that is not a number: 0)."""
    value = request.META.get("CONTENT_LENGTH") or ""
    if not value:
        return None
    try:
        return max(int(value), 0)
    except ValueError:
        return 0


def _refusal(request: HttpRequest, status: int) -> HttpResponse:
    """The site's own short page, in the page's language: LocaleMiddleware has not run yet."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        if status == 413:
            limit_mb = round(settings.MAX_REQUEST_BODY / 1_048_576)
            response = render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        else:
            text = gettext(
                "Send the body with its length (a Content-Length header): a body sent in chunks is not read."
            )
            response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Content-Language"] = language
    # Answered before the middleware that adds the policy to every response.
    response.setdefault("Content-Security-Policy", SecurityHeadersMiddleware.POLICY)
    return response


class BodyLimitMiddleware:
    """Refuse a body over MAX_REQUEST_BODY (413) or without a length (411), before it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = _announced_length(request)
        if length is None and request.META.get("HTTP_TRANSFER_ENCODING"):
            return _refusal(request, 411)
        if length is not None and length > settings.MAX_REQUEST_BODY:
            return _refusal(request, 413)
        return self.get_response(request)
