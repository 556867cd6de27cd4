"""Reads for the back office, always scoped to the institution in the URL."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent
from core.registry import QueueItem, work_queue_items


def audit_list_for_institution(
    *, institution: Any, actor: str = "", obj: str = "", date_from: date | None = None, date_to: date | None = None
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.filter(institution=institution).select_related("actor", "acting_for")
    if actor:
        qs = qs.filter(Q(actor__email__icontains=actor) | Q(actor__full_name__icontains=actor) | Q(actor_label=actor))
    if obj:
        qs = qs.filter(Q(object_repr__icontains=obj) | Q(object_type__icontains=obj) | Q(object_id=obj))
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return qs.order_by("-id")


def work_queue_for(*, user: Any, institution: Any) -> list[QueueItem]:
    items: list[QueueItem] = []
    for _key, provider in work_queue_items.items():
        items.extend(provider(user, institution))
    return sorted(items, key=lambda i: (not i.overdue, i.due or date.max))
