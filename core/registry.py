"""Registries that modules plug into, so the foundation never hard-codes a module.

Each module registers, in its AppConfig.ready():
- ``my_office_items``: what a person filed, signed or booked, for the "My Office" page;
- ``work_queue_items``: what waits for an institution's staff;
- ``data_exporters`` / ``data_erasers``: what the module holds about a person (law 09-08);
- ``institution_links`` / ``office_links``: what can be done at an institution or office;
- ``demo_seeders``: demo data, run in order by ``manage.py seed_demo``;
- ``main_menu``: the module's entry in the main menu;
- ``site_search``: what the one search box on the home page finds in the module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from core.feeds import Feed, FeedPage, Position, merged_page, sort_value

T = TypeVar("T")


@dataclass(frozen=True)
class OfficeItem:
    """One line of "My Office": a thing the person filed, signed or booked."""

    module: str
    title: str
    reference: str
    status: str
    url: str
    updated: date
    next_deadline: date | None = None
    status_tone: str = "info"
    # Where it sorts: the time it last changed (core.feeds.sort_value) and its row id in its module.
    sort_value: str = ""
    pk: int = 0

    def position(self, key: str) -> Position:
        return Position(self.sort_value or sort_value(self.updated), key, self.pk)


@dataclass(frozen=True)
class QueueItem:
    """One line of an institution's staff work queue."""

    module: str
    title: str
    reference: str
    status: str
    url: str
    due: date | None = None
    overdue: bool = False
    pk: int = 0

    def position(self, key: str) -> Position:
        """Soonest due first; what has no due date last."""
        return Position(sort_value(self.due), key, self.pk)


@dataclass
class Figures:
    """A module's figures for one institution over a period, as the public scoreboards show them."""

    received: int = 0
    decided: int = 0  # answered, decided or resolved
    on_time: int = 0  # decided within the legal or promised deadline
    open_overdue: int = 0  # still open past the deadline today (silence counts against)
    median_days: float | None = None  # to decide, in the module's own unit (see ``unit``)
    unit: str = "days"

    @property
    def on_time_share(self) -> int | None:
        base = self.decided + self.open_overdue
        return round(100 * self.on_time / base) if base else None


@dataclass(frozen=True)
class Section:
    """A block a module adds to a public page (e.g. an institution's on-time record)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class MenuEntry:
    """A module's entry in the main menu: a label (lazily translated) and a URL name, in menu order."""

    label: Any
    url_name: str
    order: int = 50


class Mission:
    """The three things a person comes to do, as the home page's cards name them."""

    INFORMATION = "information"
    SERVICES = "services"
    PARTICIPATION = "participation"


@dataclass(frozen=True)
class HomeLink:
    """A link a module puts on one of the home page's three cards (``mission``), in ``order``."""

    mission: str
    label: Any
    url_name: str
    description: Any = ""
    order: int = 50


@dataclass(frozen=True)
class SearchHit:
    label: str
    url: str
    meta: str = ""


@dataclass(frozen=True)
class SearchBlock:
    """One kind of result of the site search: how many matched, the first few, and where to see them all."""

    label: Any
    count: int
    hits: list[SearchHit]
    more_url: str = ""


@dataclass
class Registry(Generic[T]):
    name: str
    _entries: dict[str, T] = field(default_factory=dict)

    def register(self, key: str, entry: T) -> T:
        self._entries[key] = entry
        return entry

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def items(self) -> Iterable[tuple[str, T]]:
        return list(self._entries.items())

    def values(self) -> list[T]:
        return list(self._entries.values())

    def get(self, key: str) -> T | None:
        return self._entries.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self._entries


class FeedRegistry(Registry[Feed[T]]):
    """A registry of feeds in one order; a plain provider returning a list is accepted and wrapped."""

    def __init__(self, name: str, *, descending: bool) -> None:
        super().__init__(name)
        self.descending = descending

    def register(self, key: str, entry: Any) -> Any:
        if not isinstance(entry, Feed):
            entry = Feed.from_list(entry, key=key, descending=self.descending)
        return super().register(key, entry)

    def page(self, *subject: Any, after: str | None, limit: int) -> FeedPage[T]:
        return merged_page(self.items(), *subject, after=after, limit=limit, descending=self.descending)


