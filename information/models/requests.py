"""Information requests, their timeline, and complaints to the head of the body (law 31-13)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import TimelineEvent
from core.models import DeadlineRuleFields
from core.validators import document_upload
from information.models.publications import _private_storage, public_token


class DeadlineKind(models.TextChoices):
    ANSWER = "answer", _("Answer to a request")
    URGENT_ANSWER = "urgent_answer", _("Answer to an urgent request")
    EXTENSION = "extension", _("Extension")
    URGENT_EXTENSION = "urgent_extension", _("Extension of an urgent request")
    COMPLAINT_WINDOW = "complaint_window", _("Time to complain to the head of the body")
    COMPLAINT_ANSWER = "complaint_answer", _("Answer to a complaint")
    COMMISSION_WINDOW = "commission_window", _("Time to appeal to the commission")


class InformationDeadline(DeadlineRuleFields):
    """One legal deadline as data (duration, unit); platform administrators correct it if the law changes."""

    kind = models.CharField(_("deadline"), max_length=24, choices=DeadlineKind.choices, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("information deadline")
        verbose_name_plural = _("information deadlines")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.duration} {self.get_unit_display()}"


class RequestState(models.TextChoices):
    SUBMITTED = "submitted", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    AWAITING_CLARIFICATION = "awaiting_clarification", _("Waiting for the requester")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (RequestState.SUBMITTED, RequestState.IN_PROGRESS, RequestState.AWAITING_CLARIFICATION)
RUNNING_STATES = (RequestState.SUBMITTED, RequestState.IN_PROGRESS)


class DeliveryFormat(models.TextChoices):
    ELECTRONIC = "electronic", _("An electronic copy (by email or on this site)")
    PAPER = "paper", _("A paper copy sent by post")
    CONSULTATION = "consultation", _("Consulting the documents on site")


class Outcome(models.TextChoices):
    FULL = "full", _("Information given in full")
    PARTIAL = "partial", _("Information given in part")
    REFUSED = "refused", _("Refused")
    NOT_HELD = "not_held", _("Information not held")


class RefusalGround(models.TextChoices):
    """Grounds the law allows (art. 7, 18); an answer that withholds must cite one."""

    NATIONAL_DEFENCE = "defence", _("National defence and the State's internal and external security (art. 7)")
    PRIVATE_LIFE = "privacy", _("Private life and personal data of others (art. 7)")
    FUNDAMENTAL_RIGHTS = "rights", _("Fundamental rights and freedoms (art. 7)")
    DELIBERATIONS = "deliberations", _("Secrecy of government deliberations (art. 7)")
    JUSTICE = "justice", _("Judicial proceedings and investigations (art. 7)")
    ECONOMY = "economy", _("Monetary, economic or financial policy; business secrets (art. 7)")
    ALREADY_PUBLISHED = "published", _("Already published (the answer gives the link)")
    REPEATED = "repeated", _("Same request by the same person within a year")
    UNCLEAR = "unclear", _("The request is unclear even after asking")
    IN_PREPARATION = "in_preparation", _("The document is still being prepared")
    ARCHIVES = "archives", _("Held by the national archives")


class InformationRequest(models.Model):
    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("institution"),
    )
    transferred_from = models.ForeignKey(
        "institutions.Institution", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="information_requests"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("your request"))
    delivery_format = models.CharField(_("how you want the information"), max_length=16, choices=DeliveryFormat.choices)
    postal_address = models.TextField(_("postal address"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    urgency_reason = models.TextField(_("why it is urgent"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    state = models.CharField(max_length=24, choices=RequestState.choices, default=RequestState.SUBMITTED)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # The legal clock. Dates are local dates: deadlines count whole days.
    received_on = models.DateField(_("received on"))
    clock_started_on = models.DateField()
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    # Past the legal deadline by as much again: "long overdue" (derived from this date, not stored as a state).
    long_due_on = models.DateField(null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    extended_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The answer.
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    refusal_ground = models.CharField(max_length=16, choices=RefusalGround.choices, blank=True)
    answer_text = models.TextField(blank=True)
    suggested_holder = models.CharField(max_length=255, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_working_days = models.PositiveIntegerField(null=True, blank=True)
    answered_on_time = models.BooleanField(null=True, blank=True)
    publish_answer_files = models.BooleanField(default=False)
    closed_on = models.DateField(null=True, blank=True)
    # The public copy: masked once, when written (the requester may erase their account later).
    redactions = models.TextField(blank=True)
    # The requester's details as they were when filed (and any later ones), kept privately so the
    # public copy stays masked even after they change their phone or erase their account.
    masked_details = models.JSONField(default=dict, blank=True)
    public_subject = models.CharField(max_length=255, blank=True)
    public_body = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    public_suggested_holder = models.CharField(max_length=255, blank=True)
    followers_count = models.PositiveIntegerField(default=0)
    wants_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [
            models.Index(fields=["is_public", "-id"], name="inf_public_id"),
            models.Index(fields=["institution", "state", "due_on"], name="inf_inst_state_due"),
            models.Index(fields=["requester", "-created_at"], name="inf_requester_created"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_paused(self) -> bool:
        return self.state == RequestState.AWAITING_CLARIFICATION


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Request received")
    ASSIGNED = "assigned", _("Assigned to an officer")
    CLARIFICATION_REQUESTED = "clarification_requested", _("Clarification asked; the clock is stopped")
    CLARIFICATION_GIVEN = "clarification_given", _("Clarification given; the clock restarts")
    EXTENDED = "extended", _("Deadline extended")
    TRANSFERRED = "transferred", _("Transferred to another institution")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
    REDACTED = "redacted", _("Public copy masked further")
    COMPLAINT_FILED = "complaint_filed", _("Complaint to the head of the body")
    COMPLAINT_ANSWERED = "complaint_answered", _("The head of the body answered the complaint")
    DUE_DATE_MOVED = "due_date_moved", _("Due date moved: the public holidays changed")


class RequestEvent(TimelineEvent):
    """One step of a request's timeline: who, when, why, and the due date that followed."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    on_date = models.DateField()
    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    public_note = models.TextField(blank=True)
    # How the due date was computed: start, rule, holidays skipped (shown on the request page).
    deadline = models.JSONField(default=dict, blank=True)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["request", "created_at"], name="inf_event_request")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"


class AnswerFile(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="answer_files")
    file = models.FileField(
        _("file"), upload_to="information/answers/%Y/", validators=[document_upload], storage=_private_storage
    )
    size = models.PositiveBigIntegerField(default=0)
    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class RequestFollower(models.Model):
    """Someone following a public request; ``wants`` when they said "I want this too"."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    wants = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="inf_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.request_id}"


class ComplaintState(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the head of the body")
    ANSWERED = "answered", _("Answered by the head of the body")


class ComplaintDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the information will be given")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Rejected: the first answer stands")


class Complaint(models.Model):
    """A complaint to the head of the body (art. 19), tracked like the request."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    request = models.OneToOneField(InformationRequest, on_delete=models.CASCADE, related_name="complaint")
    institution = models.ForeignKey("institutions.Institution", on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("your complaint"))
    public_body = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=ComplaintState.choices, default=ComplaintState.SUBMITTED)
    filed_on = models.DateField()
    due_on = models.DateField()
    deadline = models.JSONField(default=dict, blank=True)
    decision = models.CharField(max_length=16, choices=ComplaintDecision.choices, blank=True)
    answer_text = models.TextField(blank=True)
    public_answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["institution", "state", "due_on"], name="inf_complaint_inst")]

    def __str__(self) -> str:
        return f"{self.request.reference} complaint"
