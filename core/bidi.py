"""Bidirectional control characters out of what people type.

U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates) can make text read differently from what it
holds — an override turns "‮txt.exe" around, a stray embedding drags the words after it — and a staff member
reading a request or a complaint must see what was written. They are dropped from every form value on the way in
(the marks U+200E and U+200F, which only hint a direction, are kept: Arabic text mixed with Latin needs them), and
people's text is shown isolated with ``dir="auto"`` (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def strip_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


class BidiControlsMiddleware:
    """Every submitted form value without bidirectional controls, before any form or service sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            submitted = request.POST
            if any(strip_bidi_controls(v) != v for values in submitted.lists() for v in values[1]):
                cleaned = submitted.copy()
                for key, values in submitted.lists():
                    cleaned.setlist(key, [strip_bidi_controls(v) for v in values])
                cleaned._mutable = False
                request.POST = cleaned  # type: ignore[assignment]
        return self.get_response(request)
