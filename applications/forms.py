"""Forms: the builder's steps and questions, the case officer's actions, tracking and verifying."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from applications.formlogic import accept_attribute, accepted_kinds
from applications.models import ApplicationState, FormField, FormStep
from applications.models.forms import CHOICE_KINDS, FieldKind
from applications.presentation import STAFF_LABELS
from core.i18n import mark_language_inputs, per_language
from core.validators import FileCheck
from procedures.models import RequiredDocument


class StepForm(forms.ModelForm):
    class Meta:
        model = FormStep
        fields = [*per_language("title"), "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mark_language_inputs(self)


# A date question's range in the builder's words; "custom" keeps the minimum and maximum typed (days from the day
# of answering, applications.formlogic.DateWindow).
DATE_RANGES = [
    ("", _("As the minimum and maximum below say (days from the day of answering)")),
    ("any", _("Any date")),
    ("past", _("Today or in the past (not in the future)")),
    ("future", _("Today or in the future (not in the past)")),
]
DATE_RANGE_BOUNDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "any": (None, None),
    "past": (None, Decimal(0)),
    "future": (Decimal(0), None),
}


class FieldForm(forms.ModelForm):
    """A question. Its condition is one select of "question = option" pairs, so no JavaScript is needed."""

    condition = forms.ChoiceField(label=_("Show this question only when"), required=False)
    date_range = forms.ChoiceField(
        label=_("Dates accepted"),
        required=False,
        choices=DATE_RANGES,
        help_text=_(
            "For a date question: the applicant's hint shows the range, and a date outside it is refused. "
            "Minimum and maximum count days from the day of answering (-30: a month ago; 0: today)."
        ),
    )
    field_order = [*per_language("label", "help"), "kind", "key", "required"]
    field_order += ["document", *per_language("choices"), "date_range", "min_value", "max_value"]

    class Meta:
        model = FormField
        fields = [
            *per_language("label", "help"),
            "kind",
            "key",
            "required",
            "document",
            *per_language("choices"),
            "min_value",
            "max_value",
            "pattern",
            "prefill",
            "position",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in per_language("choices")},
            "pattern": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args: Any, procedure: Any, earlier: list[FormField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mark_language_inputs(self)
        self.fields["document"].queryset = procedure.documents.all()  # type: ignore[attr-defined]
        self.fields["document"].help_text = _("For a file question: which document of the procedure it receives.")
        self.fields["prefill"].required = False
        options: list[tuple[str, Any]] = [("", _("Always shown"))]
        for source in earlier:
            if source.kind in CHOICE_KINDS:
                options += [(f"{source.key}={value}", f"{source.label} = {label}") for value, label in source.options()]
        self.fields["condition"].choices = options  # type: ignore[attr-defined]
        if self.instance.pk and self.instance.condition_key:
            self.initial["condition"] = f"{self.instance.condition_key}={self.instance.condition_value}"
        if self.instance.pk and self.instance.kind == FieldKind.DATE:
            bounds = (self.instance.min_value, self.instance.max_value)
            named = {DATE_RANGE_BOUNDS["past"]: "past", DATE_RANGE_BOUNDS["future"]: "future"}
            self.initial["date_range"] = named.get(bounds, "")

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        key, _sep, value = (data.pop("condition") or "").partition("=")
        data["condition_key"], data["condition_value"] = key, value
        data["prefill"] = data.get("prefill") or ""
        chosen = data.pop("date_range", "")
        if data.get("kind") == FieldKind.DATE and chosen in DATE_RANGE_BOUNDS:
            data["min_value"], data["max_value"] = DATE_RANGE_BOUNDS[chosen]
        return data


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), ("open", _("Open"))]
        + [(value, STAFF_LABELS.get(value, label)) for value, label in ApplicationState.choices if value != "draft"],
    )
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[("", _("Any date")), ("week", _("Due within 7 days")), ("overdue", _("Overdue"))],
    )
    assignee = forms.ChoiceField(
        label=_("Assigned to"),
        required=False,
        choices=[("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody yet"))],
    )
    department = forms.ChoiceField(label=_("Department"), required=False)
    q = forms.CharField(label=_("Reference or procedure"), required=False, max_length=100)

    def __init__(self, *args: Any, departments: list[Any], default_department: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            ("", _("All departments")),
            *((str(d.pk), str(d)) for d in departments),
        ]
        self.fields["department"].initial = default_department


class RequestDocumentsForm(forms.Form):
    documents: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Documents missing"),
        queryset=RequiredDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the documents this procedure lists may be asked for, and only once."),
    )
    message = forms.CharField(label=_("Message to the applicant"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, procedure: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = procedure.documents.all()  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only, never by the applicant."),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant is told by notification and sees it in the case's history."),
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Addition to the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the decision document after the procedure's text."),
    )


DEFAULT_APPEAL = _(
    "You may ask the head of the institution to review this decision within 30 days of receiving it "
    "(administrative appeal, law 55-19), then bring it before the administrative court."
)


class RefuseForm(forms.Form):
    motivation = forms.CharField(label=_("Reasons for the refusal"), widget=forms.Textarea(attrs={"rows": 4}))
    appeal_route = forms.CharField(
        label=_("How to appeal"), widget=forms.Textarea(attrs={"rows": 3}), initial=DEFAULT_APPEAL
    )


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why the application is closed"), widget=forms.Textarea(attrs={"rows": 3}))


class TakeForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Case officer"), required=False)

    def __init__(self, *args: Any, officers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Me")),
            *((str(u.public_id), u.full_name) for u in officers),
        ]


class CompleteForm(forms.Form):
    """One upload per requested document."""

    note = forms.CharField(
        label=_("A word for the case officer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, documents: list[Any], max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents
        for document in documents:
            kinds = accepted_kinds(document.formats)
            self.fields[f"doc_{document.pk}"] = forms.FileField(
                label=document.name,
                help_text=_("Accepted: %(kinds)s, at most %(mb)s MB.")
                % {"kinds": ", ".join(k.upper() for k in kinds), "mb": round(max_bytes / 1_048_576)},
                validators=[FileCheck(kinds, max_bytes=max_bytes)],
                widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(kinds)}),
            )
        self.order_fields([*(f"doc_{d.pk}" for d in documents), "note"])

    def uploads(self) -> dict[int, Any]:
        return {d.pk: self.cleaned_data[f"doc_{d.pk}"] for d in self.documents}


class TrackForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_("As printed on your receipt, e.g. DEM-CRABAT-2026-000012."),
    )
    secret = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_("The code printed on your receipt under the reference, e.g. K7QM-3XPA-ZT9C."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        validators=[RegexValidator(r"^[A-Za-z0-9 -]+$", _("Use the letters and digits printed under the QR code."))],
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        help_text=_("Printed at the bottom of the decision, e.g. K7QM-3XPA-ZT9C."),
    )
