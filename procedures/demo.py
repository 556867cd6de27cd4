"""Demo data for the catalogue: ten national models (texts in Arabic, French and English), adopted
and published by the Commune of Rabat and, for two of them, the Region. Idempotent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from accounts.models import User
from institutions.models import Institution, Office
from procedures.models import LifeEvent, Procedure, ProcedureCategory, RequiredDocument
from procedures.services import procedure_adopt, procedure_publish

CIN = ("Carte nationale d'identité", "البطاقة الوطنية للتعريف", "National identity card")
# slug, category, life events, titles (fr, ar, en), purpose (fr, en, ar), fee, max (n, unit), silence, documents
MODELS: list[dict[str, Any]] = [
    {
        "slug": "certificat-de-residence",
        "category": "certificates",
        "events": ["moving"],
        "title": ("Certificat de résidence", "شهادة السكنى", "Residence certificate"),
        "purpose": ("Atteste votre adresse de résidence.", "Certifies where you live.", "تثبت عنوان سكناكم."),
        "fee": "0",
        "max": (3, "working_days"),
        "docs": [CIN, ("Justificatif de domicile", "ما يثبت السكن", "Proof of address")],
    },
    {
        "slug": "copie-acte-de-naissance",
        "category": "civil-status-identity",
        "events": ["birth", "marriage"],
        "title": ("Copie intégrale d'acte de naissance", "نسخة كاملة من رسم الولادة", "Copy of a birth record"),
        "purpose": (
            "Copie de l'acte inscrit au registre d'état civil.",
            "A copy of the civil-status record.",
            "نسخة من الرسم المسجل في سجلات الحالة المدنية.",
        ),
        "fee": "0",
        "max": (1, "working_days"),
        "docs": [CIN],
    },
    {
        "slug": "declaration-de-naissance",
        "category": "civil-status-identity",
        "events": ["birth"],
        "title": ("Déclaration de naissance", "التصريح بالولادة", "Registering a birth"),
        "purpose": (
            "Inscrire un enfant à l'état civil dans les 30 jours.",
            "Register a child within 30 days.",
            "تسجيل المولود في الحالة المدنية داخل أجل 30 يوما.",
        ),
        "fee": "0",
        "max": (1, "working_days"),
        "docs": [CIN, ("Certificat d'accouchement", "شهادة الولادة الطبية", "Medical birth certificate")],
    },
    {
        "slug": "legalisation-de-signature",
        "category": "certificates",
        "events": [],
        "title": ("Légalisation de signature", "تصحيح الإمضاء", "Signature certification"),
        "purpose": (
            "Certifier votre signature sur un document.",
            "Certify your signature on a document.",
            "تصحيح إمضائكم على وثيقة.",
        ),
        "fee": "2",
        "max": (1, "working_days"),
        "docs": [CIN, ("Le document à signer", "الوثيقة المراد توقيعها", "The document to sign")],
    },
    {
        "slug": "permis-de-construire",
        "category": "urban-planning",
        "events": ["building"],
        "title": ("Permis de construire", "رخصة البناء", "Building permit"),
        "purpose": (
            "Autorisation de construire ou d'agrandir un bâtiment.",
            "Permission to build or extend.",
            "رخصة لبناء بناية أو توسيعها.",
        ),
        "fee": "0",
        "max": (30, "calendar_days"),
        "silence": True,
        "docs": [
            CIN,
            ("Titre foncier ou certificat de propriété", "شهادة الملكية", "Land title"),
            ("Plans architecturaux signés", "التصاميم المعمارية الموقعة", "Signed architectural plans"),
            ("Note de renseignements urbanistiques", "مذكرة المعلومات التعميرية", "Planning information note"),
        ],
    },
    {
        "slug": "permis-d-habiter",
        "category": "urban-planning",
        "events": ["building"],
        "title": ("Permis d'habiter", "رخصة السكن", "Occupancy permit"),
        "purpose": (
            "Autorise l'occupation d'un bâtiment achevé.",
            "Allows a finished building to be lived in.",
            "تسمح بشغل بناية تم إنجازها.",
        ),
        "fee": "0",
        "max": (30, "calendar_days"),
        "silence": True,
        "docs": [CIN, ("Attestation de fin de travaux", "شهادة انتهاء الأشغال", "Completion certificate")],
    },
    {
        "slug": "autorisation-d-exploitation-commerciale",
        "category": "business",
        "events": ["business"],
        "title": ("Autorisation d'exploitation commerciale", "رخصة الاستغلال التجاري", "Business licence"),
        "purpose": (
            "Ouvrir un commerce ou un local professionnel.",
            "Open a shop or business premises.",
            "فتح محل تجاري أو مهني.",
        ),
        "fee": "200",
        "max": (60, "calendar_days"),
        "docs": [
            CIN,
            ("Contrat de bail ou titre de propriété", "عقد الكراء أو سند الملكية", "Lease or title deed"),
            ("Registre de commerce", "السجل التجاري", "Trade register extract"),
        ],
    },
    {
        "slug": "occupation-temporaire-du-domaine-public",
        "category": "public-space",
        "events": ["business"],
        "title": (
            "Occupation temporaire du domaine public",
            "الاحتلال المؤقت للملك العمومي",
            "Temporary occupation of public space",
        ),
        "purpose": (
            "Terrasse, étal ou chantier sur la voie publique.",
            "A terrace, a stall or works on the street.",
            "شرفة مقهى أو معروضات أو ورش على الطريق العمومية.",
        ),
        "fee": "150",
        "max": (30, "calendar_days"),
        "docs": [CIN, ("Plan de situation", "تصميم الموقع", "Site plan")],
    },
    {
        "slug": "certificat-d-indigence",
        "category": "social-support",
        "events": ["support"],
        "title": ("Certificat d'indigence", "شهادة الاحتياج", "Certificate of need"),
        "purpose": (
            "Accès à certaines aides et à la gratuité de soins.",
            "Access to aid and free care.",
            "الاستفادة من بعض أشكال الدعم ومجانية العلاج.",
        ),
        "fee": "0",
        "max": (10, "working_days"),
        "docs": [CIN, ("Déclaration sur l'honneur des revenus", "تصريح بالشرف بالدخل", "Sworn income statement")],
    },
    {
        "slug": "subvention-aux-associations",
        "category": "social-support",
        "events": ["support"],
        "title": ("Subvention aux associations", "منحة الجمعيات", "Grant to associations"),
        "purpose": (
            "Financer un projet d'intérêt général.",
            "Fund a project of general interest.",
            "تمويل مشروع ذي منفعة عامة.",
        ),
        "fee": "0",
        "max": (60, "calendar_days"),
        "docs": [
            ("Statuts de l'association", "القانون الأساسي للجمعية", "Articles of association"),
            ("Récépissé de dépôt", "وصل الإيداع", "Receipt of declaration"),
            ("Budget du projet", "ميزانية المشروع", "Project budget"),
        ],
    },
]
RELATED = [("permis-de-construire", "permis-d-habiter"), ("declaration-de-naissance", "copie-acte-de-naissance")]


def _model(spec: dict[str, Any]) -> Procedure:
    found = Procedure.objects.filter(institution__isnull=True, slug=spec["slug"]).first()
    if found is not None:
        return found
    title_fr, title_ar, title_en = spec["title"]
    purpose_fr, purpose_en, purpose_ar = spec["purpose"]
    model = Procedure.objects.create(
        slug=spec["slug"],
        category=ProcedureCategory.objects.get(slug=spec["category"]),
        title_fr=title_fr,
        title_ar=title_ar,
        title_en=title_en,
        purpose_fr=purpose_fr,
        purpose_en=purpose_en,
        purpose_ar=purpose_ar,
        who_fr="Toute personne concernée, ou son représentant muni d'une procuration.",
        who_ar="كل شخص معني، أو من ينوب عنه بموجب وكالة.",
        who_en="Anyone concerned, or their representative with a power of attorney.",
        fee=Decimal(spec["fee"]),
        payment_fr="En espèces ou par carte au guichet, contre quittance.",
        payment_en="In cash or by card at the desk, against a receipt.",
        payment_ar="نقدا أو بالبطاقة البنكية لدى الشباك، مقابل وصل.",
        legal_basis="Loi 55-19",
        max_duration=spec["max"][0],
        max_unit=spec["max"][1],
        silence_is_acceptance=spec.get("silence", False),
        state="published",
    )
    model.life_events.set(LifeEvent.objects.filter(slug__in=spec["events"]))
    for position, (fr, ar, en) in enumerate(spec["docs"]):
        RequiredDocument.objects.create(procedure=model, name_fr=fr, name_ar=ar, name_en=en, position=position)
    return model


def seed_procedures(stdout: Any) -> None:
    models = {spec["slug"]: _model(spec) for spec in MODELS}
    for a, b in RELATED:
        models[a].related.add(models[b])
    plan = {
        "commune-rabat": [s for s in models if s != "subvention-aux-associations"],
        "region-rabat-sale-kenitra": ["subvention-aux-associations", "autorisation-d-exploitation-commerciale"],
    }
    short = {"commune-rabat": "rabat", "region-rabat-sale-kenitra": "region"}
    adopted = 0
    for slug, model_slugs in plan.items():
        institution = Institution.objects.get(slug=slug)
        admin = User.objects.get(email=f"admin.{short[slug]}@demo.citizen-office.ma")
        offices = list(Office.objects.filter(institution=institution))
        for model_slug in model_slugs:
            if Procedure.objects.filter(institution=institution, slug=model_slug).exists():
                continue
            procedure = procedure_adopt(
                actor=admin,
                model=models[model_slug],
                institution=institution,
                offices=offices,
                contact=institution.email,
            )
            procedure_publish(actor=admin, procedure=procedure)
            adopted += 1
    # Related procedures link the institution's own versions.
    for slug in plan:
        own = {p.slug: p for p in Procedure.objects.filter(institution__slug=slug)}
        for a, b in RELATED:
            if a in own and b in own:
                own[a].related.add(own[b])
    stdout.write(f"Procedures demo data: {len(models)} national models, {adopted} procedures adopted and published.\n")
