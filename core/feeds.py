"""Lists built from every module's items ("My Office", the staff work queue), counted and paged in the database.

Each module gives a ``Feed``: a label, ``count(*subject)`` and ``page(*subject, after=, limit=)`` returning
at most ``limit`` items that come after a position, in the list's order. ``merged_page`` asks every feed
for one page, merges them and keeps the first ``limit``: a page costs two small queries per module
however many items a person or an institution has, and the next page starts from the last position
(keyset pagination, no OFFSET). A feed that fails is logged and shown as unavailable; the others still
answer.

A position is (sort value, feed key, row id): the sort value is a date or a timestamp written so that
text order is time order; the feed key and the row id break ties, so no item is shown twice or skipped.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from django.db.models import Case, DateField, Model, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

logger = logging.getLogger("core.feeds")
T = TypeVar("T")
M = TypeVar("M", bound=Model)
# What a list of items shows at most when a caller asks a feed for "everything" (old-style providers).
FIRST_ITEMS = 200
LAST = "9999-12-31"  # the sort value of an item without a date: after every dated one


@dataclass(frozen=True, order=True)
class Position:
    value: str
    key: str
    pk: int

    def encode(self) -> str:
        raw = json.dumps([self.value, self.key, self.pk], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Position | None:
        """The position in a link, or None when it is missing or not one of ours (page one)."""
        if not text:
            return None
        try:
            value, key, pk = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            return cls(str(value), str(key), int(pk))
        except (ValueError, TypeError):
            return None


def sort_value(when: date | datetime | None) -> str:
    """A date or timestamp as text whose order is time order (UTC, fixed width); no date sorts last."""
    if when is None:
        return LAST
    if isinstance(when, datetime):
        if when.tzinfo is not None:
            when = when.astimezone(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return when.isoformat()


def _after(position: Position | None, *, key: str, field: str, value: Any, descending: bool) -> Q:
    """The rows of feed ``key`` that come after ``position`` when ordered by (field, key, pk).

    ``value`` is the position's sort value read back as the field's type (a date, a datetime).
    """
    if position is None:
        return Q()
    beyond = f"{field}__lt" if descending else f"{field}__gt"
    pk_beyond = "pk__lt" if descending else "pk__gt"
    same_value = Q(**{field: value})
    if key == position.key:
        return Q(**{beyond: value}) | (same_value & Q(**{pk_beyond: position.pk}))
    # Another feed at the same value: this feed's rows come after it when its key sorts after.
    key_after = key < position.key if descending else key > position.key
    return Q(**{beyond: value}) | same_value if key_after else Q(**{beyond: value})


def _read(value: str) -> date | datetime:
    """A position's sort value back as the database field's type."""
    if "T" in value:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
    return date.fromisoformat(value)


def keyset(qs: QuerySet[M], *, key: str, field: str, after: Position | None, limit: int, descending: bool) -> list[M]:
    """One page of a module's rows after ``after``, ordered by (field, pk) — the database does the work."""
    if after is not None:
        qs = qs.filter(_after(after, key=key, field=field, value=_read(after.value), descending=descending))
    order = [f"-{field}", "-pk"] if descending else [field, "pk"]
    return list(qs.order_by(*order)[:limit])


NO_DATE = date(9999, 12, 31)  # what a row without a due date sorts as (the value of LAST)


def due_or_last(*, paused_state: str, field: str = "due_on") -> Case:
    """A queue's sort date: the due date, or last when the case waits for its person (no running deadline)."""
    return Case(
        When(state=paused_state, then=Value(NO_DATE)),
        default=Coalesce(field, Value(NO_DATE)),
        output_field=DateField(),
    )


@dataclass(frozen=True)
class Feed(Generic[T]):
    """One module's items for a person (My Office) or an institution's staff (the work queue)."""

    label: Any
    count: Callable[..., int]
    page: Callable[..., list[T]]  # (*subject, after: Position | None, limit: int) -> items, each with .position

    def __call__(self, *subject: Any) -> list[T]:
        """The first items, for callers that want a short list (a test, a summary)."""
        return self.page(*subject, after=None, limit=FIRST_ITEMS)

    @classmethod
    def from_list(cls, provider: Callable[..., list[T]], *, key: str, descending: bool, label: Any = "") -> Feed[T]:
        """Wrap a provider that returns a small list built in Python: counted and paged after the fact."""

        def page(*subject: Any, after: Position | None, limit: int) -> list[T]:
            items = [replace(item, pk=i) for i, item in enumerate(provider(*subject), start=1)]  # type: ignore[type-var]
            items.sort(key=lambda item: item.position(key), reverse=descending)  # type: ignore[attr-defined]
            if after is not None:
                items = [i for i in items if (i.position(key) < after if descending else i.position(key) > after)]  # type: ignore[attr-defined]
            return items[:limit]

        return cls(label=label, count=lambda *subject: len(provider(*subject)), page=page)


@dataclass
class Block:
    """One module's share of the list: how many items it has, or that it could not answer."""

    key: str
    label: Any
    count: int = 0
    unavailable: bool = False


@dataclass
class FeedPage(Generic[T]):
    items: list[T]
    blocks: list[Block]
    next_after: str = ""  # the position to start the next page from ("" on the last page)
    first: bool = True
    total: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(b.count for b in self.blocks)

    @property
    def unavailable(self) -> list[Block]:
        return [b for b in self.blocks if b.unavailable]


def _guarded(key: str, call: Callable[[], T]) -> tuple[bool, T | None]:
    """Run one module's reads so that its failure does not break the page.

    Pages are read in autocommit mode (ATOMIC_REQUESTS is off), so a module's failed query leaves the
    connection usable for the next module; no savepoint (and no extra query) is needed.
    """
    try:
        return True, call()
    except Exception:  # any module's bug: logged with its name, the page goes on
        logger.exception("feed %s failed", key)
        return False, None


def _count_and_page(feed: Feed[T], subject: tuple[Any, ...], start: Position | None, limit: int) -> tuple[int, list[T]]:
    """One page (and one more item, to know whether there is a next page) and the count; on a first page
    that holds everything the count is its length, so a person with a few items costs one query a module."""
    items = feed.page(*subject, after=start, limit=limit + 1)
    if start is None and len(items) <= limit:
        return len(items), items
    return feed.count(*subject), items


def merged_page(
    feeds: Iterable[tuple[str, Feed[T]]],
    *subject: Any,
    after: str | None,
    limit: int,
    descending: bool,
) -> FeedPage[T]:
    """One page across every module's feed, in one order, from ``after`` (a position from the previous page)."""
    start = Position.decode(after)
    blocks: list[Block] = []
    candidates: list[tuple[Position, T]] = []
    for key, feed in feeds:
        block = Block(key=key, label=feed.label)
        blocks.append(block)
        ok, answer = _guarded(key, lambda feed=feed: _count_and_page(feed, subject, start, limit))  # type: ignore[misc]
        if not ok or answer is None:
            block.unavailable = True
            continue
        block.count, items = answer
        candidates.extend((item.position(key), item) for item in items)  # type: ignore[attr-defined]
    candidates.sort(key=lambda pair: pair[0], reverse=descending)
    shown = candidates[:limit]
    more = len(candidates) > limit
    return FeedPage(
        items=[item for _position, item in shown],
        blocks=blocks,
        next_after=shown[-1][0].encode() if more and shown else "",
        first=start is None,
    )
