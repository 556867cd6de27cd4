from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.i18n import mark_language_inputs, per_language
from institutions.fields import InstitutionChoiceField
from institutions.models import Department, Office
from procedures.models import LifeEvent, Procedure, ProcedureCategory, RequiredDocument

if TYPE_CHECKING:
    from institutions.models import Institution


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    life_event = forms.ModelChoiceField(
        label=_("Life event"),
        queryset=LifeEvent.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ProcedureCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All"),
    )
    institution = InstitutionChoiceField(label=_("Institution"), required=False, empty_label=_("All"))
    online = forms.BooleanField(label=_("Only what I can apply for online"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "dir": "auto"})
        for field in self.fields.values():
            field.is_optional = False  # type: ignore[attr-defined]  # filters: "(optional)" would say nothing


class AdoptForm(forms.Form):
    fee = forms.DecimalField(
        label=_("Fee (MAD)"),
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        help_text=_("The model's fee is filled in; change it if your institution's differs."),
    )
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices where people can apply"),
        queryset=Office.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=255,
        required=False,
        help_text=_("A service, a phone number or an email address people can use for this procedure."),
    )

    def __init__(self, *args: Any, institution: Institution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            institution=institution, is_active=True
        ).order_by("name_fr")
        self.fields["contact"].widget.attrs["dir"] = "auto"


ALLOWED_FORMATS = {"pdf", "jpeg", "png", "webp", "zip", "csv"}


class ProcedureForm(forms.ModelForm):
    """The institution's version of a procedure: texts per language, fee, durations, where."""

    class Meta:
        model = Procedure
        fields = [
            *per_language("title"),
            "category",
            "life_events",
            *per_language("purpose", "who"),
            "fee",
            *per_language("payment"),
            "legal_basis",
            "max_duration",
            "max_unit",
            "target_duration",
            "target_unit",
            "silence_is_acceptance",
            "channel",
            "offices",
            "contact",
            "department",
            *per_language("decision"),
            "signatory",
        ]
        widgets = {
            "life_events": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in per_language("decision")},
            "offices": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in per_language("purpose")},
            **{name: forms.Textarea(attrs={"rows": 2}) for name in per_language("who")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            institution=self.instance.institution, is_active=True
        ).order_by("name_fr")
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            institution=self.instance.institution
        )
        for name in per_language("decision"):
            self.fields[name].help_text = _(
                "Printed on the decision. Fill-ins: {applicant}, {reference}, {procedure}, {date} and the key of "
                "any question of the form, e.g. {address}."
            )
        mark_language_inputs(self)


class DocumentForm(forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = [*per_language("name", "description"), "required", "formats", "position"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in per_language("description")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mark_language_inputs(self)

    def clean_formats(self) -> str:
        kinds = [k.strip().lower() for k in self.cleaned_data["formats"].split(",") if k.strip()]
        unknown = sorted(set(kinds) - ALLOWED_FORMATS)
        if not kinds or unknown:
            raise forms.ValidationError(
                _("Use formats among: %(allowed)s."), params={"allowed": ", ".join(sorted(ALLOWED_FORMATS))}
            )
        return ",".join(kinds)


DocumentFormSet = forms.inlineformset_factory(Procedure, RequiredDocument, form=DocumentForm, extra=1, can_delete=True)
