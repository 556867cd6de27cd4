"""Forms of the information module; the services do the checking that matters."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role
from core.i18n import mark_language_inputs, per_language
from core.validators import document_upload
from information.models import (
    Category,
    ComplaintDecision,
    DeliveryFormat,
    Outcome,
    Publication,
    RefusalGround,
    ReportReason,
    RequestState,
)
from institutions.fields import InstitutionChoiceField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by its content and size."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        for f in files:
            document_upload(f)
        return files


class RequestForm(forms.Form):
    institution = InstitutionChoiceField(
        label=_("Institution"),
        help_text=_("The body that holds the information. If it is the wrong one, it must transfer your request."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your request"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        help_text=_(
            "Describe the documents or data you want as precisely as you can (dates, places, titles). "
            "You do not have to say why you want them."
        ),
    )
    delivery_format = forms.ChoiceField(
        label=_("How do you want the information?"),
        choices=DeliveryFormat.choices,
        widget=forms.RadioSelect,
        initial=DeliveryFormat.ELECTRONIC,
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("Only for a paper copy. It is never published."),
    )
    urgent = forms.BooleanField(
        label=_("It is urgent: a person's life, safety or liberty depends on it"),
        required=False,
        help_text=_("Urgent requests are answered within 3 working days."),
    )
    urgency_reason = forms.CharField(
        label=_("Why is it urgent?"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    visibility = forms.ChoiceField(
        label=_("Who can see your request?"),
        choices=[
            ("public", _("Everyone, without my name (recommended: others can find the answer)")),
            ("private", _("Only me and the institution")),
        ],
        widget=forms.RadioSelect,
        initial="public",
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        for name in ("subject", "body", "postal_address", "urgency_reason"):
            self.fields[name].widget.attrs["dir"] = "auto"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("delivery_format") == DeliveryFormat.PAPER and not (data.get("postal_address") or "").strip():
            self.add_error("postal_address", _("Give the address where the copy should be sent."))
        if data.get("urgent") and not (data.get("urgency_reason") or "").strip():
            self.add_error("urgency_reason", _("Say why the request is urgent (life, safety or liberty)."))
        return data


class ClarificationForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}), max_length=10_000
    )


class ComplaintForm(forms.Form):
    body = forms.CharField(
        label=_("Your complaint"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        max_length=10_000,
        help_text=_("Say what you contest in the answer (or the silence) and what you ask the head of the body to do."),
    )


# --- Public filters ------------------------------------------------------------------------------


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    institution = InstitutionChoiceField(label=_("Institution"), required=False, empty_label=_("All"))
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), to_field_name="slug", required=False, empty_label=_("All")
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "dir": "auto"})
        self.fields["year"].choices = [("", _("All")), *((y, str(y)) for y in (years or []))]  # type: ignore[attr-defined]


class LogFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    institution = InstitutionChoiceField(label=_("Institution"), required=False, empty_label=_("All"))
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *RequestState.choices])
    outcome = forms.ChoiceField(label=_("Kind of answer"), required=False, choices=[("", _("All")), *Outcome.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "dir": "auto"})


# --- Staff ---------------------------------------------------------------------------------------


def officer_choices(institution: Any) -> list[tuple[str, str]]:
    memberships = Membership.objects.filter(
        institution=institution, role=Role.INFORMATION_OFFICER, is_active=True
    ).select_related("user")
    return [(str(m.user.public_id), m.user.full_name) for m in memberships]


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or subject"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *RequestState.choices, ("extended", _("Extended"))],
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("All")),
            ("soon", _("Due within 7 days")),
            ("overdue", _("Overdue")),
            ("long_overdue", _("Long overdue")),
        ],
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            ("none", _("Nobody yet")),
            *officer_choices(institution),
        ]


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Officer"))

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = officer_choices(institution)  # type: ignore[attr-defined]


class ClarifyForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the requester"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=5000,
        help_text=_("The clock stops until the requester answers."),
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the extension"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=5000,
        help_text=_("Once only, before the due date. The requester is told these reasons."),
    )


class TransferForm(forms.Form):
    reason = forms.CharField(
        label=_("Note to the requester"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), max_length=5000
    )

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "to": InstitutionChoiceField(label=_("Institution that holds the information"), exclude=institution),
            **self.fields,
        }


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("The answer"), choices=Outcome.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Answer to the requester"),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        max_length=20_000,
        help_text=_("For a partial answer or a refusal, explain what is withheld and why."),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Legal ground for what is withheld"),
        required=False,
        choices=[("", _("None: nothing is withheld")), *RefusalGround.choices],
    )
    suggested_holder = forms.CharField(
        label=_("Who may hold the information"),
        required=False,
        max_length=255,
        help_text=_("Only when the information is not held here."),
    )
    attachments = MultipleFileField(
        label=_("Documents"),
        required=False,
        help_text=_("PDF, spreadsheets, CSV or images, 10 MB each at most."),
    )
    publish_files = forms.BooleanField(
        label=_("The documents contain no personal data and may be published with the public copy"),
        required=False,
    )


class RedactForm(forms.Form):
    passages = forms.CharField(
        label=_("Further passages to mask in the public copy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=5000,
        help_text=_(
            "One per line. The requester's name, email, phone and address, and anyone's phone numbers, email "
            "addresses, identity card and bank account numbers are masked automatically; the original is never "
            "changed."
        ),
    )


class DataReportForm(forms.Form):
    """Anyone's report that a public request holds personal data."""

    reason = forms.ChoiceField(
        label=_("What personal data does the public text show?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Where is it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=2000,
        help_text=_("Quote a few words around it, not the data itself. The institution's officer reads this."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


class ComplaintAnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ComplaintDecision.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Answer with its reasons"), widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}), max_length=20_000
    )


TEXT_FIELDS = tuple(per_language("title", "summary"))


class PublicationForm(forms.ModelForm):
    """A publication's title and summary in each language (the one of the document at least), its files."""

    attachments = MultipleFileField(
        label=_("Files"), required=False, help_text=_("PDF, spreadsheets, CSV or images, 10 MB each at most.")
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Publication
        fields = ["category", "language", *TEXT_FIELDS, "published_on", "tags"]
        widgets = {
            **{name: forms.TextInput(attrs={"dir": "auto"}) for name in TEXT_FIELDS if name.startswith("title")},
            **{
                name: forms.Textarea(attrs={"rows": 3, "dir": "auto"})
                for name in TEXT_FIELDS
                if name.startswith("summary")
            },
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tags": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]
        mark_language_inputs(self)
        for name in per_language("title"):
            self.fields[name].help_text = _(
                "Readers of the site in this language see this title; without it, they see another language's."
            )
        if self.instance.pk:
            self.fields["remove_files"] = forms.MultipleChoiceField(
                label=_("Remove files"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(f.pk, f.filename) for f in self.instance.files.all()],
            )
        else:
            self.fields["attachments"].required = True
            if not self.is_bound:
                self.initial.setdefault("submission_key", uuid.uuid4())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        language = data.get("language")
        if language and not (data.get(f"title_{language}") or "").strip():
            self.add_error(f"title_{language}", _("Give the title in the language of the document."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), max_length=255, widget=forms.TextInput(attrs={"dir": "auto"})
    )
