"""Demo data: an application form for every procedure adopted online, and applications in every state.

Everything goes through the services, with the clock moved back (core.clock.travel_to) so the
dates, deadlines and figures are those a real history would produce. Idempotent: a procedure that
already has a form, or an applicant who already applied, is left alone.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from applications.models import Application, ApplicationState, FieldKind, FormField
from applications.services import (
    application_start,
    application_submit,
    case_accept,
    case_close,
    case_complete,
    case_message,
    case_note,
    case_refuse,
    case_request_documents,
    case_take,
    draft_attach,
    draft_save,
    field_save,
    form_fields,
    form_publish,
    form_working_version,
    step_save,
)
from applications.services.cases import applications_tacit_sweep
from core import clock
from core.i18n import text_in
from core.pdf import minimal_pdf
from institutions.models import Department
from procedures.models import Procedure, ProcedureState
from procedures.services import procedure_update


def Q(key: str, kind: str, fr: str, ar: str, en: str, **extra: Any) -> dict[str, Any]:  # noqa: N802
    return {"key": key, "kind": kind, "label_fr": fr, "label_ar": ar, "label_en": en, **extra}


def choices(fr: list[str], ar: list[str], en: list[str]) -> dict[str, str]:
    return {"choices_fr": "\n".join(fr), "choices_ar": "\n".join(ar), "choices_en": "\n".join(en)}


ABOUT = [
    Q("nom", FieldKind.TEXT, "Nom complet", "الاسم الكامل", "Full name", prefill="full_name"),
    Q("telephone", FieldKind.PHONE, "Téléphone", "الهاتف", "Phone", prefill="phone", required=False),
    Q("adresse", FieldKind.ADDRESS, "Adresse", "العنوان", "Address"),
]

# The questions proper to each procedure (step 2); conditions show a question only when it applies.
QUESTIONS: dict[str, list[dict[str, Any]]] = {
    "certificat-de-residence": [
        # Living there since: a day in the past, never in the future.
        Q(
            "depuis",
            FieldKind.DATE,
            "Vous habitez à cette adresse depuis",
            "تسكن في هذا العنوان منذ",
            "Living there since",
            max_value=0,
        ),
        Q(
            "usage",
            FieldKind.CHOICE,
            "Pour quel usage ?",
            "لأي غرض؟",
            "What is it for?",
            **choices(
                ["Administration", "Banque", "Autre"], ["إدارة", "بنك", "غرض آخر"], ["Administration", "Bank", "Other"]
            ),
        ),
        Q(
            "usage-precis",
            FieldKind.TEXT,
            "Précisez l'usage",
            "حدد الغرض",
            "Say what for",
            condition_key="usage",
            condition_value="autre",
        ),
    ],
    "copie-acte-de-naissance": [
        Q(
            "numero-acte",
            FieldKind.TEXT,
            "Numéro de l'acte",
            "رقم الرسم",
            "Record number",
            pattern=r"[0-9]{1,6}",
            help_fr="Jusqu'à 6 chiffres, sur le livret de famille.",
            help_en="Up to 6 digits, in the family book.",
            help_ar="حتى 6 أرقام، في الدفتر العائلي.",
        ),
        Q(
            "annee",
            FieldKind.NUMBER,
            "Année de l'acte",
            "سنة الرسم",
            "Year of the record",
            min_value=1900,
            max_value=2030,
        ),
        Q("copies", FieldKind.NUMBER, "Nombre de copies", "عدد النسخ", "Number of copies", min_value=1, max_value=5),
    ],
    "declaration-de-naissance": [
        Q("enfant", FieldKind.TEXT, "Prénom de l'enfant", "الاسم الشخصي للمولود", "Child's first name"),
        # Declared within 30 days of the birth (law 37-99): the date must fall in that window.
        Q(
            "naissance",
            FieldKind.DATE,
            "Date de naissance",
            "تاريخ الولادة",
            "Date of birth",
            min_value=-30,
            max_value=0,
        ),
        Q("pere", FieldKind.YESNO, "Êtes-vous le père ?", "هل أنت الأب؟", "Are you the father?"),
        Q(
            "lien",
            FieldKind.TEXT,
            "Votre lien avec l'enfant",
            "صلتك بالمولود",
            "Your relation to the child",
            condition_key="pere",
            condition_value="no",
        ),
    ],
    "legalisation-de-signature": [
        Q("pages", FieldKind.NUMBER, "Nombre de pages", "عدد الصفحات", "Number of pages", min_value=1, max_value=50),
    ],
    "permis-de-construire": [
        Q("terrain", FieldKind.ADDRESS, "Adresse du terrain", "عنوان العقار", "Address of the plot"),
        Q(
            "surface",
            FieldKind.NUMBER,
            "Surface construite (m²)",
            "المساحة المبنية (م²)",
            "Floor area (m²)",
            min_value=1,
            max_value=100000,
        ),
        Q(
            "travaux",
            FieldKind.CHOICE,
            "Nature des travaux",
            "نوع الأشغال",
            "Kind of works",
            **choices(
                ["Construction neuve", "Extension", "Surélévation"],
                ["بناء جديد", "توسعة", "تعلية"],
                ["New building", "Extension", "Raising"],
            ),
        ),
        Q(
            "lotissement",
            FieldKind.YESNO,
            "Le terrain est-il dans un lotissement ?",
            "هل العقار داخل تجزئة؟",
            "Is the plot in a housing estate?",
        ),
        Q(
            "lot",
            FieldKind.TEXT,
            "Numéro du lot",
            "رقم البقعة",
            "Lot number",
            condition_key="lotissement",
            condition_value="yes",
        ),
    ],
    "permis-d-habiter": [
        Q("batiment", FieldKind.ADDRESS, "Adresse du bâtiment", "عنوان البناية", "Address of the building"),
        Q(
            "fin",
            FieldKind.DATE,
            "Date de fin des travaux",
            "تاريخ انتهاء الأشغال",
            "Date the works ended",
            max_value=0,  # works that have ended: not a future day
        ),
    ],
    "autorisation-d-exploitation-commerciale": [
        Q("enseigne", FieldKind.TEXT, "Nom commercial", "الاسم التجاري", "Trade name"),
        Q(
            "activite",
            FieldKind.CHOICE,
            "Activité",
            "النشاط",
            "Activity",
            **choices(
                ["Commerce de détail", "Restauration", "Services"],
                ["تجارة بالتقسيط", "مطعمة", "خدمات"],
                ["Retail", "Food service", "Services"],
            ),
        ),
        Q(
            "local",
            FieldKind.NUMBER,
            "Surface du local (m²)",
            "مساحة المحل (م²)",
            "Shop area (m²)",
            min_value=1,
            max_value=10000,
        ),
    ],
    "occupation-temporaire-du-domaine-public": [
        Q("lieu", FieldKind.ADDRESS, "Emplacement", "الموقع", "Place"),
        Q(
            "occupation",
            FieldKind.CHOICE,
            "Type d'occupation",
            "نوع الاستغلال",
            "Kind of use",
            **choices(
                ["Terrasse", "Étalage", "Chantier"],
                ["شرفة مقهى", "عرض السلع", "ورش"],
                ["Café terrace", "Display stand", "Building site"],
            ),
        ),
        # A start from today to a year ahead: the occupation is asked for before it begins.
        Q("debut", FieldKind.DATE, "Date de début", "تاريخ البداية", "Start date", min_value=0, max_value=365),
        Q("jours", FieldKind.NUMBER, "Durée (jours)", "المدة (أيام)", "Duration (days)", min_value=1, max_value=365),
    ],
    "certificat-d-indigence": [
        Q(
            "foyer",
            FieldKind.NUMBER,
            "Personnes dans le foyer",
            "عدد أفراد الأسرة",
            "People in the household",
            min_value=1,
            max_value=30,
        ),
        Q(
            "revenu",
            FieldKind.NUMBER,
            "Revenu mensuel du foyer (MAD)",
            "الدخل الشهري للأسرة (درهم)",
            "Monthly household income (MAD)",
            min_value=0,
            max_value=1000000,
        ),
    ],
    "subvention-aux-associations": [
        Q("projet", FieldKind.TEXT, "Titre du projet", "عنوان المشروع", "Project title"),
        Q(
            "montant",
            FieldKind.NUMBER,
            "Montant demandé (MAD)",
            "المبلغ المطلوب (درهم)",
            "Amount asked (MAD)",
            min_value=1000,
            max_value=2000000,
        ),
        Q("description", FieldKind.TEXTAREA, "Description du projet", "وصف المشروع", "About the project"),
    ],
}

DECISION = {
    "fr": "Vu la demande {reference} déposée par {applicant}, la présente décision accorde : {procedure}.",
    "ar": "بناءً على الطلب {reference} المقدم من طرف {applicant}، يمنح هذا القرار: {procedure}.",
    "en": "Having examined application {reference} filed by {applicant}, this decision grants: {procedure}.",
}
SIGNATORY = {
    "commune-rabat": "Le Président du Conseil communal",
    "region-rabat-sale-kenitra": "Le Président du Conseil régional",
}


def _form(procedure: Procedure, admin: User) -> None:
    if procedure.form_versions.filter(published_at__isnull=False).exists():
        return
    department = Department.objects.filter(institution=procedure.institution).order_by("name_fr").first()
    procedure_update(
        actor=admin,
        procedure=procedure,
        values={
            "decision_fr": DECISION["fr"],
            "decision_ar": DECISION["ar"],
            "decision_en": DECISION["en"],
            "signatory": SIGNATORY.get(procedure.institution.slug, "") if procedure.institution else "",
            "department": department,
        },
    )
    form = form_working_version(actor=admin, procedure=procedure)
    steps = [
        ({"title_fr": "Vous", "title_ar": "معلوماتك", "title_en": "About you"}, ABOUT),
        (
            {"title_fr": "Votre demande", "title_ar": "طلبك", "title_en": "Your request"},
            QUESTIONS.get(procedure.slug, []),
        ),
        (
            {"title_fr": "Documents", "title_ar": "الوثائق", "title_en": "Documents"},
            [
                Q(
                    f"doc-{d.pk}",
                    FieldKind.FILE,
                    *(
                        text_in(d, "name", code) for code in ("fr", "ar", "en")
                    ),  # Q(key, kind, fr, ar, en): the demo's own order
                    required=d.required,
                    document=d,
                )
                for d in procedure.documents.all()
            ],
        ),
    ]
    for position, (titles, questions) in enumerate(steps, start=1):
        if not questions:
            continue
        step = step_save(actor=admin, procedure=procedure, form=form, data={**titles, "position": position})
        for index, question in enumerate(questions, start=1):
            data = {"required": True, "position": index, **question}
            field_save(actor=admin, procedure=procedure, form=form, step=step, data=data)
    form_publish(actor=admin, procedure=procedure, form=form)


SAMPLE_ANSWERS = {
    FieldKind.TEXT: "Exemple",
    FieldKind.TEXTAREA: "Un projet de quartier pour les jeunes.",
    FieldKind.ADDRESS: "12 rue Oued Sebou, Agdal, Rabat",
    FieldKind.PHONE: "+212 6 12 34 56 78",
    FieldKind.EMAIL: "demo@example.org",
    FieldKind.YESNO: "yes",
}


def _sample_day(field: FormField) -> date:
    """About 400 days ago, moved inside the question's range of days when it has one."""
    offset = -400
    if field.min_value is not None:
        offset = max(offset, int(field.min_value))
    if field.max_value is not None:
        offset = min(offset, int(field.max_value))
    return clock.today() + timedelta(days=offset)


