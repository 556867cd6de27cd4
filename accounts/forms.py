"""Forms for accounts: the extra sign-up fields and the profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from territories.fields import CommuneHiddenField


def phone_number(value: str) -> str:
    """A mobile number as typed (spaces, dots, dashes, brackets dropped), or the form's error in the person's words."""
    import re

    phone = re.sub(r"[\s.\-()]", "", value)
    if phone and not re.fullmatch(r"\+?[0-9]{9,15}", phone):
        raise forms.ValidationError(_("Enter a phone number with 9 to 15 digits, for example +212612345678."))
    return phone


class SignupExtraForm(forms.Form):
    """Fields allauth adds to its sign-up form (name, language, commune)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Language for messages we send you"), choices=settings.LANGUAGES, initial="fr"
    )
    # Chosen step by step above the form (territories.places) and carried here, so the page never lists
    # all 1,503 communes.
    commune = CommuneHiddenField(label=_("Commune of residence (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        self.fields["preferred_language"].initial = get_language() or settings.LANGUAGE_CODE
        self.fields["full_name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})

    def signup(self, request: HttpRequest, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.commune = self.cleaned_data.get("commune")
        user.save(update_fields=["full_name", "preferred_language", "commune"])


class ProfileForm(forms.ModelForm):
    commune = CommuneHiddenField(label=_("Commune of residence"), required=False)

    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "commune", "phone"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
        }
        help_texts = {"phone": _("Only used for SMS you ask for, in the form +212 6XX XX XX XX.")}

    def clean_phone(self) -> str:
        return phone_number(self.cleaned_data.get("phone") or "")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("This cannot be undone."),
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", "SUPPRIMER", "حذف"}:
            raise forms.ValidationError(_("Type the word DELETE to confirm."))
        return value
