"""Plain words for an application's state and each step of its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Application, ApplicationState, CaseEvent, EventKind
from core.dates import written_date

S = ApplicationState

# The state labels speak to the applicant ("Waiting for your documents"); staff read these instead.
STAFF_LABELS = {S.AWAITING_DOCUMENTS.value: gettext_lazy("Waiting for the applicant's documents")}


def state_label(state: str, *, staff: bool = False) -> str:
    """The state's name for the applicant, or for staff when ``staff``."""
    if staff and str(state) in STAFF_LABELS:
        return str(STAFF_LABELS[str(state)])
    return str(S(state).label)


@dataclass(frozen=True)
class Status:
    label: str
    tone: str
    overdue: bool = False
    next_step: str = ""


def _d(day: date | None) -> str:
    return written_date(day) if day else ""


def is_overdue(application: Application, today: date) -> bool:
    return application.state in (S.SUBMITTED, S.IN_REVIEW) and bool(application.due_on and today > application.due_on)


def status_of(application: Application, *, today: date, staff: bool = False) -> Status:
    """The state in plain words and what happens next, for the applicant or, with ``staff``, for the institution."""
    state = application.state
    if state == S.DRAFT:
        return Status(
            _("Draft"),
            "neutral",
            next_step=_("Not sent yet. Kept until %(day)s.") % {"day": _d(application.expires_on)},
        )
    if is_overdue(application, today):
        return Status(
            _("Overdue"),
            "danger",
            True,
            _("The decision was due on %(due)s.") % {"due": _d(application.due_on)},
        )
    if state == S.AWAITING_DOCUMENTS:
        return Status(
            state_label(state, staff=staff),
            "warning",
            next_step=_("The clock is stopped until the applicant sends the missing documents.")
            if staff
            else _("Send the missing documents: the clock is stopped until they arrive."),
        )
    if state in (S.SUBMITTED, S.IN_REVIEW):
        return Status(
            str(S(state).label), "info", next_step=_("A decision is due by %(due)s.") % {"due": _d(application.due_on)}
        )
    if state in (S.ACCEPTED, S.TACITLY_ACCEPTED):
        return Status(str(S(state).label), "success")
    if state == S.REFUSED:
        return Status(str(S.REFUSED.label), "danger")
    return Status(str(S(state).label), "neutral")


def event_sentence(event: CaseEvent) -> str:
    """One step of the history in plain words (the same for the applicant, staff and the tracking page)."""
    due = _d(event.due_on)
    sentences = {
        EventKind.SUBMITTED: _("The application was received. A decision is due by %(due)s."),
        EventKind.TAKEN: _("A case officer is examining the application."),
        EventKind.DOCUMENTS_REQUESTED: _(
            "Documents are missing. The clock is stopped until they are sent; this can be asked only once."
        ),
        EventKind.DOCUMENTS_SENT: _(
            "The missing documents were sent. The clock restarted: a decision is due by %(due)s."
        ),
        EventKind.NOTE: _("Internal note."),
        EventKind.MESSAGE: _("Message from the case officer."),
        EventKind.ACCEPTED: _("The application was accepted. The decision can be downloaded and verified."),
        EventKind.REFUSED: _("The application was refused, with the reasons and how to appeal."),
        EventKind.CLOSED: _("The application was closed without action."),
        EventKind.DUE_DATE_MOVED: _("The public holidays changed: a decision is now due by %(due)s."),
        EventKind.TACITLY_ACCEPTED: _(
            "No decision was made within the legal time: the application is accepted by silence. "
            "An attestation can be downloaded."
        ),
    }
    text = sentences.get(EventKind(event.kind), event.get_kind_display())
    return text % {"due": due} if "%(due)s" in text else text
