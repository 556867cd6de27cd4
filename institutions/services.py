"""Writes for institutions: holidays (seeded and edited), institutions, offices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import SYSTEM, Context, audit_record
from core import clock as platform_clock
from core.calendar import WEEKEND
from core.i18n import language_codes, per_language, text_in
from core.registry import deadline_clocks, institution_admins
from core.rights import is_platform_admin
from institutions.models import Holiday, Office, OpeningException, OpeningHours, SpokenLanguage, Weekday

ESTIMATED_MARKERS = ("(estimated)", "(تقديري)", "(estimé)", "(estimation)")
# The ``holidays`` package joins the names of two holidays falling on one day with this separator.
NAME_SEPARATOR = "; "
# Morocco fixes its lunar holidays by its own moon sighting, which usually falls one day after the
# Umm al-Qura calendar the ``holidays`` package computes: in 2025 Eid al-Fitr (31 March), Eid al-Adha
# (7 June), the Islamic new year (27 June) and the Mawlid (5 September) were each one day after it.
# The lunar rows of the years not announced yet when this was written (2027 on) are seeded that much
# later, as estimates an administrator confirms or moves; earlier years are seeded as computed (their
# rows exist already and administrators have corrected what differed).
MOROCCO_SIGHTING_OFFSET = timedelta(days=1)
MOROCCO_OFFSET_FROM_YEAR = 2027
# A seeded holiday is "already there" when a row of the same name lies this close to the computed days
# (an administrator may have moved it by a day or two after the moon was sighted).
SEED_TOLERANCE = timedelta(days=3)


@dataclass
class SeedResult:
    created: int = 0
    kept: int = 0


def _clean(name: str) -> tuple[str, bool]:
    estimated = any(marker in name for marker in ESTIMATED_MARKERS)
    for marker in ESTIMATED_MARKERS:
        name = name.replace(marker, "")
    return name.strip(), estimated


@dataclass(frozen=True)
class _Computed:
    day: date
    name_ar: str
    name_fr: str
    name_en: str
    estimated: bool


def _computed_holidays(years: list[int]) -> list[_Computed]:
    """One entry per holiday name and day, lunar ones moved by Morocco's sighting offset."""
    import holidays as holidays_lib

    by_lang = {
        lang: holidays_lib.country_holidays(settings.COUNTRY_CODE, years=years, language=code)
        for lang, code in (("ar", "ar"), ("fr", "fr"), ("en", "en_US"))
    }
    found: list[_Computed] = []
    for day in sorted(by_lang["fr"].keys()):
        parts = {lang: str(table.get(day, "")).split(NAME_SEPARATOR) for lang, table in by_lang.items()}
        for i, raw_fr in enumerate(parts["fr"]):
            name_fr, estimated = _clean(raw_fr)
            names = {
                lang: _clean(values[i])[0] if len(values) == len(parts["fr"]) else "" for lang, values in parts.items()
            }
            # Only the package's computed (lunar) dates are estimates; they move to Morocco's sighting.
            found.append(
                _Computed(
                    day=day + MOROCCO_SIGHTING_OFFSET if estimated and day.year >= MOROCCO_OFFSET_FROM_YEAR else day,
                    name_ar=names["ar"],
                    name_fr=name_fr,
                    name_en=names["en"],
                    estimated=estimated,
                )
            )
    return found


def _occurrences(computed: list[_Computed]) -> list[list[_Computed]]:
    """Group a name's consecutive days (the two days of an Eid) into one occurrence."""
    by_name: dict[str, list[_Computed]] = defaultdict(list)
    for entry in sorted(computed, key=lambda c: c.day):
        by_name[entry.name_fr].append(entry)
    groups: list[list[_Computed]] = []
    for entries in by_name.values():
        for entry in entries:
            if groups and groups[-1][0].name_fr == entry.name_fr and entry.day - groups[-1][-1].day <= timedelta(1):
                groups[-1].append(entry)
            else:
                groups.append([entry])
    return groups


