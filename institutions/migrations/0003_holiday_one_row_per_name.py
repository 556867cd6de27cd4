"""One row per holiday name: two holidays on one day (Oued Ed-Dahab and the Mawlid, 14 August 2027)
become two rows, so confirming or moving one never deletes the other.

Rows seeded before held both names joined with "; " (as the ``holidays`` package gives them); they are
split here, each part estimated only when the package computes it from the lunar calendar.
"""

from django.db import migrations, models

SEPARATOR = "; "
MARKERS = ("(estimated)", "(تقديري)", "(estimé)", "(estimation)")


def _package_parts(country, day):
    """The package's names for that day, in French, with whether each is estimated (None when unknown)."""
    try:
        import holidays as holidays_lib

        name = holidays_lib.country_holidays(country, years=day.year, language="fr").get(day)
    except Exception:  # noqa: BLE001 - an unknown country or a missing package: keep the row's own flag
        return None
    if not name:
        return None
    return [any(m in part for m in MARKERS) for part in str(name).split(SEPARATOR)]


def split_joined_names(apps, schema_editor):
    Holiday = apps.get_model("institutions", "Holiday")
    for row in Holiday.objects.filter(name_fr__contains=SEPARATOR):
        names = {lang: getattr(row, f"name_{lang}").split(SEPARATOR) for lang in ("ar", "fr", "en")}
        count = len(names["fr"])
        flags = _package_parts(row.country, row.date)
        if flags is None or len(flags) != count:
            flags = [row.estimated] * count

        def part(lang, i):
            values = names[lang]
            return values[i].strip() if len(values) == count else (values[0].strip() if i == 0 else "")

        for i in range(1, count):
            Holiday.objects.get_or_create(
                date=row.date,
                country=row.country,
                institution=row.institution,
                name_fr=part("fr", i),
                defaults={"name_ar": part("ar", i), "name_en": part("en", i), "estimated": flags[i]},
            )
        row.name_ar, row.name_fr, row.name_en = part("ar", 0), part("fr", 0), part("en", 0)
        row.estimated = flags[0]
        row.save(update_fields=["name_ar", "name_fr", "name_en", "estimated"])


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0002_upload_checks"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="holiday",
            name="holiday_unique_per_scope",
        ),
        migrations.RemoveConstraint(
            model_name="holiday",
            name="holiday_unique_national",
        ),
        migrations.RunPython(split_joined_names, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="holiday",
            constraint=models.UniqueConstraint(
                fields=("date", "country", "institution", "name_fr"), name="holiday_unique_name_per_scope"
            ),
        ),
        migrations.AddConstraint(
            model_name="holiday",
            constraint=models.UniqueConstraint(
                condition=models.Q(("institution__isnull", True)),
                fields=("date", "country", "name_fr"),
                name="holiday_unique_name_national",
            ),
        ),
    ]
