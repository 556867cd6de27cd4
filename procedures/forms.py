from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.fields import InstitutionChoiceField
from institutions.models import Office
from procedures.models import LifeEvent, ProcedureCategory


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "dir": "auto"})


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

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.filter(  # type: ignore[attr-defined]
            institution=institution, is_active=True
        ).order_by("name_fr")
        self.fields["contact"].widget.attrs["dir"] = "auto"