# Feeds of OfficeItem for (user): what a person filed, signed or booked, most recently changed first.
my_office_items: FeedRegistry[OfficeItem] = FeedRegistry("my_office_items", descending=True)
# Feeds of QueueItem for (user, institution): what waits for the institution's staff, soonest due first.
work_queue_items: FeedRegistry[QueueItem] = FeedRegistry("work_queue_items", descending=False)
# (institution ids or None for all, first day, last day) -> {institution id: Figures}: what each module
# received in the period and how it was handled, from grouped queries (the transparency scoreboards read these)
statistics: Registry[Callable[[list[int] | None, date, date], dict[int, Figures]]] = Registry("statistics")
# (user) -> JSON-serialisable data
data_exporters: Registry[Callable[[Any], Any]] = Registry("data_exporters")
# (user) -> None; anonymise public contributions, keep legal records without the person
data_erasers: Registry[Callable[[Any], None]] = Registry("data_erasers")
# (institution) -> list[Link]
institution_links: Registry[Callable[[Any], list[Link]]] = Registry("institution_links")
# (institution) -> list[Section]; blocks shown on the institution's public page
institution_sections: Registry[Callable[[Any], list[Section]]] = Registry("institution_sections")
# (procedure, user) -> dict; what a module adds to a procedure's public page: "online" (a start URL)
# and "usually_days" (the median time to decide, once there is data)
procedure_extras: Registry[Callable[[Any, Any], dict[str, Any]]] = Registry("procedure_extras")
# (office) -> list[Link]
office_links: Registry[Callable[[Any], list[Link]]] = Registry("office_links")
# (office, week: its hours for the next seven days, institutions.selectors.DayHours) -> list[Section]; blocks shown
# on the office's public page (the desk's usual waits and next free appointment)
office_sections: Registry[Callable[[Any, Any], list[Section]]] = Registry("office_sections")
# (stdout) -> None
demo_seeders: Registry[Callable[[Any], None]] = Registry("demo_seeders")
# (institution, roles) -> list[Link]; the modules' entries in the back office's menu
backoffice_links: Registry[Callable[[Any, frozenset[str]], list[Link]]] = Registry("backoffice_links")
# (*, days: set[date], institution_id: int | None, actor, context) -> int; a module's clock: when a holiday is
# added, moved, confirmed or deleted, recompute the due dates of its open cases that count over the changed days
# (``days``: the dates whose working status changed; ``institution_id``: the holiday's institution, None for a
# national one) and return how many cases moved. Called in the holiday's transaction (institutions.services).
deadline_clocks: Registry[Callable[..., int]] = Registry("deadline_clocks")
# (actor, institution) -> bool; does this person administer the institution (its own days off, the languages
# spoken at its offices)? accounts answers with the institution-admin role; institutions sits below accounts, so
# it asks through this hook.
institution_admins: Registry[Callable[[Any, Any], bool]] = Registry("institution_admins")
# (actor, person) -> bool; may this actor file for this person, who is present at a desk (a front-desk agent the
# person gave consent to today)? Case modules ask ``core.registry.may_act_for`` before filing for someone else.
desk_mandates: Registry[Callable[[Any, Any], bool]] = Registry("desk_mandates")


def may_act_for(actor: Any, person: Any) -> bool:
    return any(check(actor, person) for check in desk_mandates.values())


# (agent, person, module, reference, url) -> None; something was filed at a desk for the person: the desk notes it
# on today's visit (its printed receipt). Called in the filing's transaction.
desk_filings: Registry[Callable[..., None]] = Registry("desk_filings")


# The main menu's module entries (portal.context_processors renders them in ``order``).
main_menu: Registry[MenuEntry] = Registry("main_menu")
# (query, limit) -> SearchBlock | None; the home page's one search box, results grouped by kind (portal:search)
site_search: Registry[Callable[[str, int], SearchBlock | None]] = Registry("site_search")
# What each module offers under the home page's three cards (Mission): only what exists today.
home_links: Registry[HomeLink] = Registry("home_links")
# (procedure ids or None for all) -> a query of the ids of those that can be applied for online today
# (the catalogue's "online" mark and filter: one query per page, whatever the number of procedures)
procedures_online: Registry[Callable[[Iterable[int] | None], Any]] = Registry("procedures_online")
# (institution) -> list[core.i18n.Gap]: the module's published texts of this institution written in some of the
# site's languages but not all, each with the page where an admin fills them in (the back office lists them)
translation_gaps: Registry[Callable[[Any], list[Any]]] = Registry("translation_gaps")