@transaction.atomic
def holidays_seed(*, years: list[int], actor: Any = None, context: Context = SYSTEM) -> SeedResult:
    """Add the country's holidays for these years from the ``holidays`` package, one row per name and day.

    Lunar holidays are estimated until an administrator confirms them (``holiday_confirm`` /
    ``holiday_move``); from 2027 they are seeded one day after the package's Umm al-Qura dates
    (Morocco's usual sighting, see MOROCCO_SIGHTING_OFFSET).
    Existing rows are kept as they are: when a row of the same name is found near the computed days
    (an administrator may have moved it, or kept one day of two), that occurrence is left alone, so a
    re-run never undoes a correction. Open cases counting over a day added are moved (see ``_clocks_run``).
    """
    result = SeedResult()
    computed = _computed_holidays(sorted(set(years)))
    if not computed:
        return result
    first, last = min(c.day for c in computed), max(c.day for c in computed)
    existing: dict[str, list[date]] = defaultdict(list)
    for name_fr, day in Holiday.objects.filter(
        country=settings.COUNTRY_CODE,
        institution__isnull=True,
        date__range=(first - SEED_TOLERANCE, last + SEED_TOLERANCE),
    ).values_list("name_fr", "date"):
        existing[name_fr].append(day)
    missing: list[_Computed] = []
    for group in _occurrences(computed):
        start, end = group[0].day - SEED_TOLERANCE, group[-1].day + SEED_TOLERANCE
        if any(start <= day <= end for day in existing[group[0].name_fr]):
            result.kept += len(group)
        else:
            missing.extend(group)
    if not missing:
        return result
    added = {entry.day for entry in missing}
    before = _closed_days(institution=None, days=added)
    for entry in missing:
        Holiday.objects.create(
            date=entry.day,
            country=settings.COUNTRY_CODE,
            name_ar=entry.name_ar,
            name_fr=entry.name_fr,
            name_en=entry.name_en,
            estimated=entry.estimated,
        )
    result.created = len(missing)
    moved = _clocks_run(days=added, before=before, institution=None, actor=actor, context=context)
    audit_record(
        actor=actor,
        action="holiday.seed",
        changes={"years": years, "created": result.created, "cases_moved": moved},
        context=context,
    )
    return result


# --- Editing holidays: every change moves the open deadlines it touches -----------------------------


def _closed_days(*, institution: Any, days: set[date]) -> set[date]:
    """Which of these days are holidays in the holiday's scope (national; or national + the institution's)."""
    from institutions.selectors import holidays_for

    if not days:
        return set()
    found = holidays_for(institution=institution, start=min(days), end=max(days))
    return found & days


def _clocks_run(*, days: set[date], before: set[date], institution: Any, actor: Any, context: Context) -> int:
    """Tell every module's clock which weekdays changed status; returns how many cases moved."""
    after = _closed_days(institution=institution, days=days)
    changed = {d for d in days if d.weekday() not in WEEKEND and (d in before) != (d in after)}
    if not changed:
        return 0
    institution_id = getattr(institution, "pk", None)
    return sum(
        clock(days=changed, institution_id=institution_id, actor=actor, context=context)
        for clock in deadline_clocks.values()
    )


def _require_holiday_editor(actor: Any, institution: Any) -> None:
    """National holidays: platform administrators. An institution's own days off: also its admins."""
    if is_platform_admin(actor):
        return
    if institution is not None and any(check(actor, institution) for check in institution_admins.values()):
        return
    raise PermissionDenied


