"""Writes for access to information: every change of state goes through a function here."""

from information.services.complaints import complaint_answer, complaint_file
from information.services.publications import publication_create, publication_update, publication_withdraw
from information.services.reminders import reminders_send
from information.services.reports import data_report_file, data_report_handle
from information.services.requests import (
    request_answer,
    request_assign,
    request_clarification_answer,
    request_clarify,
    request_close,
    request_extend,
    request_follow,
    request_redact,
    request_submit,
    request_transfer,
    request_unfollow,
    request_withdraw,
)

__all__ = [
    "complaint_answer",
    "complaint_file",
    "data_report_file",
    "data_report_handle",
    "publication_create",
    "publication_update",
    "publication_withdraw",
    "reminders_send",
    "request_answer",
    "request_assign",
    "request_clarification_answer",
    "request_clarify",
    "request_close",
    "request_extend",
    "request_follow",
    "request_redact",
    "request_submit",
    "request_transfer",
    "request_unfollow",
    "request_withdraw",
]
