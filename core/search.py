"""Text search that uses PostgreSQL's full-text search when available, and LIKE otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import connection
from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)


def text_search(qs: QuerySet[M], fields: Sequence[str], query: str) -> QuerySet[M]:
    """Rows matching every word of ``query`` in any of ``fields``.

    On PostgreSQL: a 'simple' configuration (no stemming: content is in Arabic, French and English
    at once) with websearch syntax. On SQLite: each word must appear in one of the fields.
    """
    query = " ".join(query.split())[:200]
    if not query:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return qs.annotate(_search=SearchVector(*fields, config="simple")).filter(
            _search=SearchQuery(query, config="simple", search_type="websearch")
        )
    for word in query.split()[:8]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(condition)
    return qs
