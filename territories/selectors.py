"""Reads for territories. Territories are public data: no scoping by user is needed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from territories.models import Level, Territory


def territory_regions() -> QuerySet[Territory]:
    """The twelve regions (by French name; pickers sort them in the reader's language)."""
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


def territory_children(*, parent_id: int, level: str) -> list[Territory]:
    """The units of ``level`` directly under one unit, by name in the reader's language."""
    return sorted(Territory.objects.filter(parent_id=parent_id, level=level), key=lambda t: t.name.casefold())


def territory_commune_with_parents(*, pk: int) -> Territory | None:
    """One commune with its province and region (one query), or None."""
    return (
        Territory.objects.filter(pk=pk, level=Level.COMMUNE, parent__parent__isnull=False)
        .select_related("parent__parent")
        .first()
    )
