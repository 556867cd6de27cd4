"""Registries that modules plug into, so the foundation never hard-codes a module.

Each module registers, in its AppConfig.ready():
- ``my_office_items``: what a person filed, signed or booked, for the "My Office" page;
- ``work_queue_items``: what waits for an institution's staff;
- ``data_exporters`` / ``data_erasers``: what the module holds about a person (law 09-08);
- ``institution_links`` / ``office_links``: what can be done at an institution or office;
- ``demo_seeders``: demo data, run in order by ``manage.py seed_demo``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

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


# (user) -> list[OfficeItem]
my_office_items: Registry[Callable[[Any], list[OfficeItem]]] = Registry("my_office_items")
# (user, institution) -> list[QueueItem]
work_queue_items: Registry[Callable[[Any, Any], list[QueueItem]]] = Registry("work_queue_items")
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
# (stdout) -> None
demo_seeders: Registry[Callable[[Any], None]] = Registry("demo_seeders")
# (institution, roles) -> list[Link]; the modules' entries in the back office's menu
backoffice_links: Registry[Callable[[Any, frozenset[str]], list[Link]]] = Registry("backoffice_links")