def _fill(application: Application, applicant: User) -> None:
    """Answer every question, with sample values and small PDFs (answers that do not apply are dropped on sending)."""
    fields = form_fields(application)
    by_step: dict[int, list[FormField]] = {}
    for f in fields:
        by_step.setdefault(f.step_id, []).append(f)
    for step_fields in by_step.values():
        answers: dict[str, Any] = {}
        for f in step_fields:
            if f.kind == FieldKind.FILE:
                upload = SimpleUploadedFile(
                    f"{f.key}.pdf", minimal_pdf(text_in(f, "label", "fr")), content_type="application/pdf"
                )
                draft_attach(actor=applicant, application=application, field=f, upload=upload)
            elif f.kind == FieldKind.NUMBER:
                answers[f.key] = str(int(f.min_value or 1))
            elif f.kind == FieldKind.DATE:
                answers[f.key] = _sample_day(f).isoformat()
            elif f.kind in (FieldKind.CHOICE, FieldKind.MULTIPLE):
                first = f.options()[0][0]
                answers[f.key] = [first] if f.kind == FieldKind.MULTIPLE else first
            elif f.prefill == "full_name":
                answers[f.key] = applicant.full_name
            else:
                answers[f.key] = SAMPLE_ANSWERS.get(FieldKind(f.kind), "Exemple")
        draft_save(actor=applicant, application=application, step=step_fields[0].step, answers=answers, done=True)


