"""Reads for territories. Territories are public data: no scoping by user is needed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from territories.models import Level, Territory


def territory_regions() -> QuerySet[Territory]:
    return Territory.objects.filter(level=Level.REGION).order_by("name_fr")


def territory_communes(*, query: str = "", limit: int = 50) -> QuerySet[Territory]:
    """Communes whose name (Arabic or French) or province matches ``query``, for pickers."""
    qs = Territory.objects.filter(level=Level.COMMUNE).select_related("parent")
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(name_fr__icontains=query)
            | Q(name_ar__icontains=query)
            | Q(name_en__icontains=query)
            | Q(parent__name_fr__icontains=query)
            | Q(parent__name_ar__icontains=query)
        )
    return qs.order_by("name_fr")[:limit]
