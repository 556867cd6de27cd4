from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from institutions.models import InstitutionKind, SpokenLanguage
from territories.selectors import territory_regions


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *InstitutionKind.choices])
    region = forms.TypedChoiceField(label=_("Region"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Offices where someone speaks"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        regions = [("", _("All regions")), *((r.pk, r.name) for r in territory_regions())]
        self.fields["region"].choices = regions  # type: ignore[attr-defined]
        languages = [("", _("Any language")), *((lang.slug, lang.name) for lang in SpokenLanguage.objects.all())]
        self.fields["language"].choices = languages  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update({"type": "search", "dir": "auto"})