def _check_free(*, day: date, name_fr: str, institution: Any, exclude_pk: int | None = None) -> None:
    clash = Holiday.objects.filter(date=day, country=settings.COUNTRY_CODE, institution=institution, name_fr=name_fr)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"date": _("This holiday is already listed on that day.")})


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
    """Add a holiday, or correct the names and flag of the one of that name on that day.

    Two holidays on one day are two rows (one per name). Adding a day off moves the open deadlines
    counting over it.
    """
    _require_holiday_editor(actor, institution)
    before = _closed_days(institution=institution, days={day})
    holiday, created = Holiday.objects.update_or_create(
        date=day,
        country=settings.COUNTRY_CODE,
        institution=institution,
        name_fr=name_fr,
        defaults={"name_ar": name_ar, "name_en": name_en, "estimated": estimated},
    )
    moved = _clocks_run(days={day}, before=before, institution=institution, actor=actor, context=context)
    audit_record(
        actor=actor,
        action="holiday.create" if created else "holiday.update",
        obj=holiday,
        institution=institution,
        changes={"date": day.isoformat(), "name_fr": name_fr, "estimated": estimated, "cases_moved": moved},
        context=context,
    )
    return holiday


@transaction.atomic
def holiday_move(
    *, actor: Any, holiday: Holiday, new_date: date, confirm: bool = True, context: Context = SYSTEM
) -> Holiday:
    """Move a holiday to another day (the moon was sighted a day later) and, by default, confirm it.

    The open cases of every module counting over the day left or the day taken get their due
    date recomputed, in this transaction.
    """
    _require_holiday_editor(actor, holiday.institution)
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    old_date = holiday.date
    _check_free(
        day=new_date, name_fr=text_in(holiday, "name", "fr"), institution=holiday.institution, exclude_pk=holiday.pk
    )
    days = {old_date, new_date}
    before = _closed_days(institution=holiday.institution, days=days)
    holiday.date = new_date
    if confirm:
        holiday.estimated = False
    holiday.save(update_fields=["date", "estimated"])
    moved = _clocks_run(days=days, before=before, institution=holiday.institution, actor=actor, context=context)
    audit_record(
        actor=actor,
        action="holiday.move" if old_date != new_date else ("holiday.confirm" if confirm else "holiday.update"),
        obj=holiday,
        institution=holiday.institution,
        changes={
            "from": old_date.isoformat(),
            "to": new_date.isoformat(),
            "estimated": holiday.estimated,
            "cases_moved": moved,
        },
        context=context,
    )
    return holiday


@transaction.atomic
def holiday_confirm(*, actor: Any, holiday: Holiday, context: Context = SYSTEM) -> Holiday:
    """The Ministry announced the day as estimated: it is no longer an estimate (no date moves)."""
    return holiday_move(actor=actor, holiday=holiday, new_date=holiday.date, confirm=True, context=context)


@transaction.atomic
def holiday_delete(*, actor: Any, holiday: Holiday, context: Context = SYSTEM) -> None:
    """Remove a holiday (Morocco kept one day of a two-day Eid): the open deadlines over it move back."""
    _require_holiday_editor(actor, holiday.institution)
    before = _closed_days(institution=holiday.institution, days={holiday.date})
    audit_record(
        actor=actor,
        action="holiday.delete",
        obj=holiday,
        institution=holiday.institution,
        changes={"date": holiday.date.isoformat(), "name_fr": text_in(holiday, "name", "fr")},
        context=context,
    )
    day, institution = holiday.date, holiday.institution
    holiday.delete()
    _clocks_run(days={day}, before=before, institution=institution, actor=actor, context=context)


@transaction.atomic
def office_languages_set(
    *, actor: Any, office: Office, languages: Iterable[SpokenLanguage], context: Context = SYSTEM
) -> None:
    """The languages spoken at an office's desks, kept by its institution's admins (audited)."""
    if not any(check(actor, office.institution) for check in institution_admins.values()):
        raise PermissionDenied
    wanted = sorted({language.slug for language in languages})
    before = sorted(office.languages.values_list("slug", flat=True))
    if wanted == before:
        return
    office.languages.set(SpokenLanguage.objects.filter(slug__in=wanted))
    audit_record(
        actor=actor,
        action="office.languages",
        obj=office,
        institution=office.institution,
        changes={"languages": [before, wanted]},
        context=context,
    )


