"""Demo data for the foundation: real territories, fictional people. Local demo only.

Run by ``manage.py seed_demo`` (registered in core.registry.demo_seeders as "foundation");
idempotent: a second run finds everything by slug or email and changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext

from accounts.models import Membership, Role, User
from accounts.totp import totp_activate
from audit.services import audit_record
from core import clock
from institutions.models import (
    Department,
    Institution,
    InstitutionKind,
    Office,
    OpeningException,
    OpeningHours,
    SpokenLanguage,
)
from institutions.services import holidays_seed
from territories.models import Territory

# Demo credentials: printed by `make run`, listed in the README, never valid in production
# (seed_demo refuses to run there without --force).
ADMIN_EMAIL = "admin@demo.citizen-office.ma"
ADMIN_PASSWORD = "demo-admin-password-2026"  # noqa: S105
STAFF_PASSWORD = "demo-staff-password-2026"  # noqa: S105
CITIZEN_PASSWORD = "demo-citizen-2026"  # noqa: S105
# Every demo staff account shares this TOTP secret so a newcomer can sign in:
# `make totp` prints the current code. Base32, 160 bits.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

TERRITORY = {
    "region": "04",  # Rabat-Salé-Kénitra
    "province_rabat": "04.421",  # Préfecture de Rabat
    "province_kenitra": "04.281",  # Province de Kénitra
    "commune_rabat": "04.421.01.0",
    "commune_touarga": "04.421.01.07",  # 5,703 inhabitants (2024): under 35,000
    "commune_kenitra": "04.281.01.01",
    "commune_bousselham": "04.281.11.07",  # 32,643 inhabitants (2024): under 35,000
}

# Amazigh (Tifinagh) names: an institution carries ``name_zgh`` only where an official form is published
# (issue 17: never invent a Tifinagh spelling). Searched on 2026-12-02 (docs/translation.md, "Proper names"):
# the government portal's Amazigh pages (cg.gov.ma/amz) give the Head of Government, ⴰⵏⵙⵙⵉⵅⴼ ⵏ ⵜⵏⴱⴰⴹⵜ, but no
# name for its Petitions Committee; no published form was found for the House of Representatives, the Rabat-
# Salé-Kénitra regional council or the prefectures, provinces and communes below. All of them read in Arabic,
# marked as Arabic, on Amazigh pages.
INSTITUTIONS: list[dict[str, Any]] = [
    {
        "slug": "chef-du-gouvernement",
        "short_code": "CDG",
        "kind": InstitutionKind.NATIONAL,
        "territory": None,
        "name_fr": "Services du Chef du Gouvernement — Commission des pétitions",
        "name_ar": "مصالح رئيس الحكومة — لجنة العرائض",
        "name_en": "Head of Government — Petitions Committee",
        "description_fr": "Reçoit les pétitions nationales adressées au Chef du Gouvernement.",
        "description_ar": "تتلقى العرائض الوطنية الموجهة إلى رئيس الحكومة.",
        "description_en": "Receives national petitions addressed to the Head of Government.",
        "address_fr": "Palais Royal, Touarga, Rabat",
        "address_ar": "القصر الملكي، التواركة، الرباط",
        "address_en": "Royal Palace, Touarga, Rabat",
        "email": "petitions@demo.citizen-office.ma",
    },
    {
        "slug": "chambre-des-representants",
        "short_code": "CDR",
        "kind": InstitutionKind.NATIONAL,
        "territory": None,
        "name_fr": "Chambre des Représentants",
        "name_ar": "مجلس النواب",
        "name_en": "House of Representatives",
        "description_fr": "Première chambre du Parlement ; reçoit les motions législatives citoyennes.",
        "description_ar": "الغرفة الأولى للبرلمان؛ تتلقى الملتمسات التشريعية.",
        "description_en": "First chamber of Parliament; receives citizens' legislative motions.",
        "address_fr": "Avenue Mohammed V, Rabat",
        "address_ar": "شارع محمد الخامس، الرباط",
        "address_en": "Avenue Mohammed V, Rabat",
        "email": "contact@demo.citizen-office.ma",
    },
    {
        "slug": "region-rabat-sale-kenitra",
        "short_code": "RSK",
        "kind": InstitutionKind.REGION,
        "territory": "region",
        "name_fr": "Conseil de la Région Rabat-Salé-Kénitra",
        "name_ar": "مجلس جهة الرباط-سلا-القنيطرة",
        "name_en": "Rabat-Salé-Kénitra Regional Council",
        "address_fr": "Avenue Annakhil, Hay Riad, Rabat",
        "address_ar": "شارع النخيل، حي الرياض، الرباط",
        "address_en": "Avenue Annakhil, Hay Riad, Rabat",
        "email": "region@demo.citizen-office.ma",
    },
    {
        "slug": "prefecture-rabat",
        "short_code": "PRABAT",
        "kind": InstitutionKind.PROVINCE,
        "territory": "province_rabat",
        "parent": "region-rabat-sale-kenitra",
        "name_fr": "Conseil préfectoral de Rabat",
        "name_ar": "مجلس عمالة الرباط",
        "name_en": "Rabat Prefectural Council",
        "address_fr": "Rabat",
        "address_ar": "الرباط",
        "address_en": "Rabat",
    },
    {
        "slug": "province-kenitra",
        "short_code": "PKENITRA",
        "kind": InstitutionKind.PROVINCE,
        "territory": "province_kenitra",
        "parent": "region-rabat-sale-kenitra",
        "name_fr": "Conseil provincial de Kénitra",
        "name_ar": "مجلس إقليم القنيطرة",
        "name_en": "Kenitra Provincial Council",
        "address_fr": "Kénitra",
        "address_ar": "القنيطرة",
        "address_en": "Kenitra",
    },
    {
        "slug": "commune-rabat",
        "short_code": "CRABAT",
        "kind": InstitutionKind.COMMUNE,
        "territory": "commune_rabat",
        "parent": "prefecture-rabat",
        "name_fr": "Commune de Rabat",
        "name_ar": "جماعة الرباط",
        "name_en": "City of Rabat",
        "address_fr": "Hôtel de ville, avenue Mohammed V, Rabat",
        "address_ar": "مقر الجماعة، شارع محمد الخامس، الرباط",
        "address_en": "City Hall, Avenue Mohammed V, Rabat",
        "email": "bureau-citoyen@demo.citizen-office.ma",
        "phone": "+212 537 00 00 00",
    },
    {
        "slug": "commune-touarga",
        "short_code": "CTOUARGA",
        "kind": InstitutionKind.COMMUNE,
        "territory": "commune_touarga",
        "parent": "prefecture-rabat",
        "name_fr": "Commune de Touarga",
        "name_ar": "جماعة التواركة",
        "name_en": "Municipality of Touarga",
        "address_fr": "Touarga, Rabat",
        "address_ar": "التواركة، الرباط",
        "address_en": "Touarga, Rabat",
    },
    {
        "slug": "commune-kenitra",
        "short_code": "CKENITRA",
        "kind": InstitutionKind.COMMUNE,
        "territory": "commune_kenitra",
        "parent": "province-kenitra",
        "name_fr": "Commune de Kénitra",
        "name_ar": "جماعة القنيطرة",
        "name_en": "City of Kenitra",
        "address_fr": "Avenue Mohammed V, Kénitra",
        "address_ar": "شارع محمد الخامس، القنيطرة",
        "address_en": "Avenue Mohammed V, Kenitra",
    },
    {
        "slug": "commune-moulay-bousselham",
        "short_code": "CMBOUS",
        "kind": InstitutionKind.COMMUNE,
        "territory": "commune_bousselham",
        "parent": "province-kenitra",
        "name_fr": "Commune de Moulay Bousselham",
        "name_ar": "جماعة مولاي بوسلهام",
        "name_en": "Municipality of Moulay Bousselham",
        "address_fr": "Centre, Moulay Bousselham",
        "address_ar": "المركز، مولاي بوسلهام",
        "address_en": "Town centre, Moulay Bousselham",
    },
]

DEPARTMENTS = {
    "commune-rabat": [
        ("État civil", "الحالة المدنية", "Civil status"),
        ("Urbanisme", "التعمير", "Urban planning"),
        ("Affaires sociales", "الشؤون الاجتماعية", "Social affairs"),
    ],
    "region-rabat-sale-kenitra": [
        ("Développement économique", "التنمية الاقتصادية", "Economic development"),
        ("Transport", "النقل", "Transport"),
    ],
    "commune-kenitra": [("État civil", "الحالة المدنية", "Civil status")],
}

OFFICES: list[dict[str, Any]] = [
    {
        "slug": "bureau-citoyen-rabat-hotel-de-ville",
        "institution": "commune-rabat",
        "commune": "commune_rabat",
        "name_fr": "Bureau citoyen — Hôtel de ville de Rabat",
        "name_ar": "مكتب المواطن — مقر جماعة الرباط",
        "name_en": "Citizen Office — Rabat City Hall",
        "address_fr": "Hôtel de ville, avenue Mohammed V, Rabat",
        "address_ar": "مقر الجماعة، شارع محمد الخامس، الرباط",
        "address_en": "City Hall, Avenue Mohammed V, Rabat",
        "latitude": "34.019200",
        "longitude": "-6.835400",
        "step_free_access": True,
        "accessibility_fr": "Entrée de plain-pied côté avenue Mohammed V ; guichet abaissé ; boucle magnétique.",
        "accessibility_ar": "مدخل بدون درج من جهة شارع محمد الخامس؛ شباك منخفض.",
        "accessibility_en": "Step-free entrance on avenue Mohammed V; lowered counter; hearing loop.",
        "phone": "+212 537 00 00 01",
        "languages": ["ar", "ary", "zgh", "fr", "en", "xms"],
        "hours": [(d, time(8, 30), time(12, 30)) for d in range(5)]
        + [(d, time(14, 0), time(16, 30)) for d in range(4)],
    },
    {
        "slug": "bureau-citoyen-region-rsk",
        "institution": "region-rabat-sale-kenitra",
        "commune": "commune_rabat",
        "name_fr": "Bureau citoyen — Siège de la Région",
        "name_ar": "مكتب المواطن — مقر الجهة",
        "name_en": "Citizen Office — Regional Council",
        "address_fr": "Avenue Annakhil, Hay Riad, Rabat",
        "address_ar": "شارع النخيل، حي الرياض، الرباط",
        "address_en": "Avenue Annakhil, Hay Riad, Rabat",
        "latitude": "33.958900",
        "longitude": "-6.868300",
        "step_free_access": False,
        "accessibility_fr": "Trois marches à l'entrée ; un agent vient à votre rencontre sur appel.",
        "accessibility_ar": "ثلاث درجات عند المدخل؛ يأتي موظف لمساعدتكم عند الاتصال.",
        "accessibility_en": "Three steps at the entrance; an agent comes to meet you if you call.",
        "phone": "+212 537 00 00 02",
        "languages": ["ar", "ary", "tzm", "fr"],
        "hours": [(d, time(9, 0), time(15, 30)) for d in range(5)],
    },
]

STAFF_ROLES = [
    ("agent", Role.FRONT_DESK),
    ("officer", Role.CASE_OFFICER),
    ("info", Role.INFORMATION_OFFICER),
    ("moderator", Role.MODERATOR),
    ("mayor", Role.DECISION_MAKER),
    ("admin", Role.INSTITUTION_ADMIN),
]
STAFF_INSTITUTIONS = {
    "commune-rabat": "rabat",
    "region-rabat-sale-kenitra": "region",
    "chef-du-gouvernement": "cdg",
}

FIRST_NAMES = [
    "Amina",
    "Youssef",
    "Fatima Zahra",
    "Mehdi",
    "Salma",
    "Omar",
    "Khadija",
    "Hamza",
    "Imane",
    "Rachid",
    "Nadia",
    "Karim",
    "Hajar",
    "Anas",
    "Meryem",
    "Soufiane",
    "Zineb",
    "Ayoub",
    "Loubna",
    "Ismail",
]
LAST_NAMES = [
    "Benali",
    "El Idrissi",
    "Alaoui",
    "Tazi",
    "Berrada",
    "Chraibi",
    "Bennani",
    "El Fassi",
    "Amrani",
    "Lahlou",
    "Ouazzani",
    "Sqalli",
    "Kettani",
    "Benjelloun",
    "Naciri",
    "Zniber",
    "Cherkaoui",
    "Filali",
    "Hakimi",
    "Mansouri",
]


def demo_staff_accounts() -> list[tuple[str, str]]:
    """(email, role label) for every demo staff account, for `make run` to print, in the active language."""
    rows = [(ADMIN_EMAIL, gettext("platform administrator"))]
    for slug, short in STAFF_INSTITUTIONS.items():
        for prefix, role in STAFF_ROLES:
            rows.append((f"{prefix}.{short}@demo.citizen-office.ma", f"{role.label} — {slug}"))
    return rows


def _territories() -> dict[str, Territory]:
    found = {t.code: t for t in Territory.objects.filter(code__in=TERRITORY.values())}
    missing = [code for code in TERRITORY.values() if code not in found]
    if missing:
        raise RuntimeError("Territories are missing: run `manage.py import_territories` first.")
    return {key: found[code] for key, code in TERRITORY.items()}


_HASHES: dict[str, str] = {}


def _user(email: str, full_name: str, password: str, **extra: Any) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    # One slow hash per demo password, not per account: seeding stays quick.
    if password not in _HASHES:
        _HASHES[password] = make_password(password)
    user = User.objects.create_user(email=email, password=None, full_name=full_name, **extra)
    User.objects.filter(pk=user.pk).update(password=_HASHES[password])
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    from accounts.models import Assurance

    User.objects.filter(pk=user.pk).update(assurance_level=Assurance.EMAIL_VERIFIED)
    return user, True


def _totp(user: User) -> None:
    totp_activate(user, DEMO_TOTP_SECRET, recovery_codes=True)


@transaction.atomic
def seed_foundation(stdout: Any) -> None:
    """The institutions, their offices, staff and citizens every module's demo builds on."""
    territories = _territories()
    today = clock.today()
    holidays_seed(years=[today.year, today.year + 1])
    institutions = _seed_institutions(territories)
    _seed_offices(institutions, territories, year=today.year)
    _seed_people(institutions, territories)
    _seed_associations(institutions, territories)
    stdout.write(f"Foundation demo data: {len(institutions)} institutions, {len(OFFICES)} offices, 20 citizens.\n")


