"""What the institutions app plugs into: the main menu and the home page's search."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.registry import MenuEntry, SearchBlock, SearchHit, main_menu, site_search


def _search(query: str, limit: int) -> SearchBlock:
    from institutions.selectors import institution_directory

    found = institution_directory(query=query)
    return SearchBlock(
        label=_("Institutions"),
        count=found.count(),
        hits=[
            SearchHit(i.name, reverse("institutions:detail", args=[i.slug]), i.get_kind_display())
            for i in found[:limit]
        ],
        more_url=reverse("institutions:directory") + "?" + urlencode({"q": query}),
    )


def register() -> None:
    main_menu.register("institutions", MenuEntry(gettext_lazy("Institutions"), "institutions:directory", order=40))
    site_search.register("institutions", _search)