# --- Offices, as their admins keep them: details, weekly hours, dated exceptions (issue 12 §1) ------

OFFICE_FIELDS = [
    *per_language("name", "address", "accessibility"),
    "latitude",
    "longitude",
    "step_free_access",
    "email",
    "phone",
    "is_active",
]
# Morocco, the southern provinces included, with a margin: a point outside is a slip (a sign or a digit lost).
LATITUDE_RANGE = (Decimal("20.5"), Decimal("36.1"))
LONGITUDE_RANGE = (Decimal("-17.5"), Decimal("-0.9"))


def _require_office_admin(actor: Any, office: Office) -> None:
    """An office is kept by its institution's admins (``core.registry.institution_admins``: accounts answers)."""
    if not any(check(actor, office.institution) for check in institution_admins.values()):
        raise PermissionDenied


def _period(opens: time | None, closes: time | None) -> str:
    return f"{opens:%H:%M}–{closes:%H:%M}" if opens and closes else ""


def office_position_check(latitude: Any, longitude: Any) -> None:
    """A map position is both coordinates or neither, and lies in Morocco (ValidationError keyed by field)."""
    latitude = None if latitude in (None, "") else Decimal(str(latitude))
    longitude = None if longitude in (None, "") else Decimal(str(longitude))
    errors: dict[str, str] = {}
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        errors[missing] = _("Give both the latitude and the longitude, or neither.")
    if latitude is not None and not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        errors["latitude"] = _("This point is not in Morocco: a latitude there lies between 20.5 and 36.1.")
    if longitude is not None and not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        errors["longitude"] = _(
            "This point is not in Morocco: a longitude there lies between -17.5 and -0.9 (west of Greenwich: "
            "a minus sign)."
        )
    if errors:
        raise ValidationError(errors)


def _plain(value: Any) -> Any:
    """A value as the audit trail keeps it (JSON)."""
    return value if value is None or isinstance(value, bool | int | str) else str(value)


@transaction.atomic
def office_update(*, actor: Any, office: Office, values: Mapping[str, Any], context: Context = SYSTEM) -> Office:
    """Change what an office says about itself (names and addresses per language, map position, access, contact,
    open to the public); the changes audited as [before, after]. Name and address in French are required."""
    _require_office_admin(actor, office)
    unknown = set(values) - set(OFFICE_FIELDS)
    if unknown:
        raise ValueError(f"not an office field kept here: {sorted(unknown)}")
    stored = Office.objects.select_for_update().get(pk=office.pk)
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}
    office_position_check(
        cleaned.get("latitude", stored.latitude),
        cleaned.get("longitude", stored.longitude),
    )
    changes: dict[str, list[Any]] = {}
    for name, value in cleaned.items():
        before = getattr(stored, name)
        if before != value:
            changes[name] = [_plain(before), _plain(value)]
            setattr(stored, name, value)
    # Required French name and address, the email's form, the decimals' precision: the model's own rules.
    stored.clean_fields(exclude=[f.name for f in Office._meta.concrete_fields if f.name not in OFFICE_FIELDS])
    if not changes:
        return stored
    stored.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action="office.update",
        obj=stored,
        institution=stored.institution,
        changes=changes,
        context=context,
    )
    return stored


