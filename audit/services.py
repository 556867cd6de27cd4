"""The one way to write the audit trail. Every domain service calls ``audit_record``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from audit.models import AuditEvent, ChainHead, Channel
from core.logging import request_id_var

GENESIS = "0" * 64


@dataclass(frozen=True)
class Context:
    """Where an action came from: the channel, the client address, a desk agent's citizen."""

    channel: str = Channel.WEB
    ip_address: str | None = None
    acting_for: Any = None
    office: Any = None  # the Citizen Office where a desk agent acted

    @classmethod
    def from_request(
        cls, request: HttpRequest, *, channel: str = Channel.WEB, acting_for: Any = None, office: Any = None
    ) -> Context:
        return cls(channel=channel, ip_address=client_ip(request), acting_for=acting_for, office=office)


SYSTEM = Context(channel=Channel.SYSTEM)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for the trail (core.net.client_ip: X-Forwarded-For only through trusted proxies)."""
    from core.net import client_ip as _client_ip

    return _client_ip(request) or None


def _person_label(user: Any) -> str:
    """How the trail names a person: a random id, never a name or an email (law 09-08).

    Pages show the person's current name through the foreign key; once the account is erased
    only this label remains.
    """
    return f"user {user.public_id}"


def _is_user(obj: Any) -> bool:
    return obj is not None and obj._meta.label_lower == settings.AUTH_USER_MODEL.lower()


def _repr(obj: Any, given: str | None) -> str:
    if given is not None:
        return given
    if obj is None:
        return ""
    return _person_label(obj) if _is_user(obj) else str(obj)


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    institution: Any = None,
    changes: dict[str, Any] | None = None,
    context: Context = SYSTEM,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event to the chain (locks the chain head for the rest of the transaction)."""
    head, _created = ChainHead.objects.select_for_update().get_or_create(id=1)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        created_at=timezone.now(),
        actor=actor_obj,
        actor_label=_person_label(actor_obj) if actor_obj is not None else "system",
        acting_for=context.acting_for,
        institution=institution,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=_repr(obj, object_repr)[:255],
        changes=changes or {},
        channel=context.channel,
        ip_address=context.ip_address,
        request_id=request_id_var.get() if request_id_var.get() != "-" else "",
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    ChainHead.objects.filter(id=1).update(last_hash=event.hash, count=models.F("count") + 1)
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_verify_chain(*, batch_size: int = 2000) -> ChainReport:
    """Walk the chain from the first event and report the first broken link."""
    previous = GENESIS
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.prev_hash != previous:
                return ChainReport(checked, event.id, "previous hash does not match the event before it")
            if event.compute_hash() != event.hash:
                return ChainReport(checked, event.id, "content does not match its hash")
            previous = event.hash
            checked += 1
            last_id = event.id
    head = ChainHead.objects.filter(id=1).first()
    if head is not None and head.last_hash != previous:
        return ChainReport(checked, last_id or None, "the newest events are missing")
    return ChainReport(checked)
