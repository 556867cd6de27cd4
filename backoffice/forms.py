from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from institutions.models import Department, SpokenLanguage

if TYPE_CHECKING:
    from institutions.models import Institution


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (name or email)"), required=False, max_length=150)
    obj = forms.CharField(label=_("Object"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data


class GrantRoleForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person"), help_text=_("The person must already have an account.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(institution=institution)  # type: ignore[attr-defined]

    def clean_email(self) -> Any:
        person = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No active account uses this email address."))
        return person


class OfficeLanguagesForm(forms.Form):
    """One office's languages; ``languages``: every language of the list, read once for all the page's forms."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken at the desks"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, languages: list[SpokenLanguage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["languages"]
        field.choices = [(language.slug, language.name) for language in languages]  # type: ignore[attr-defined]
        field.is_optional = False  # type: ignore[attr-defined]  # none ticked says none: nothing is optional
