"""Forms of the visitors' ratings (from the ticket's page and at the kiosk) and of the figures page's period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock
from core.bidi import strip_bidi_controls
from frontdesk.figures import MAX_DAYS, Period, period_named, ticket_number_normalised
from frontdesk.rating_services import COMMENT_MAX

SCORE_CHOICES = [
    ("5", _("5 — very good")),
    ("4", _("4 — good")),
    ("3", _("3 — fair")),
    ("2", _("2 — poor")),
    ("1", _("1 — very poor")),
]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How was your visit?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a score from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Anything to tell the office?"),
        required=False,
        max_length=COMMENT_MAX,
        help_text=_("At most 1000 characters. Only the office's staff read it: do not write personal details."),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "maxlength": COMMENT_MAX}),
    )

    def clean_comment(self) -> str:
        return strip_bidi_controls(self.cleaned_data.get("comment") or "").strip()


class KioskRatingForm(RatingForm):
    """At the kiosk: the number printed on the ticket first."""

    number = forms.CharField(
        label=_("Your ticket number"),
        max_length=12,
        help_text=_("As printed on your ticket, for example A-042."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )

    field_order = ["number", "score", "comment"]

    def clean_number(self) -> str:
        normalised = ticket_number_normalised(self.cleaned_data["number"])
        if normalised is None:
            raise forms.ValidationError(_("Type the number as printed on your ticket, for example A-042."))
        return normalised


PERIOD_CHOICES = [
    ("today", _("Today")),
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("custom", _("From one date to another")),
]


class PeriodForm(forms.Form):
    """The figures page's period: today, the last 7 or 30 days, or two dates at most 92 days apart."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        today = clock.today()
        key = data.get("period") or ("custom" if data.get("start") or data.get("end") else "7")
        if key != "custom":
            data["range"] = period_named(key, today=today)
            return data
        if self.has_error("start") or self.has_error("end"):  # a date that is not one: said next to it
            return data
        start: date | None = data.get("start")
        end: date | None = data.get("end") or (today if start else None)
        if start is None or end is None:
            self.add_error("start", _("Give the first day of the period."))
        elif end < start:
            self.add_error("end", _("The last day comes before the first."))
        elif end > today:
            self.add_error("end", _("The period cannot end after today."))
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("end", _("Choose at most 92 days."))
        else:
            data["range"] = Period(start=start, end=end)
        return data
