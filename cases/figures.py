"""Figures per institution and period from grouped queries: what every case module gives the statistics registry."""

from __future__ import annotations

import statistics as stats
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from core.registry import Figures


def grouped_figures(
    qs: QuerySet[Any],
    *,
    institution_ids: list[int] | None,
    received: str,
    start: date,
    end: date,
    decided: Q,
    on_time: Q,
    open_overdue: Q,
    days: str,
    unit: str,
) -> dict[int, Figures]:
    """Two queries whatever the number of cases: counts grouped by institution, then the days taken for the medians."""
    qs = qs.filter(**{f"{received}__gte": start, f"{received}__lte": end})
    if institution_ids is not None:
        qs = qs.filter(institution_id__in=institution_ids)
    table = {
        row["institution_id"]: Figures(
            received=row["n"],
            decided=row["decided"],
            on_time=row["on_time"],
            open_overdue=row["open_overdue"],
            unit=unit,
        )
        for row in qs.order_by()
        .values("institution_id")
        .annotate(
            n=Count("id"),
            decided=Count("id", filter=decided),
            on_time=Count("id", filter=on_time),
            open_overdue=Count("id", filter=open_overdue),
        )
    }
    taken: dict[int, list[int]] = {}
    rows: Iterable[tuple[int, int]] = (
        qs.filter(**{f"{days}__isnull": False}).order_by().values_list("institution_id", days).iterator(chunk_size=5000)
    )
    for institution_id, n in rows:
        taken.setdefault(institution_id, []).append(n)
    for institution_id, values in taken.items():
        if institution_id in table:
            table[institution_id].median_days = stats.median(values)
    return table
