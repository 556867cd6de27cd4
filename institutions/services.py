"""Writes for institutions: holidays (seeded and edited), institutions, offices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from audit.services import SYSTEM, Context, audit_record
from institutions.models import Holiday

ESTIMATED_MARKERS = ("(estimated)", "(تقديري)", "(estimé)", "(estimation)")


@dataclass
class SeedResult:
    created: int = 0
    kept: int = 0


def _clean(name: str) -> tuple[str, bool]:
    estimated = any(marker in name for marker in ESTIMATED_MARKERS)
    for marker in ESTIMATED_MARKERS:
        name = name.replace(marker, "")
    return name.strip(), estimated


@transaction.atomic
def holidays_seed(*, years: list[int], actor: Any = None, context: Context = SYSTEM) -> SeedResult:
    """Add the country's holidays for these years from the ``holidays`` package.

    Existing rows are kept as they are: an administrator may have corrected a religious
    holiday's date after the moon was sighted, and a re-run must not undo that.
    """
    import holidays as holidays_lib

    result = SeedResult()
    by_lang = {
        lang: holidays_lib.country_holidays(settings.COUNTRY_CODE, years=years, language=code)
        for lang, code in (("ar", "ar"), ("fr", "fr"), ("en", "en_US"))
    }
    existing = set(
        Holiday.objects.filter(
            country=settings.COUNTRY_CODE, institution__isnull=True, date__year__in=years
        ).values_list("date", flat=True)
    )
    for day in sorted(by_lang["fr"].keys()):
        if day in existing:
            result.kept += 1
            continue
        names = {lang: _clean(str(table.get(day, ""))) for lang, table in by_lang.items()}
        Holiday.objects.create(
            date=day,
            country=settings.COUNTRY_CODE,
            name_ar=names["ar"][0],
            name_fr=names["fr"][0],
            name_en=names["en"][0],
            estimated=any(flag for _name, flag in names.values()),
        )
        result.created += 1
    if result.created:
        audit_record(
            actor=actor, action="holiday.seed", changes={"years": years, "created": result.created}, context=context
        )
    return result


def _require_holiday_editor(actor: Any, institution: Any) -> None:
    """National holidays: platform administrators. An institution's own days off: also its admins."""
    from django.core.exceptions import PermissionDenied

    if getattr(actor, "is_superuser", False):
        return
    if institution is not None:
        from accounts.models import Role
        from accounts.permissions import has_role

        if has_role(actor, institution, [Role.INSTITUTION_ADMIN]):
            return
    raise PermissionDenied


@transaction.atomic
def holiday_set(
    *,
    actor: Any,
    day: date,
    name_fr: str,
    name_ar: str = "",
    name_en: str = "",
    institution: Any = None,
    estimated: bool = False,
    context: Context = SYSTEM,
) -> Holiday:
    """Add or correct a holiday (a platform administrator, or an institution's own day off)."""
    _require_holiday_editor(actor, institution)
    holiday, created = Holiday.objects.update_or_create(
        date=day,
        country=settings.COUNTRY_CODE,
        institution=institution,
        defaults={"name_fr": name_fr, "name_ar": name_ar, "name_en": name_en, "estimated": estimated},
    )
    audit_record(
        actor=actor,
        action="holiday.create" if created else "holiday.update",
        obj=holiday,
        institution=institution,
        changes={"date": day.isoformat(), "name_fr": name_fr},
        context=context,
    )
    return holiday
