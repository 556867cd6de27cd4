from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import phone_number
from frontdesk.models import Outcome


class TakeTicketForm(forms.Form):
    """At the kiosk: the service (the button pressed) and, if the person wishes, where to say their turn is near."""

    service = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    contact_phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=20,
        help_text=_("We send one text message when three people or fewer are ahead of you."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    contact_email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def clean_contact_phone(self) -> str:
        return phone_number(self.cleaned_data.get("contact_phone") or "")


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What came of the visit"), choices=Outcome.choices, widget=forms.RadioSelect)
    reference = forms.CharField(
        label=_("Reference of the case filed"),
        required=False,
        max_length=40,
        help_text=_("For example DAI-2026-RBT-000123: the visit is then linked to that case."),
    )


class TransferForm(forms.Form):
    target = forms.ChoiceField(label=_("Send to"))

    def __init__(self, *args: Any, services: Any, counters: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(f"s{s.pk}", s.name) for s in services]
        choices += [(f"c{c.pk}", str(c)) for c in counters]
        target: forms.ChoiceField = self.fields["target"]  # type: ignore[assignment]
        target.choices = choices