@transaction.atomic
def office_hours_add(
    *, actor: Any, office: Office, weekday: int, opens: time, closes: time, context: Context = SYSTEM
) -> OpeningHours:
    """Add an opening period on a weekday (a day may have several: morning and afternoon, never overlapping)."""
    _require_office_admin(actor, office)
    # Two additions to one office at once are checked one after the other.
    Office.objects.select_for_update().filter(pk=office.pk).first()
    if weekday not in Weekday.values:
        raise ValidationError({"weekday": _("Choose a day of the week.")})
    if closes <= opens:
        raise ValidationError({"closes": _("The closing time comes after the opening time.")})
    clash = (
        OpeningHours.objects.filter(office=office, weekday=weekday, opens__lt=closes, closes__gt=opens)
        .order_by("opens")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "opens": _(
                    "This period overlaps %(period)s on that day: change the times, or remove that period first."
                )
                % {"period": _period(clash.opens, clash.closes)}
            }
        )
    hours = OpeningHours.objects.create(office=office, weekday=weekday, opens=opens, closes=closes)
    audit_record(
        actor=actor,
        action="office.hours.add",
        obj=office,
        institution=office.institution,
        changes={"weekday": weekday, "period": _period(opens, closes)},
        context=context,
    )
    return hours


@transaction.atomic
def office_hours_remove(*, actor: Any, hours: OpeningHours, context: Context = SYSTEM) -> None:
    """Remove a weekly opening period."""
    office = hours.office
    _require_office_admin(actor, office)
    audit_record(
        actor=actor,
        action="office.hours.remove",
        obj=office,
        institution=office.institution,
        changes={"weekday": hours.weekday, "period": _period(hours.opens, hours.closes)},
        context=context,
    )
    hours.delete()


@transaction.atomic
def office_exception_add(
    *,
    actor: Any,
    office: Office,
    day: date,
    closed: bool = True,
    opens: time | None = None,
    closes: time | None = None,
    reason: Mapping[str, str] | None = None,
    context: Context = SYSTEM,
) -> OpeningException:
    """A dated change to the usual hours: closed all day, or open at other times; one per office and day, never in
    the past (what was shown on a passed day stays as it was)."""
    _require_office_admin(actor, office)
    reason = {code: (text or "").strip() for code, text in (reason or {}).items()}
    if set(reason) - set(language_codes()):
        raise ValueError(f"not a site language: {sorted(set(reason) - set(language_codes()))}")
    if day < platform_clock.today():
        raise ValidationError({"date": _("This day has passed: give today or a day to come.")})
    if closed:
        opens = closes = None
    else:
        errors = {}
        if opens is None:
            errors["opens"] = _("Give the opening time of that day (or choose closed all day).")
        if closes is None:
            errors["closes"] = _("Give the closing time of that day (or choose closed all day).")
        if errors:
            raise ValidationError(errors)
        assert opens is not None and closes is not None
        if closes <= opens:
            raise ValidationError({"closes": _("The closing time comes after the opening time.")})
    taken = ValidationError(
        {"date": _("This office already has a change on that day: remove it first to give another one.")}
    )
    if OpeningException.objects.filter(office=office, date=day).exists():
        raise taken
    exception = OpeningException(office=office, date=day, closed=closed, opens=opens, closes=closes)
    for code, text in reason.items():
        setattr(exception, f"reason_{code}", text)
    exception.clean_fields()
    try:
        with transaction.atomic():
            exception.save()
    except IntegrityError:  # the same day added a moment before (a second click)
        raise taken from None
    audit_record(
        actor=actor,
        action="office.exception.add",
        obj=office,
        institution=office.institution,
        changes={
            "date": day.isoformat(),
            "closed": closed,
            "period": _period(opens, closes),
            "reason": {code: text for code, text in reason.items() if text},
        },
        context=context,
    )
    return exception


@transaction.atomic
def office_exception_remove(*, actor: Any, exception: OpeningException, context: Context = SYSTEM) -> None:
    """Remove a dated change to come: the usual hours (or the public holiday) apply that day again."""
    office = exception.office
    _require_office_admin(actor, office)
    if exception.date < platform_clock.today():
        raise ValidationError(_("This day has passed: what was shown for it is kept."))
    audit_record(
        actor=actor,
        action="office.exception.remove",
        obj=office,
        institution=office.institution,
        changes={
            "date": exception.date.isoformat(),
            "closed": exception.closed,
            "period": _period(exception.opens, exception.closes),
        },
        context=context,
    )
    exception.delete()
