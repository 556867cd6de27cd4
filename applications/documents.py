"""The documents an application produces: the receipt, the decision and the attestation of tacit acceptance."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, override

from applications.formlogic import display, visible_fields
from applications.models import Application, FieldKind
from core.dates import written_date
from core.i18n import language_codes, path_without_language
from core.pdf import render_pdf
from core.qr import qr_svg
from core.sites import site_url

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\}")


def verify_url(application: Application) -> str:
    """The address the QR code carries: without a language, so it opens in the reader's own."""
    return site_url() + path_without_language("applications:verify_code", application.verification_code)


def decision_texts(application: Application) -> dict[str, str]:
    """The decision's wording filled in, in each language the procedure has it in (kept when it is issued)."""
    texts = {}
    for language in language_codes():
        if getattr(application.procedure, f"decision_{language}", ""):
            with override(language):
                texts[language] = decision_text(application, language=language)
    return texts


def decision_text(application: Application, *, language: str | None = None) -> str:
    """The procedure's decision wording with {applicant}, {reference}, {procedure}, {date} and answers filled in."""
    from applications.services.applying import form_fields

    fields = {f.key: f for f in form_fields(application)}
    values = {
        "applicant": application.applicant.full_name,
        "reference": application.reference or "",
        "procedure": application.procedure.title,
        "date": written_date(application.decided_on) if application.decided_on else "",
    }

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in values:
            return values[key]
        if key in fields and fields[key].kind != FieldKind.FILE:
            return display(fields[key], application.answers.get(key))
        return match.group(0)

    wording = getattr(application.procedure, f"decision_{language}", "") if language else ""
    return PLACEHOLDER.sub(fill, wording or application.procedure.decision_text or "")


def _letterhead_image(application: Application) -> str:
    """The institution's letterhead as an image URL WeasyPrint can read (PDF letterheads are not drawn)."""
    letterhead = application.institution.letterhead
    if letterhead and letterhead.name.lower().rsplit(".", 1)[-1] in ("png", "jpg", "jpeg"):
        try:
            return "file://" + letterhead.path
        except (NotImplementedError, ValueError):
            return ""
    return ""


def context_for(application: Application, kind: str) -> dict[str, Any]:
    context: dict[str, Any] = {"application": application, "kind": kind, "letterhead": _letterhead_image(application)}
    if kind == "receipt":
        from applications.services.applying import form_fields

        fields = form_fields(application)
        context["answers"] = [
            (f.label, display(f, application.answers.get(f.key)))
            for f in visible_fields(fields, application.answers)
            if f.kind != FieldKind.FILE
        ]
        context["files"] = list(application.files.select_related("document"))
        from applications.services.common import track_path

        context["track_url"] = site_url() + track_path(application)
    else:
        context["verify_url"] = verify_url(application)
        context["qr"] = qr_svg(context["verify_url"])
    return context


def pdf_response(application: Application, kind: str, request: HttpRequest) -> HttpResponse:
    template = {
        "receipt": "applications/pdf/receipt.html",
        "decision": "applications/pdf/decision.html",
    }[kind]
    pdf = render_pdf(template, context_for(application, kind), language=get_language())
    name = f"{application.reference}-{'recepisse' if kind == 'receipt' else 'decision'}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
