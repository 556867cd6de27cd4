"""The law's deadlines and the art. 10 categories, as data an administrator can edit."""

from django.db import migrations

DEADLINES = [
    ("answer", 20, "working_days", "Law 31-13, art. 16"),
    ("urgent_answer", 3, "working_days", "Law 31-13, art. 17"),
    ("extension", 20, "working_days", "Law 31-13, art. 16"),
    ("urgent_extension", 3, "working_days", "Law 31-13, art. 17"),
    ("complaint_window", 20, "working_days", "Law 31-13, art. 19"),
    ("complaint_answer", 15, "working_days", "Law 31-13, art. 19"),
    ("commission_window", 30, "calendar_days", "Law 31-13, art. 20"),
]

# Law 31-13, art. 10 (verify the list against the official text).
CATEGORIES = [
    ("laws-regulations", "Lois et textes réglementaires", "القوانين والنصوص التنظيمية", "Laws and regulations"),
    ("conventions", "Conventions", "الاتفاقيات", "Conventions and agreements"),
    ("budget", "Budget et finances", "الميزانية والمالية", "Budget and finances"),
    ("missions-structure", "Missions et organisation", "المهام والهيكل التنظيمي", "Missions and structure"),
    ("procedures-forms", "Procédures et formulaires", "المساطر والمطبوعات", "Procedures and forms"),
    ("tenders", "Marchés publics et résultats", "الصفقات العمومية ونتائجها", "Public tenders and results"),
    ("exams", "Concours et résultats", "المباريات ونتائجها", "Recruitment exams and results"),
    ("reports-statistics", "Rapports et statistiques", "التقارير والإحصائيات", "Reports and statistics"),
    ("programmes", "Programmes et plans", "البرامج والمخططات", "Programmes and plans"),
    ("contacts", "Contacts et responsable de l'information", "جهات الاتصال والشخص المكلف", "Contacts and information officer"),
]


def forwards(apps, schema_editor):
    Deadline = apps.get_model("information", "InformationDeadline")
    Category = apps.get_model("information", "Category")
    for kind, duration, unit, basis in DEADLINES:
        Deadline.objects.get_or_create(kind=kind, defaults={"duration": duration, "unit": unit, "legal_basis": basis})
    for position, (slug, fr, ar, en) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"name_fr": fr, "name_ar": ar, "name_en": en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("information", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
