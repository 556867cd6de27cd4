"""Categories and life events of the catalogue, as data an administrator can edit."""

from django.db import migrations

CATEGORIES = [
    ("civil-status-identity", "État civil et identité", "الحالة المدنية والهوية", "Civil status and identity"),
    ("urban-planning", "Urbanisme et construction", "التعمير والبناء", "Urban planning and building"),
    ("business", "Entreprises et commerce", "المقاولات والتجارة", "Business"),
    ("social-support", "Aide sociale", "الدعم الاجتماعي", "Social support"),
    ("certificates", "Certificats et attestations", "الشهادات", "Certificates"),
    ("public-space", "Espace public", "الملك العمومي", "Public space"),
]
LIFE_EVENTS = [
    ("birth", "Une naissance", "ولادة", "A birth"),
    ("marriage", "Un mariage", "زواج", "A marriage"),
    ("death", "Un décès", "وفاة", "A death"),
    ("moving", "Un déménagement", "تغيير السكن", "Moving house"),
    ("building", "Construire ou rénover", "البناء أو الإصلاح", "Building or renovating"),
    ("business", "Créer une activité", "إنشاء نشاط", "Starting a business"),
    ("support", "Demander une aide", "طلب دعم", "Asking for support"),
]


def forwards(apps, schema_editor):
    for model_name, rows in (("ProcedureCategory", CATEGORIES), ("LifeEvent", LIFE_EVENTS)):
        model = apps.get_model("procedures", model_name)
        for position, (slug, fr, ar, en) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name_fr": fr, "name_ar": ar, "name_en": en, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
