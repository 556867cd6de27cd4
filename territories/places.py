"""Choosing a commune step by step without JavaScript: region, then province, then commune.

A GET form (``territories/place_chooser.html``) sends ``region``, ``province`` and ``commune``; each answer
is kept only when it lies inside the one above it, so changing the region drops the province and commune
chosen before. A page never holds more than one region's provinces or one province's communes (89 at most),
instead of all 1,503 communes (68 KB of HTML on the sign-up page).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from territories.models import Level, Territory
from territories.selectors import territory_children, territory_commune_with_parents, territory_regions

PLACE_MARKER = "place"  # the chooser's submit button: its answers replace the saved commune


@dataclass
class PlaceChoice:
    """Where a person stands in the chooser: what is chosen and the options of the next step."""

    regions: list[Territory] = field(default_factory=list)
    region: Territory | None = None
    provinces: list[Territory] = field(default_factory=list)
    province: Territory | None = None
    communes: list[Territory] = field(default_factory=list)
    commune: Territory | None = None

    @property
    def commune_id(self) -> int | None:
        return self.commune.pk if self.commune else None


def _as_id(value: Any) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _pick(options: list[Territory], pk: int | None) -> Territory | None:
    return next((t for t in options if t.pk == pk), None)


def place_choice(data: Mapping[str, Any], *, current: int | None = None) -> PlaceChoice:
    """The chooser's state from a GET (``region``, ``province``, ``commune``) or, failing that, ``current``.

    At most four queries: the commune with its parents, the regions, one region's provinces, one province's
    communes.
    """
    region_id, province_id, commune_id = (_as_id(data.get(key)) for key in ("region", "province", "commune"))
    if PLACE_MARKER not in data and region_id is None and commune_id is None:
        commune_id = current
    if commune_id and not (region_id and province_id):
        commune = territory_commune_with_parents(pk=commune_id)
        if commune is not None and commune.parent is not None:
            province_id, region_id = commune.parent.pk, commune.parent.parent_id
    choice = PlaceChoice(regions=sorted(territory_regions(), key=lambda t: t.name.casefold()))
    choice.region = _pick(choice.regions, region_id)
    if choice.region is None:
        return choice
    choice.provinces = territory_children(parent_id=choice.region.pk, level=Level.PROVINCE)
    choice.province = _pick(choice.provinces, province_id)
    if choice.province is None:
        return choice
    choice.communes = territory_children(parent_id=choice.province.pk, level=Level.COMMUNE)
    choice.commune = _pick(choice.communes, commune_id)
    return choice
