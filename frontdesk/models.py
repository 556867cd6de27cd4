"""The physical Citizen Office: counters, the services offered at them, tickets in the queue and their history.

An office (``institutions.Office``: address, hours, dated exceptions) has counters and offers services at them. A
person takes a ticket for a service (prefix + the day's number, ``A-042``); an agent at a counter calls it, serves it
and finishes it with an outcome linked to the case it produced. Every ticket is a case of the case engine: its
states and the time of each step are kept (``TicketEvent``), which is what the office's figures are made of.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models.cases import code, public_token
from cases.models import TimelineEvent
from core.i18n import TranslatedMixin, translated_field


class Counter(models.Model):
    """A desk where an agent receives people: a number on the display screen."""

    office = models.ForeignKey(
        "institutions.Office", on_delete=models.CASCADE, related_name="counters", verbose_name=_("office")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    is_active = models.BooleanField(_("in use"), default=True)
    # The agent at the counter now (opened by the agent, closed by the agent or at the end of the day).
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="counters_open"
    )
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        ordering = ["office", "number"]
        constraints = [models.UniqueConstraint(fields=["office", "number"], name="counter_unique_number")]

    def __str__(self) -> str:
        return str(_("Counter %(number)s") % {"number": self.number})


class ServiceKind(models.TextChoices):
    INFORMATION = "information", _("Information and guidance")
    CIVIL_STATUS = "civil_status", _("Civil status")
    ACCESS_TO_INFORMATION = "access_info", _("Access to information requests")
    PROCEDURE = "procedure", _("An administrative procedure")
    COMPLAINTS = "complaints", _("Complaints")
    OTHER = "other", _("Other")


prefix_validator = RegexValidator(r"^[A-Z]{1,3}$", _("Use one to three capital letters (A to Z)."))


class DeskService(TranslatedMixin, models.Model):
    """A service an office offers at its counters: what the kiosk offers a ticket for."""

    office = models.ForeignKey(
        "institutions.Office", on_delete=models.CASCADE, related_name="desk_services", verbose_name=_("office")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ServiceKind.choices, default=ServiceKind.INFORMATION)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_services",
        verbose_name=_("procedure"),
    )
    name = translated_field(models.CharField(_("name"), max_length=120, blank=True), required=("fr",))
    prefix = models.CharField(_("ticket prefix"), max_length=3, validators=[prefix_validator])
    typical_minutes = models.PositiveSmallIntegerField(_("typical duration (minutes)"), default=10)
    counters = models.ManyToManyField(Counter, blank=True, related_name="services", verbose_name=_("counters"))
    takes_appointments = models.BooleanField(_("by appointment too"), default=False)
    appointments_per_slot = models.PositiveSmallIntegerField(
        _("appointments at the same time"),
        default=1,
        help_text=_("How many people can book the same time (at most the number of counters that serve it)."),
    )
    is_active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("order on the kiosk"), default=0)
    # {"9": 12, "10": 18, …}: minutes walk-ins usually waited to be called at each hour of the day over the last four
    # weeks (frontdesk.services.usual_waits_refresh, every night); shown on the office's page.
    usual_waits = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("desk service")
        verbose_name_plural = _("desk services")
        ordering = ["office", "position", "prefix"]
        constraints = [models.UniqueConstraint(fields=["office", "prefix"], name="desk_service_unique_prefix")]

    def __str__(self) -> str:
        return str(self.tr("name"))


class TicketState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called to a counter")
    SERVING = "serving", _("Being served")
    DONE = "done", _("Served")
    LEFT = "left", _("Left before being served")
    NO_SHOW = "no_show", _("Did not come when called")


class Outcome(models.TextChoices):
    INFORMATION_GIVEN = "information", _("Information given")
    REQUEST_FILED = "request", _("Information request filed")
    APPLICATION_FILED = "application", _("Application filed")
    COMPLAINT_FILED = "complaint", _("Complaint filed")
    REDIRECTED = "redirected", _("Redirected elsewhere")


class TicketChannel(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    WEB = "web", _("Online")
    DESK = "desk", _("Given by an agent")
    APPOINTMENT = "appointment", _("Appointment check-in")


class DailySequence(models.Model):
    """The last number given today for a service (one row per service and day: the numbers never repeat)."""

    service = models.ForeignKey(DeskService, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "day"], name="daily_sequence_unique_day")]

    def __str__(self) -> str:
        return f"{self.service_id} {self.day:%Y-%m-%d}: {self.last}"


class Ticket(models.Model):
    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    office = models.ForeignKey(
        "institutions.Office", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("office")
    )
    service = models.ForeignKey(
        DeskService, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("service")
    )
    day = models.DateField(_("day"))
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("ticket"), max_length=12)
    state = models.CharField(_("state"), max_length=10, choices=TicketState.choices, default=TicketState.WAITING)
    channel = models.CharField(_("taken"), max_length=12, choices=TicketChannel.choices, default=TicketChannel.KIOSK)
    # Checked-in appointments are called before everyone else.
    priority = models.BooleanField(_("appointment"), default=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    told_near = models.BooleanField(default=False)
    # The kiosk form's key: a double tap gives the same ticket, not two.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8, blank=True)  # the kiosk's, for the messages
    created_at = models.DateTimeField(_("taken at"))
    # When it joined the queue it is in: its arrival, kept across a transfer so nobody waits twice.
    queued_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    serving_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets_served"
    )
    # A transfer to one counter: only that counter calls it.
    for_counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    calls = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    # The case the visit produced, as its module names it (a reference such as ``INF-RABAT-2026-…``; it exists).
    outcome_reference = models.CharField(_("case reference"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["day", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "day", "number"], name="ticket_unique_number"),
        ]
        indexes = [
            models.Index(fields=["office", "day", "state"], name="ticket_office_day_state"),
            models.Index(fields=["service", "state", "day"], name="ticket_service_state_day"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def reference(self) -> str:
        return self.number

    @property
    def institution(self):  # type: ignore[no-untyped-def]
        return self.office.institution

    @property
    def is_open(self) -> bool:
        return self.state in (TicketState.WAITING, TicketState.CALLED, TicketState.SERVING)


class TicketEvent(TimelineEvent):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")


class AppointmentState(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CHECKED_IN = "checked_in", _("Checked in")
    SERVED = "served", _("Served")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Did not come")


class AppointmentChannel(models.TextChoices):
    WEB = "web", _("Online")
    PHONE = "phone", _("By phone, booked by an agent")
    DESK = "desk", _("At the desk")


def confirmation_code() -> str:
    """Two groups of four (``K7QM-3XPA``) from the platform's code alphabet: read out on the phone, typed at a kiosk."""
    return code(groups=2)


