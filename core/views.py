"""Small helpers that views of every module share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest


def query_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, without the page number (for pagination links)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def add_service_errors(form: Any, exc: ValidationError, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: next to its field when the form has it, else on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        field = (rename or {}).get(field, field)
        form.add_error(field if field in form.fields else None, errors)
