"""An application from draft to decision, its files and its history (law 55-19; domain rules §5)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import TimelineEvent
from core.validators import document_upload

# No 0/O, 1/I/L: a code read aloud at a desk or typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def public_token() -> str:
    return secrets.token_urlsafe(12)


def code(groups: int = 3) -> str:
    """A random code in groups of four, e.g. ``K7QM-3XPA-ZT9C`` (three groups: about 2^60)."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(groups))


def _private_storage():  # type: ignore[no-untyped-def]
    from django.core.files.storage import storages

    return storages["private"]


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Received")
    IN_REVIEW = "in_review", _("Being examined")
    AWAITING_DOCUMENTS = "awaiting_documents", _("Waiting for your documents")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    CLOSED = "closed", _("Closed without action")
    TACITLY_ACCEPTED = "tacitly_accepted", _("Accepted by silence")


OPEN_STATES = [ApplicationState.SUBMITTED, ApplicationState.IN_REVIEW, ApplicationState.AWAITING_DOCUMENTS]
DECIDED_STATES = [
    ApplicationState.ACCEPTED,
    ApplicationState.REFUSED,
    ApplicationState.CLOSED,
    ApplicationState.TACITLY_ACCEPTED,
]


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    TACIT = "tacit", _("Accepted by silence")


class Application(models.Model):
    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    reference = models.CharField(max_length=40, unique=True, null=True, blank=True)
    # Printed on the receipt: with the reference it lets anyone holding the paper follow the case.
    secret = models.CharField(max_length=20, default=code, editable=False)
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.PROTECT, related_name="applications")
    form = models.ForeignKey("applications.FormVersion", on_delete=models.PROTECT, related_name="applications")
    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="applications")
    department = models.ForeignKey(
        "institutions.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    steps_done = models.JSONField(default=list, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)  # calendar days spent waiting for the applicant
    # Copied from the procedure when the application is sent: a later edit of the procedure does not
    # change the rules this application was received under.
    clock_unit = models.CharField(max_length=16, blank=True)
    silence_applies = models.BooleanField(default=False)
    missing_requested = models.BooleanField(default=False)
    missing_documents = models.JSONField(default=list, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases_assigned"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases_decided"
    )
    # Kept at the decision for the public figures: calendar days taken, and whether within the legal maximum.
    decision_days = models.PositiveIntegerField(null=True, blank=True)
    decided_on_time = models.BooleanField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # The decision as issued (the procedure's wording filled in, who signed, the legal basis): the PDF is
    # rendered from these, so a document the QR code calls genuine never changes after it is issued.
    decision_texts = models.JSONField(default=dict, blank=True)  # {"ar": …, "fr": …, "en": …}
    decision_signatory = models.CharField(max_length=200, blank=True)
    decision_legal_basis = models.CharField(max_length=255, blank=True)
    appeal_route = models.TextField(blank=True)
    verification_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The queue: its count and its ordered page of ids come from this index alone (applicant included
            # because an officer's own application is left out).
            models.Index(fields=["institution", "state", "due_on", "applicant"], name="app_queue"),
            models.Index(fields=["applicant", "state"], name="app_applicant"),
            models.Index(fields=["procedure", "state"], name="app_procedure"),
            models.Index(fields=["state", "expires_on"], name="app_expiry"),
        ]
        constraints = [
            # One draft per person and procedure: a double click on "Start" opens one.
            models.UniqueConstraint(
                fields=["applicant", "procedure"], condition=models.Q(state="draft"), name="app_one_draft"
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.public_id}"

    @property
    def is_draft(self) -> bool:
        return self.state == ApplicationState.DRAFT

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_paused(self) -> bool:
        return self.state == ApplicationState.AWAITING_DOCUMENTS

    @property
    def decision_text(self) -> str:
        """The decision's wording in the reader's language, else another one."""
        from core.i18n import fallback_order

        texts = self.decision_texts or {}
        return next((texts[lang] for lang in fallback_order(None) if texts.get(lang)), "")

    @property
    def has_decision_document(self) -> bool:
        return bool(self.verification_code)


class ApplicationFile(models.Model):
    """A document the applicant uploaded; checked by content, images re-encoded without metadata."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_key = models.SlugField(max_length=40)
    document = models.ForeignKey("procedures.RequiredDocument", on_delete=models.SET_NULL, null=True, blank=True)
    file = models.FileField(upload_to="applications/%Y/%m/", validators=[document_upload], storage=_private_storage)
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField(default=0)
    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "field_key"], name="app_file_per_field")]

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Application received")
    TAKEN = "taken", _("Taken by a case officer")
    DOCUMENTS_REQUESTED = "documents_requested", _("Missing documents requested")
    DOCUMENTS_SENT = "documents_sent", _("Missing documents sent")
    NOTE = "note", _("Internal note")
    MESSAGE = "message", _("Message to the applicant")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    CLOSED = "closed", _("Closed without action")
    TACITLY_ACCEPTED = "tacitly_accepted", _("Accepted by silence")
    DUE_DATE_MOVED = "due_date_moved", _("Due date moved: the public holidays changed")


class CaseEvent(TimelineEvent):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["application", "created_at"], name="app_event")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"