# (citizen number, procedure slug, days ago filed, what happened) — one application per state.
STORIES = [
    (1, "certificat-de-residence", None, "draft"),
    (2, "copie-acte-de-naissance", 0, "submitted"),
    (3, "legalisation-de-signature", 1, "in_review"),
    (4, "permis-de-construire", 12, "awaiting_documents"),
    (5, "certificat-de-residence", 20, "accepted"),
    (6, "copie-acte-de-naissance", 25, "accepted"),
    (7, "occupation-temporaire-du-domaine-public", 40, "refused"),
    (8, "certificat-d-indigence", 30, "closed"),
    (9, "permis-de-construire", 60, "tacitly_accepted"),
    (10, "permis-d-habiter", 90, "completed_then_accepted"),
]


def _story(citizen: User, procedure: Procedure, days_ago: int | None, plot: str, officer: User) -> None:
    if Application.objects.filter(applicant=citizen, procedure=procedure).exists():
        return
    today = clock.today()
    filed = today - timedelta(days=days_ago or 0)
    with clock.travel_to(filed):
        application, _created = application_start(actor=citizen, procedure=procedure)
        _fill(application, citizen)
        if plot == "draft":
            return
        application_submit(actor=citizen, application=application)
    if plot == "submitted":
        return
    with clock.travel_to(filed + timedelta(days=1) if days_ago else filed):
        case_take(actor=officer, application=application)
        if plot in ("in_review",):
            case_note(actor=officer, application=application, note="Dossier complet à première vue.")
            return
        if plot in ("awaiting_documents", "completed_then_accepted"):
            document = procedure.documents.order_by("-position", "-pk").first()
            case_request_documents(
                actor=officer,
                application=application,
                documents=[document] if document else [],
                message="Le document joint est illisible : merci d'en envoyer une copie nette.",
            )
            if plot == "awaiting_documents":
                return
    if plot == "completed_then_accepted":
        with clock.travel_to(filed + timedelta(days=5)):
            upload = SimpleUploadedFile("copie.pdf", minimal_pdf("Copie nette"), content_type="application/pdf")
            application.refresh_from_db()
            case_complete(actor=citizen, application=application, uploads={application.missing_documents[0]: upload})
    decided = filed + timedelta(days=max(1, (days_ago or 2) // 3))
    with clock.travel_to(decided):
        application.refresh_from_db()
        if plot in ("accepted", "completed_then_accepted"):
            case_message(actor=officer, application=application, message="Votre dossier est complet.")
            case_accept(actor=officer, application=application)
        elif plot == "refused":
            case_refuse(
                actor=officer,
                application=application,
                motivation="L'emplacement demandé gêne le passage des piétons sur un trottoir de moins de 2 mètres.",
                appeal_route="Recours gracieux auprès du Président du Conseil communal dans les 30 jours, puis "
                "recours devant le tribunal administratif de Rabat.",
            )
        elif plot == "closed":
            case_close(actor=officer, application=application, reason="Le demandeur a renoncé par téléphone.")
    # tacitly_accepted: left in review; the sweep below finds the deadline passed.


def seed_applications(stdout: Any) -> None:
    procedures = (
        Procedure.objects.filter(state=ProcedureState.PUBLISHED, institution__isnull=False)
        .exclude(channel="office")
        .select_related("institution")
    )
    admins = {
        "commune-rabat": User.objects.get(email="admin.rabat@demo.citizen-office.ma"),
        "region-rabat-sale-kenitra": User.objects.get(email="admin.region@demo.citizen-office.ma"),
    }
    forms = 0
    for procedure in procedures:
        admin = admins.get(procedure.institution.slug) if procedure.institution else None
        if admin is not None:
            before = procedure.form_versions.exists()
            _form(procedure, admin)
            forms += 0 if before else 1
    officer = User.objects.get(email="officer.rabat@demo.citizen-office.ma")
    own = {p.slug: p for p in procedures if p.institution and p.institution.slug == "commune-rabat"}
    for number, slug, days_ago, plot in STORIES:
        citizen = User.objects.filter(email=f"citizen{number}@demo.citizen-office.ma").first()
        if citizen is None or slug not in own:
            continue
        _story(citizen, own[slug], days_ago, plot, officer)
    tacit = applications_tacit_sweep()
    states = {s: Application.objects.filter(state=s).count() for s in ApplicationState.values}
    stdout.write(f"Applications demo data: {forms} forms published, applications by state {states}, {tacit} tacit.\n")
