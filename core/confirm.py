"""Confirming an action that cannot be undone, without JavaScript.

The button leads (GET) to a page that says what will happen, with a POST form "Yes, …" and a link back;
the POST is refused unless it carries the confirmation field, so a stray or forged POST changes nothing.
Use: ``confirm_page(request, title=…, consequences=[…], submit=…, cancel_url=…)`` for the GET (and a POST
without the field, with status 400); ``is_confirmed(request)`` before calling the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


def is_confirmed(request: HttpRequest) -> bool:
    """Whether this POST carries the confirmation page's field."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: Sequence[str],
    submit: str,
    cancel_url: str,
    subject: str = "",
    base_template: str = "base.html",
    extra: dict[str, Any] | None = None,
    asking: bool = False,
) -> HttpResponse:
    """The confirmation page; answered with 400 when a POST came without the confirmation field, unless
    ``asking`` (the POST was the first click of an action that asks only in some cases)."""
    refused = request.method == "POST" and not asking
    context = {
        "title": title,
        "subject": subject,
        "consequences": consequences,
        "submit": submit,
        "cancel_url": cancel_url,
        "base_template": base_template,
        "refused": refused,
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
        **(extra or {}),
    }
    return render(request, "core/confirm.html", context, status=400 if refused else 200)


def missing_languages_page(
    request: HttpRequest, *, gaps: Sequence[Any], subject: str, cancel_url: str, asking: bool = False
) -> HttpResponse:
    """Before publishing texts that miss a language (``core.i18n.text_gaps``): what is missing, "Publish anyway"."""
    from django.utils.translation import gettext as _

    return confirm_page(
        request,
        title=_("Publish with texts missing a language?"),
        subject=subject,
        consequences=[
            _("%(what)s is not written in: %(languages)s.") % {"what": gap.what, "languages": gap.missing_names}
            for gap in gaps
        ]
        + [_("Readers in those languages will see these texts in another language, marked as such.")],
        submit=_("Publish anyway"),
        cancel_url=cancel_url,
        base_template="backoffice/base.html",
        asking=asking,
    )
