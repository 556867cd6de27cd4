"""SMS backends. Plug a gateway by writing a subclass and naming it in SMS_BACKEND."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications.sms")


class SmsError(Exception):
    """The gateway refused or could not be reached; the outbox retries later."""


class SmsBackend(ABC):
    """Interface: send one text, return the gateway's message id, raise SmsError to retry."""

    @abstractmethod
    def send(self, *, to: str, body: str, message_id: str) -> str: ...


class ConsoleSmsBackend(SmsBackend):
    """Writes messages to the log instead of sending them (development and tests)."""

    def send(self, *, to: str, body: str, message_id: str) -> str:
        logger.info("sms", extra={"to": to, "body": body, "message_id": message_id})
        return message_id


class MemorySmsBackend(SmsBackend):
    """Keeps messages in a list, for tests."""

    outbox: list[dict[str, str]] = []

    def send(self, *, to: str, body: str, message_id: str) -> str:
        self.outbox.append({"to": to, "body": body, "message_id": message_id})
        return message_id


def get_sms_backend() -> SmsBackend:
    backend_class = import_string(settings.SMS_BACKEND)
    backend: SmsBackend = backend_class()
    return backend
