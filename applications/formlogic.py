"""Turn a form version's fields into a Django form, and evaluate its conditions, on the server.

Pure functions over FormField rows and an answers dict, so the rules are testable without pages
and the form works without JavaScript: a question shown "when that answer is …" is decided here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import FieldKind, FormField
from core.dates import written_date
from core.validators import FileCheck

PHONE = RegexValidator(r"^\+?[0-9][0-9 .\-]{7,18}$", gettext_lazy("Enter a phone number, e.g. +212 6 12 34 56 78."))
FORMAT_KINDS = {"pdf": "pdf", "jpeg": "jpeg", "jpg": "jpeg", "png": "png", "webp": "webp", "zip": "zip", "csv": "csv"}


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def matches(field: FormField, answers: Mapping[str, Any]) -> bool:
    """Whether the field's condition holds for these answers (no condition: always)."""
    if not field.condition_key:
        return True
    value = answers.get(field.condition_key)
    if isinstance(value, list):
        return field.condition_value in value
    return value == field.condition_value


def visible_fields(fields: Iterable[FormField], answers: Mapping[str, Any]) -> list[FormField]:
    """Fields to ask, in order: a field hidden by its condition hides the fields that depend on it."""
    fields = list(fields)
    keys = {f.key for f in fields}
    shown: list[FormField] = []
    shown_keys: set[str] = set()
    for field in fields:
        if field.condition_key in keys and field.condition_key not in shown_keys:
            continue
        if matches(field, answers):
            shown.append(field)
            shown_keys.add(field.key)
    return shown


def accepted_kinds(formats: str) -> list[str]:
    """The upload checks' kinds for a document's formats ("pdf,jpg,png" → ["jpeg", "pdf", "png"])."""
    return sorted({FORMAT_KINDS[f.strip().lower()] for f in formats.split(",") if f.strip().lower() in FORMAT_KINDS})


def accept_attribute(kinds: Iterable[str]) -> str:
    mime = {
        "pdf": "application/pdf",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "webp": "image/webp",
        "zip": "application/zip",
        "csv": "text/csv",
    }
    return ",".join(mime[k] for k in kinds)


class DateWindow:
    """A date within days of the day of answering: (-36500, 0) is "in the past century, not in the future"."""

    def __init__(self, earliest: Decimal | None, latest: Decimal | None) -> None:
        self.earliest = None if earliest is None else int(earliest)
        self.latest = None if latest is None else int(latest)

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last accepted days, counted from today (core.clock)."""
        from core import clock

        today = clock.today()
        first = None if self.earliest is None else today + dt.timedelta(days=self.earliest)
        last = None if self.latest is None else today + dt.timedelta(days=self.latest)
        return first, last

    def hint(self) -> str:
        """The range in words, for the question's hint ("A date on or before 2 December 2026.")."""
        first, last = self.bounds()
        if first and last:
            return _("A date from %(first)s to %(last)s.") % {
                "first": written_date(first),
                "last": written_date(last),
            }
        if last:
            return _("A date on or before %(day)s.") % {"day": written_date(last)}
        if first:
            return _("A date on or after %(day)s.") % {"day": written_date(first)}
        return ""

    def __call__(self, value: dt.date) -> None:
        from django.core.exceptions import ValidationError

        first, last = self.bounds()
        if first and value < first:
            raise ValidationError(
                _("Enter a date on or after %(day)s.") % {"day": written_date(first)}, code="too_early"
            )
        if last and value > last:
            raise ValidationError(
                _("Enter a date on or before %(day)s.") % {"day": written_date(last)}, code="too_late"
            )


def date_question(field: FormField, common: dict[str, Any]) -> forms.DateField:
    """A date question: its allowed range checked on the server and told in the hint (and the picker's min/max)."""
    window = DateWindow(field.min_value, field.max_value)
    first, last = window.bounds()
    attrs = {"type": "date", "dir": "ltr"}
    attrs.update({name: day.isoformat() for name, day in (("min", first), ("max", last)) if day})
    hint = window.hint()
    if hint:
        common = {**common, "help_text": " ".join(filter(None, [common["help_text"], conditional_escape(hint)]))}
    date_field = forms.DateField(widget=forms.DateInput(attrs=attrs), **common)
    date_field.validators.append(window)
    return date_field


def django_field(field: FormField, *, required: bool) -> forms.Field:
    """The form field for one question, with its validation (required, ranges, pattern)."""
    # Hints are typed by staff: escaped here, since the shared field template prints help texts as HTML.
    common: dict[str, Any] = {"label": field.label, "help_text": conditional_escape(field.help), "required": required}
    validators = []
    if field.pattern:
        validators.append(
            RegexValidator(
                rf"^(?:{field.pattern})$",
                _("This answer does not have the expected form.") + (f" {field.help}" if field.help else ""),
            )
        )
    kind = field.kind
    if kind == FieldKind.TEXTAREA or kind == FieldKind.ADDRESS:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3 if kind == FieldKind.ADDRESS else 6, "dir": "auto"}),
            max_length=5000,
            validators=validators,
            **common,
        )
    if kind == FieldKind.NUMBER:
        return forms.DecimalField(
            min_value=field.min_value,
            max_value=field.max_value,
            max_digits=14,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
            **common,
        )
    if kind == FieldKind.DATE:
        return date_question(field, common)
    if kind in (FieldKind.CHOICE, FieldKind.YESNO):
        return forms.ChoiceField(choices=field.options(), widget=forms.RadioSelect, **common)
    if kind == FieldKind.MULTIPLE:
        return forms.MultipleChoiceField(choices=field.options(), widget=forms.CheckboxSelectMultiple, **common)
    if kind == FieldKind.EMAIL:
        return forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}), **common)
    if kind == FieldKind.PHONE:
        return forms.CharField(
            max_length=24,
            validators=[PHONE, *validators],
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
            **common,
        )
    if kind == FieldKind.FILE:
        kinds = accepted_kinds(field.document.formats if field.document else "pdf,jpeg,png")
        limit = settings.APPLICATION_UPLOAD_MAX_BYTES
        return forms.FileField(
            validators=[FileCheck(kinds, max_bytes=limit)],
            widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(kinds)}),
            **common,
        )
    return forms.CharField(
        max_length=500, validators=validators, widget=forms.TextInput(attrs={"dir": "auto"}), **common
    )


def to_json(field: FormField, value: Any) -> Any:
    """A cleaned value as stored in the application's answers."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def from_json(field: FormField, value: Any) -> Any:
    """A stored answer as a form's initial value."""
    if field.kind == FieldKind.DATE and isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def display(field: FormField, value: Any) -> str:
    """An answer as a person reads it on the check-your-answers page and the receipt."""
    if is_empty(value):
        return ""
    if field.kind in (FieldKind.CHOICE, FieldKind.YESNO, FieldKind.MULTIPLE):
        labels = dict(field.options())
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    if field.kind == FieldKind.DATE:
        try:
            return written_date(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def safe_pattern(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True