def _seed_institutions(territories: dict[str, Territory]) -> dict[str, Institution]:
    institutions: dict[str, Institution] = {}
    for spec in INSTITUTIONS:
        data = dict(spec)
        slug = data.pop("slug")
        territory_key = data.pop("territory")
        parent_slug = data.pop("parent", None)
        data["territory"] = territories[territory_key] if territory_key else None
        data["parent"] = institutions.get(parent_slug) if parent_slug else None
        data["on_platform"] = True
        institution, created = Institution.objects.get_or_create(slug=slug, defaults=data)
        institutions[slug] = institution
        if created:
            audit_record(actor=None, action="demo.institution_create", obj=institution, institution=institution)
    for slug, departments in DEPARTMENTS.items():
        for name_fr, name_ar, name_en in departments:
            Department.objects.get_or_create(
                institution=institutions[slug], name_fr=name_fr, defaults={"name_ar": name_ar, "name_en": name_en}
            )
    return institutions


def _seed_offices(institutions: dict[str, Institution], territories: dict[str, Territory], *, year: int) -> None:
    for spec in OFFICES:
        data = dict(spec)
        slug = data.pop("slug")
        hours = data.pop("hours")
        languages = data.pop("languages", [])
        data["institution"] = institutions[data["institution"]]
        data["commune"] = territories[data["commune"]]
        office, created = Office.objects.get_or_create(slug=slug, defaults=data)
        if created:
            office.languages.set(SpokenLanguage.objects.filter(slug__in=languages))
            OpeningHours.objects.bulk_create(
                [OpeningHours(office=office, weekday=d, opens=o, closes=c) for d, o, c in hours]
            )
            audit_record(actor=None, action="demo.office_create", obj=office, institution=office.institution)
    # A dated exception: the Rabat office closes early on the last working day of the year.
    rabat_office = Office.objects.get(slug=OFFICES[0]["slug"])
    OpeningException.objects.get_or_create(
        office=rabat_office,
        date=date(year, 12, 31),
        defaults={
            "closed": False,
            "opens": time(8, 30),
            "closes": time(12, 0),
            "reason_fr": "Fin d'année : fermeture à midi",
            "reason_ar": "نهاية السنة: الإغلاق عند منتصف النهار",
            "reason_en": "Year end: closes at noon",
        },
    )


