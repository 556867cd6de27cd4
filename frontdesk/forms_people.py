"""Forms of the desk's people pages: find a person, the person's consent, an identity document seen in person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from accounts.models import DocumentKind
from frontdesk.people import NAME_MIN, SearchKind, normalise_name, normalise_reference, phone_tail
from institutions.models import Office

REASON_HELP = _("Recorded in the audit trail. Do not write the person's name or numbers here.")


class PersonSearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Search by"), choices=SearchKind.choices, initial=SearchKind.NAME, widget=forms.RadioSelect
    )
    query = forms.CharField(
        label=_("What the person gives you"),
        max_length=150,
        help_text=_(
            "A name or part of it; a mobile number with any prefix; an email address; a file reference; "
            "or the number of the identity document in front of you (it is not kept)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "auto", "spellcheck": "false"}),
    )
    reason = forms.CharField(label=_("Why you look the person up"), max_length=200, help_text=REASON_HELP)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind, query = cleaned.get("kind"), cleaned.get("query")
        if not kind or not query:
            return cleaned
        if kind == SearchKind.NAME:
            query = normalise_name(query)
            if len(query) < NAME_MIN:
                self.add_error("query", _("Type at least three letters of the name."))
        elif kind == SearchKind.PHONE:
            query = phone_tail(query)
            if not query:
                self.add_error("query", _("Type the whole mobile number (at least nine digits)."))
        elif kind == SearchKind.EMAIL:
            query = query.strip()
            try:
                validate_email(query)
            except forms.ValidationError:
                self.add_error("query", _("Type a whole email address."))
        elif kind == SearchKind.REFERENCE:
            query = normalise_reference(query)
        elif kind == SearchKind.IDENTITY:
            query = query.strip()
            if len(query) < 4:
                self.add_error("query", _("Type the whole document number."))
        cleaned["query"] = query
        return cleaned


class ConsentForm(forms.Form):
    agreed = forms.BooleanField(
        label=_("The person agrees that I see their files"),
        help_text=_("Ask the person first. Their agreement lasts until the end of the day and only for you."),
    )
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class IdentityCheckForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    document_kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    document_number = forms.CharField(
        label=_("Document number"),
        max_length=40,
        help_text=_("Type it from the document in front of you. It is never stored: only a fingerprint of it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr", "spellcheck": "false"}),
    )
    seen = forms.BooleanField(label=_("I have seen this identity document in person, and the person matches it"))

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]

    def clean_document_number(self) -> str:
        number = self.cleaned_data["document_number"].strip()
        if len(number) < 4:
            raise forms.ValidationError(_("Type the whole document number."))
        return number


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why you withdraw this check"), max_length=200, help_text=REASON_HELP)
