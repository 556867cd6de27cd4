"""Institutions' and offices' addresses per language: the existing address becomes the French one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0003_holiday_one_row_per_name"),
    ]

    operations = [
        migrations.RenameField(model_name="institution", old_name="address", new_name="address_fr"),
        migrations.AlterField(
            model_name="institution",
            name="address_fr",
            field=models.TextField(blank=True, verbose_name="address (French)"),
        ),
        migrations.AddField(
            model_name="institution",
            name="address_ar",
            field=models.TextField(blank=True, verbose_name="address (Arabic)"),
        ),
        migrations.AddField(
            model_name="institution",
            name="address_en",
            field=models.TextField(blank=True, verbose_name="address (English)"),
        ),
        migrations.RenameField(model_name="office", old_name="address", new_name="address_fr"),
        migrations.AlterField(
            model_name="office",
            name="address_fr",
            field=models.TextField(verbose_name="address (French)"),
        ),
        migrations.AddField(
            model_name="office",
            name="address_ar",
            field=models.TextField(blank=True, verbose_name="address (Arabic)"),
        ),
        migrations.AddField(
            model_name="office",
            name="address_en",
            field=models.TextField(blank=True, verbose_name="address (English)"),
        ),
    ]
