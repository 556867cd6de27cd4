"""A publication's title and summary per language: the existing ones move to the document's language."""

from django.db import migrations, models


def _to_languages(apps, schema_editor):  # type: ignore[no-untyped-def]
    Publication = apps.get_model("information", "Publication")
    for publication in Publication.objects.all().iterator():
        language = publication.language if publication.language in ("ar", "fr", "en") else "fr"
        setattr(publication, f"title_{language}", publication.title)
        setattr(publication, f"summary_{language}", publication.summary)
        publication.save(update_fields=[f"title_{language}", f"summary_{language}"])


def _back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Publication = apps.get_model("information", "Publication")
    for publication in Publication.objects.all().iterator():
        order = [publication.language, "fr", "ar", "en"]
        publication.title = next(
            (getattr(publication, f"title_{c}", "") for c in order if getattr(publication, f"title_{c}", "")), ""
        )
        publication.summary = next(
            (getattr(publication, f"summary_{c}", "") for c in order if getattr(publication, f"summary_{c}", "")), ""
        )
        publication.save(update_fields=["title", "summary"])


class Migration(migrations.Migration):
    dependencies = [
        ("information", "0004_due_date_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="title_ar",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (Arabic)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="title_fr",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (French)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="title_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="title (English)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="summary_ar",
            field=models.TextField(blank=True, verbose_name="summary (Arabic)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="summary_fr",
            field=models.TextField(blank=True, verbose_name="summary (French)"),
        ),
        migrations.AddField(
            model_name="publication",
            name="summary_en",
            field=models.TextField(blank=True, verbose_name="summary (English)"),
        ),
        migrations.AlterField(
            model_name="publication",
            name="title",
            field=models.CharField(blank=True, max_length=255, verbose_name="title"),
        ),
        migrations.RunPython(_to_languages, _back),
        migrations.RemoveField(model_name="publication", name="summary"),
        migrations.RemoveField(model_name="publication", name="title"),
    ]
