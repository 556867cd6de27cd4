"""Development mail: every email is also kept as an .eml file, and a page lists them (never in production).

A newcomer signing up on `make run` opens /<lang>/dev/mail/ and clicks the confirmation link instead of reading the
server's log. Files are named by the time they were written, so the newest sorts last.
"""

from __future__ import annotations

import email
import email.policy
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage as ParsedMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.core.mail.message import EmailMessage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

PER_PAGE = 20


class DevelopmentEmailBackend(ConsoleEmailBackend):
    """The console backend, and each message written to EMAIL_FILE_PATH as <time>-<id>.eml."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def write_message(self, message: EmailMessage) -> None:
        super().write_message(message)
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(message.message().as_bytes(linesep="\n"))
        partial.replace(self.directory / name)  # the page never reads half a message


@dataclass(frozen=True)
class Mail:
    name: str
    subject: str
    to: str
    sent_at: datetime | None
    body: str


def _text_body(message: ParsedMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    return str(part.get_content()) if part is not None else ""


def mail_read(path: Path) -> Mail:
    """One .eml file as subject, recipients, date and text body."""
    with path.open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert isinstance(message, ParsedMessage)  # what policy.default returns
    try:
        sent_at: datetime | None = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        sent_at = None
    return Mail(
        name=path.name,
        subject=str(message["Subject"] or ""),
        to=str(message["To"] or ""),
        sent_at=sent_at,
        body=_text_body(message),
    )


def mail_names(directory: Path) -> list[str]:
    """The .eml files in the folder, newest first (names start with the time they were written)."""
    try:
        names = [entry.name for entry in os.scandir(directory) if entry.name.endswith(".eml") and entry.is_file()]
    except FileNotFoundError:
        return []
    return sorted(names, reverse=True)


def dev_mail(request: HttpRequest) -> HttpResponse:
    """The emails the site sent, newest first, with their links clickable (development only)."""
    if settings.PRODUCTION:
        raise Http404
    directory = Path(settings.EMAIL_FILE_PATH)
    page = Paginator(mail_names(directory), PER_PAGE).get_page(request.GET.get("page"))
    mails = [mail_read(directory / name) for name in page.object_list]
    return render(
        request,
        "core/dev_mail.html",
        {"page": page, "mails": mails, "directory": directory, "backend": settings.EMAIL_BACKEND},
    )