class Appointment(models.Model):
    """A time booked at an office for a service; checked in at the kiosk with its code, it goes first in line."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    code = models.CharField(_("confirmation code"), max_length=9, unique=True, default=confirmation_code)
    office = models.ForeignKey(
        "institutions.Office", on_delete=models.PROTECT, related_name="appointments", verbose_name=_("office")
    )
    service = models.ForeignKey(
        DeskService, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("service")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    day = models.DateField(_("day"))
    state = models.CharField(
        _("state"), max_length=12, choices=AppointmentState.choices, default=AppointmentState.BOOKED
    )
    channel = models.CharField(_("booked"), max_length=8, choices=AppointmentChannel.choices, default="web")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments"
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ticket = models.OneToOneField(Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointment")
    reminded = models.BooleanField(default=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("booked at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["service", "starts_at", "state"], name="appointment_slot"),
            models.Index(fields=["office", "day", "state"], name="appointment_office_day"),
            models.Index(fields=["person", "day"], name="appointment_person_day"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def reference(self) -> str:
        return self.code

    @property
    def institution(self):  # type: ignore[no-untyped-def]
        return self.office.institution


class AppointmentEvent(TimelineEvent):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("appointment event")
        verbose_name_plural = _("appointment events")


class DeskConsent(models.Model):
    """The person at the desk agreed that this agent sees their files, until the end of the day (law 09-08).

    Without it the agent sees who the person is (name, level of assurance) but not the list of their cases.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_consents", verbose_name=_("person")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="desk_consents_taken", verbose_name=_("agent")
    )
    office = models.ForeignKey(
        "institutions.Office", on_delete=models.PROTECT, related_name="desk_consents", verbose_name=_("office")
    )
    created_at = models.DateTimeField(_("given at"))
    expires_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("consent at the desk")
        verbose_name_plural = _("consents at the desk")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "agent", "expires_at"], name="desk_consent_valid")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.agent_id} ({self.created_at:%Y-%m-%d})"


class DeskVisit(models.Model):
    """A person received at a desk and what was filed for them; when their account was made at the desk, the
    receipt carries a claim code that attaches it to an address and a password later, online."""

    public_id = models.CharField(max_length=20, unique=True, default=public_token, editable=False)
    office = models.ForeignKey(
        "institutions.Office", on_delete=models.PROTECT, related_name="desk_visits", verbose_name=_("office")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="desk_visits_received", verbose_name=_("agent")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_visits", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("received at"))
    # HMAC of the claim code (core.claims): the code itself is printed once, on the receipt, and never stored.
    claim_hash = models.CharField(max_length=64, blank=True, db_index=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # What was filed during the visit: [{"module": …, "reference": …, "url": …}] (the person's own links).
    filed = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("visit at the desk")
        verbose_name_plural = _("visits at the desk")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.office_id}: {self.person_id} ({self.created_at:%Y-%m-%d})"


class RatingChannel(models.TextChoices):
    KIOSK = "kiosk", _("At the kiosk")
    LINK = "link", _("From the ticket's page")


class VisitRating(models.Model):
    """How a visitor rated a visit once served (1 to 5, a comment if they wish): once per ticket, seen by the office's
    staff only (frontdesk.rating_services.visit_rate)."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="rating", verbose_name=_("ticket"))
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    channel = models.CharField(_("given"), max_length=8, choices=RatingChannel.choices, default=RatingChannel.LINK)
    created_at = models.DateTimeField(_("given at"))

    class Meta:
        verbose_name = _("visit rating")
        verbose_name_plural = _("visit ratings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="visit_rating_score_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.score}"
