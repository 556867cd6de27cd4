"""Writes of the applications module: every change of state goes through one of these."""

from applications.selectors import form_published  # a read, re-exported for the callers that write forms
from applications.services.applying import (
    application_start,
    application_submit,
    draft_attach,
    draft_delete,
    draft_detach,
    draft_save,
    draft_step_save,
    form_fields,
    missing_answers,
)
from applications.services.cases import (
    applications_tacit_sweep,
    case_accept,
    case_close,
    case_complete,
    case_message,
    case_note,
    case_refuse,
    case_request_documents,
    case_tacit_accept,
    case_take,
)
from applications.services.daily import daily, drafts_tidy, reminders_send
from applications.services.forms import (
    field_delete,
    field_save,
    form_publish,
    form_working_version,
    step_delete,
    step_save,
)

__all__ = [
    "application_start",
    "application_submit",
    "applications_tacit_sweep",
    "case_accept",
    "case_close",
    "case_complete",
    "case_message",
    "case_note",
    "case_refuse",
    "case_request_documents",
    "case_tacit_accept",
    "case_take",
    "daily",
    "draft_attach",
    "draft_delete",
    "draft_detach",
    "draft_save",
    "draft_step_save",
    "drafts_tidy",
    "field_delete",
    "field_save",
    "form_fields",
    "form_publish",
    "form_published",
    "form_working_version",
    "missing_answers",
    "reminders_send",
    "step_delete",
    "step_save",
]
