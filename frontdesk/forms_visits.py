from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.forms import phone_number
from institutions.models import Office


class NewPersonForm(forms.Form):
    """An account for someone at the desk who has no email address."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=20,
        help_text=_("Receipts and news of their files are sent to it by SMS."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
    )
    preferred_language = forms.ChoiceField(label=_("Language for their messages"), choices=settings.LANGUAGES)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    agreed = forms.BooleanField(
        label=_("The person asks for an account and agrees that I file for them today"),
        help_text=_("The receipt carries a code with which they can attach an email address and a password later."),
    )

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        return phone_number(self.cleaned_data.get("phone") or "")


class ClaimForm(forms.Form):
    """Online, with the code printed on the desk's receipt."""

    code = forms.CharField(
        label=_("Code on your receipt"),
        max_length=20,
        help_text=_("Twelve letters and digits, for example K7QM-3XPA-ZT9C."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm it; you sign in with it afterwards."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("The password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
