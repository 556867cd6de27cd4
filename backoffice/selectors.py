"""Reads for the back office, always scoped to the institution in the URL."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEvent
from core.feeds import FeedPage
from core.i18n import Gap
from core.registry import QueueItem, translation_gaps, work_queue_items

if TYPE_CHECKING:
    from accounts.models import User
    from institutions.models import Institution


def audit_list_for_institution(
    *,
    institution: Institution,
    actor: str = "",
    obj: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
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


def translation_gaps_for_institution(*, institution: Institution) -> list[Gap]:
    """Every module's published texts of the institution that miss one of the site's languages."""
    gaps: list[Gap] = []
    for _key, provider in translation_gaps.items():
        gaps.extend(provider(institution))
    return gaps


def work_queue_page(
    *, user: User, institution: Institution, after: str | None = None, limit: int = 25
) -> FeedPage[QueueItem]:
    """One page of what waits for this person in this institution, soonest due first (overdue on top), from
    every module, with each module's count; a module that fails is reported unavailable."""
    return work_queue_items.page(user, institution, after=after, limit=limit)
