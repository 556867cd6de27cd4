"""Forms of an office's set-up pages (the institution's admins): details, hours, dated changes, counters, services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.i18n import mark_language_inputs, per_language
from frontdesk.models import Counter, DeskService
from institutions.models import Office, OpeningException, Weekday
from institutions.services import office_position_check

TIME_WIDGET = {"type": "time", "dir": "ltr"}


class PlainDecimalField(forms.DecimalField):
    """A decimal typed as people write it: a comma is read as the decimal point (34,0209), spaces are dropped."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".").replace("−", "-")
        return super().to_python(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # Not the number input's attributes (step, min, max): a plain text box that takes "-6.8416" as typed.
        return {"inputmode": "decimal", "dir": "ltr", "autocomplete": "off", "spellcheck": "false"}


class OfficeForm(forms.ModelForm):
    """What the office says about itself on its public page."""

    class Meta:
        model = Office
        fields = [
            *per_language("name"),
            *per_language("address"),
            "latitude",
            "longitude",
            "step_free_access",
            *per_language("accessibility"),
            "email",
            "phone",
            "is_active",
        ]
        field_classes = {"latitude": PlainDecimalField, "longitude": PlainDecimalField}
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in per_language("address", "accessibility")},
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel", "dir": "ltr"}),
        }
        help_texts = {
            "latitude": _(
                "In decimal degrees, for example 34.0209 in Rabat. Leave it and the longitude empty for no map link."
            ),
            "longitude": _("In decimal degrees, with a minus sign west of Greenwich: for example -6.8416 in Rabat."),
            "is_active": _("Untick it to take the office off the public directory: its page is then no longer shown."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in per_language("accessibility"):
            self.fields[name].help_text = _("How to reach the desks: entrance, lift, seats, help on hand.")
        mark_language_inputs(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Said with the other mistakes of the same post, not after them (the service checks it again).
        if "latitude" not in self.errors and "longitude" not in self.errors:
            try:
                office_position_check(cleaned.get("latitude"), cleaned.get("longitude"))
            except forms.ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return cleaned


class HoursForm(forms.Form):
    """One opening period on a weekday."""

    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    opens = forms.TimeField(
        label=_("Opens at"),
        widget=forms.TimeInput(attrs=TIME_WIDGET, format="%H:%M"),
        help_text=_(
            "Periods of one day may not overlap: for a break at noon, add the morning and the afternoon as two periods."
        ),
    )
    closes = forms.TimeField(label=_("Closes at"), widget=forms.TimeInput(attrs=TIME_WIDGET, format="%H:%M"))


CLOSED, OPEN = "closed", "open"


class ExceptionForm(forms.ModelForm):
    """A dated change to the usual hours."""

    closed = forms.TypedChoiceField(
        label=_("That day the office is"),
        choices=[(CLOSED, _("closed all day")), (OPEN, _("open at other times"))],
        coerce=lambda value: value == CLOSED,
        widget=forms.RadioSelect,
        initial=CLOSED,
    )

    class Meta:
        model = OpeningException
        fields = ["date", "closed", "opens", "closes", *per_language("reason")]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date", "dir": "ltr"}, format="%Y-%m-%d"),
            "opens": forms.TimeInput(attrs=TIME_WIDGET, format="%H:%M"),
            "closes": forms.TimeInput(attrs=TIME_WIDGET, format="%H:%M"),
        }
        labels = {"opens": _("Opens at"), "closes": _("Closes at")}
        help_texts = {
            "date": _("Today or a day to come, for example 2026-07-30."),
            "opens": _("Only when the office is open at other times that day."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in per_language("reason"):
            self.fields[name].help_text = _("Shown on the office's page next to that day, e.g. a holiday or works.")
        mark_language_inputs(self)


class CounterForm(forms.Form):
    number = forms.IntegerField(
        label=_("Counter number"),
        min_value=1,
        max_value=999,
        help_text=_("The number shown on the display screen and above the desk."),
        widget=forms.NumberInput(attrs={"dir": "ltr"}),
    )


class CounterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Counter) -> str:  # type: ignore[override]
        label = str(obj)
        return label if obj.is_active else f"{label} ({_('not in use')})"


class DeskServiceForm(forms.ModelForm):
    """A service offered at the office's counters: what the kiosk offers a ticket for."""

    class Meta:
        model = DeskService
        fields = [
            "kind",
            "procedure",
            *per_language("name"),
            "prefix",
            "typical_minutes",
            "counters",
            "takes_appointments",
            "appointments_per_slot",
            "is_active",
            "position",
        ]
        field_classes = {"counters": CounterChoiceField}
        widgets = {
            "counters": forms.CheckboxSelectMultiple,
            "prefix": forms.TextInput(
                attrs={"maxlength": 3, "autocapitalize": "characters", "autocomplete": "off", "dir": "ltr"}
            ),
            "typical_minutes": forms.NumberInput(attrs={"dir": "ltr"}),
            "position": forms.NumberInput(attrs={"dir": "ltr"}),
            "appointments_per_slot": forms.NumberInput(attrs={"dir": "ltr"}),
        }
        help_texts = {
            "procedure": _("For a service about one procedure of your institution."),
            "prefix": _(
                "One to three capital letters, different for each service of the office: tickets read A-001, EC-014."
            ),
            "typical_minutes": _("Used to estimate the wait until the office has recorded enough visits."),
            "counters": _("The counters that call people for this service."),
            "takes_appointments": _("People can also book a time for this service."),
            "is_active": _(
                "Untick it to stop offering the service at the kiosk; people already waiting are still called."
            ),
            "position": _("Smaller numbers come first on the kiosk."),
        }

    def __init__(self, *args: Any, counters: Any, procedures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counters"].queryset = counters  # type: ignore[attr-defined]
        self.fields["procedure"].queryset = procedures  # type: ignore[attr-defined]
        mark_language_inputs(self)

    def clean_prefix(self) -> str:
        return str(self.cleaned_data.get("prefix") or "").strip().upper()