STAFF_FIRST_NAMES = [
    "Latifa",
    "Driss",
    "Samira",
    "Abdelilah",
    "Houda",
    "Mustapha",
    "Rajae",
    "Noureddine",
    "Asmae",
    "Hicham",
    "Widad",
    "Tarik",
    "Siham",
    "Adil",
    "Ghita",
    "Jamal",
    "Najat",
    "Brahim",
]


def _seed_people(institutions: dict[str, Institution], territories: dict[str, Territory]) -> None:
    """The platform administrator, staff in every role of the demo institutions (with the demo authenticator),
    and twenty citizens."""
    admin, _ = _user(ADMIN_EMAIL, "Leila Amrani", ADMIN_PASSWORD, preferred_language="fr")
    if not admin.is_superuser:
        User.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    _totp(admin)

    # Plausible names (a first name and a family name; the role is in the account's memberships, not its name).
    first_names = iter(STAFF_FIRST_NAMES)
    last_names = iter(LAST_NAMES[::-1] * 2)
    for slug, short in STAFF_INSTITUTIONS.items():
        institution = institutions[slug]
        for prefix, role in STAFF_ROLES:
            email = f"{prefix}.{short}@demo.citizen-office.ma"
            name = f"{next(first_names)} {next(last_names)}"
            user, _created = _user(email, name, STAFF_PASSWORD, preferred_language="fr")
            _totp(user)
            Membership.objects.get_or_create(user=user, institution=institution, role=role)

    rng = random.Random(2026)  # noqa: S311 — fictional names, not security
    communes = [territories[k] for k in ("commune_rabat", "commune_touarga", "commune_kenitra", "commune_bousselham")]
    languages = ["ar", "fr", "en", "ar", "fr"]
    for i in range(1, 21):
        name = f"{FIRST_NAMES[i - 1]} {rng.choice(LAST_NAMES)}"
        _user(
            f"citizen{i}@demo.citizen-office.ma",
            name,
            CITIZEN_PASSWORD,
            preferred_language=languages[i % len(languages)],
            commune=communes[i % len(communes)],
        )


def _seed_associations(institutions: dict[str, Institution], territories: dict[str, Territory]) -> None:
    from associations.models import Association
    from associations.services import association_create, association_verify

    citizen1 = User.objects.get(email="citizen1@demo.citizen-office.ma")
    citizen2 = User.objects.get(email="citizen2@demo.citizen-office.ma")
    if not Association.objects.filter(registration_number="RSK-2019-0412").exists():
        association = association_create(
            actor=citizen1,
            name="Association Rabat Quartiers Verts",
            registration_number="RSK-2019-0412",
            registered_with=institutions["commune-rabat"],
            description="Jardins partagés et propreté des quartiers de Rabat.",
            commune=territories["commune_rabat"],
        )
        association_verify(actor=User.objects.get(email="admin.rabat@demo.citizen-office.ma"), association=association)
    if not Association.objects.filter(registration_number="RBT-2024-0077").exists():
        association_create(
            actor=citizen2,
            name="Jeunes de Rabat pour la participation",
            registration_number="RBT-2024-0077",
            registered_with=institutions["commune-rabat"],
            description="Formation des jeunes à la participation citoyenne.",
            commune=territories["commune_rabat"],
        )
