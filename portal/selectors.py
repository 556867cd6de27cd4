"""Reads for the portal: the person's items across modules, through the registry."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import FeedPage
from core.registry import Link, Mission, OfficeItem, SearchBlock, home_links, my_office_items, site_search

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


def my_office_page(*, user: User, after: str | None = None, limit: int = 20) -> FeedPage[OfficeItem]:
    """One page of everything the person filed, signed or booked, most recently changed first, from every
    module, with each module's count (a module that fails is reported unavailable, the rest still shows)."""
    return my_office_items.page(user, after=after, limit=limit)


@dataclass(frozen=True)
class SearchResults:
    query: str
    blocks: list[SearchBlock]
    unavailable: list[str]

    @property
    def total(self) -> int:
        return sum(block.count for block in self.blocks)


def site_search_results(*, query: str, limit: int = 5) -> SearchResults:
    """What every module finds for the home page's search box, grouped by kind, biggest group first; a module
    that fails is logged and named as unavailable while the others still answer."""
    query = " ".join(query.split())[:100]
    blocks: list[SearchBlock] = []
    unavailable: list[str] = []
    if not query:
        return SearchResults(query, blocks, unavailable)
    for key, provider in site_search.items():
        try:
            block = provider(query, limit)
        except Exception:
            logger.exception("search %s failed", key)
            unavailable.append(key)
            continue
        if block is not None:
            blocks.append(block)
    blocks.sort(key=lambda block: -block.count)
    return SearchResults(query, blocks, unavailable)


CARD_TITLES = {
    Mission.INFORMATION: _("Get information"),
    Mission.SERVICES: _("Use administrative services"),
    Mission.PARTICIPATION: _("Take part"),
}


@dataclass(frozen=True)
class Card:
    title: str
    links: list[Link]


def home_cards() -> list[Card]:
    """The home page's three cards with what the modules offer under each today (core.registry.home_links);
    a card no module fills is left out rather than promised."""
    cards = []
    for mission, title in CARD_TITLES.items():
        links = []
        for entry in sorted((e for e in home_links.values() if e.mission == mission), key=lambda e: e.order):
            try:
                links.append(Link(str(entry.label), reverse(entry.url_name), str(entry.description)))
            except NoReverseMatch:
                continue
        cards.append(Card(str(title), links))
    return cards
