"""Domain-free middleware: request ids and response security headers."""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.logging import request_id_var

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def served_by() -> str:
    """Which app server and process answered: ``SERVER_LABEL`` (default the host name) and the process id.

    Read per response, not at import: gunicorn forks its workers after loading the application.
    """
    return f"{os.environ.get('SERVER_LABEL') or socket.gethostname()}/{os.getpid()}"


class RequestIdMiddleware:
    """Give every request an id (or keep the load balancer's) for logs and the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Left set after the response on purpose: Django logs errors after the middleware
        # chain returns; the next request on this thread overwrites it.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        # Several app servers behind one proxy: each answer says which one served it (operations, drills).
        response["X-Served-By"] = served_by()
        return response


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: our own scripts, styles and images only."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class NulCharactersMiddleware:
    """A query string or a form value holding a NUL character is refused with 400 before any view reads it.

    No text a person types holds one; PostgreSQL refuses it in any text column, so a filter such as
    ``/api/v1/information-requests?state=%00`` reached the database as a server error (found by the API fuzzing).
    Django's form fields refuse it already; the API's and the views' query parameters did not.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.http import HttpResponseBadRequest

        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path:
            return HttpResponseBadRequest("NUL characters are not accepted.", content_type="text/plain")
        if (
            request.method == "POST"
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
            and any("\x00" in value for _key, values in request.POST.lists() for value in values)
        ):
            return HttpResponseBadRequest("NUL characters are not accepted.", content_type="text/plain")
        return self.get_response(request)
