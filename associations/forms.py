from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from institutions.models import Institution
from territories.fields import CommuneChoiceField


class AssociationForm(forms.ModelForm):
    registered_with = forms.ModelChoiceField(
        label=_("Declared to"),
        queryset=Institution.objects.filter(on_platform=True).order_by("name_fr"),
        help_text=_("The authority that received your declaration; it will verify the association."),
    )
    commune = CommuneChoiceField(label=_("Seat (commune)"), required=False)

    class Meta:
        model = Association
        fields = ["name", "registration_number", "registered_with", "commune", "founded_on", "description"]
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "founded_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        number = (data.get("registration_number") or "").strip()
        institution = data.get("registered_with")
        if (
            number
            and institution
            and Association.objects.filter(registered_with=institution, registration_number=number).exists()
        ):
            self.add_error(
                "registration_number", _("An association with this number is already registered with this authority.")
            )
        return data
