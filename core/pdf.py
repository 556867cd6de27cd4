"""PDF documents (receipts, letters, decisions) rendered from templates with WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: dict[str, Any], *, language: str | None = None) -> bytes:
    """Render an HTML template to PDF bytes, in the given language (right-to-left for Arabic)."""
    from weasyprint import HTML

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())
