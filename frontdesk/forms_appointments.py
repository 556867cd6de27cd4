from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import phone_number


def parse_slot(value: str) -> datetime | None:
    try:
        return timezone.make_aware(datetime.strptime(value, "%Y-%m-%dT%H:%M"))
    except (TypeError, ValueError):
        return None


class SlotForm(forms.Form):
    """The time chosen among the free ones (radio buttons built by the template from the slots)."""

    starts_at = forms.CharField(label=_("Time"), error_messages={"required": _("Choose a time.")})
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_starts_at(self) -> datetime:
        moment = parse_slot(self.cleaned_data["starts_at"])
        if moment is None:
            raise forms.ValidationError(_("Choose a time."))
        return moment


class CallerForm(SlotForm):
    """An agent booking for someone on the phone or at the desk."""

    name = forms.CharField(label=_("Name of the person"), max_length=150, widget=forms.TextInput(attrs={"dir": "auto"}))
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=20,
        help_text=_("The confirmation and the reminder are sent to it by SMS."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)

    def clean_phone(self) -> str:
        return phone_number(self.cleaned_data.get("phone") or "")


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Confirmation code"),
        max_length=12,
        help_text=_("On your confirmation, for example K7QM-3XPA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )
