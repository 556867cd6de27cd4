"""Demo publications: what each demo institution would publish itself (law 31-13, art. 10), each title and
summary in Arabic, French and English; the document's own language is the one institutions of its kind use."""

from __future__ import annotations

# (category slug, language of the document, tags, {language: (title, summary)})
Texts = dict[str, tuple[str, str]]
Entry = tuple[str, str, str, Texts]

COMMUNE: list[Entry] = [
    (
        "laws-regulations",
        "fr",
        "voirie, occupation",
        {
            "fr": ("Arrêté municipal sur l'occupation du domaine public", "Règles et redevances d'occupation."),
            "ar": ("قرار جماعي بشأن احتلال الملك العمومي", "قواعد احتلال الملك العمومي والإتاوات المستحقة."),
            "en": ("Municipal order on the use of public space", "Rules and fees for occupying public space."),
        },
    ),
    (
        "conventions",
        "fr",
        "éclairage",
        {
            "fr": ("Convention de partenariat pour l'éclairage public", "Convention avec le délégataire."),
            "ar": ("اتفاقية شراكة بشأن الإنارة العمومية", "الاتفاقية المبرمة مع المفوض إليه."),
            "en": ("Partnership agreement for street lighting", "The agreement with the contractor."),
        },
    ),
    (
        "budget",
        "fr",
        "budget, finances",
        {
            "fr": ("Budget communal 2026", "Budget adopté par le conseil communal, recettes et dépenses."),
            "ar": ("الميزانية الجماعية 2026", "الميزانية التي صادق عليها المجلس الجماعي، المداخيل والنفقات."),
            "en": ("Municipal budget 2026", "The budget adopted by the municipal council, revenue and spending."),
        },
    ),
    (
        "budget",
        "ar",
        "ميزانية, budget",
        {
            "ar": ("الحساب الإداري للجماعة 2025", "تنفيذ ميزانية الجماعة برسم سنة 2025."),
            "fr": ("Compte administratif de la commune 2025", "Exécution du budget communal de 2025."),
            "en": ("Municipal accounts 2025", "How the 2025 municipal budget was spent."),
        },
    ),
    (
        "missions-structure",
        "fr",
        "organisation",
        {
            "fr": ("Organigramme des services communaux", "Directions, services et responsables."),
            "ar": ("الهيكل التنظيمي للمصالح الجماعية", "المديريات والمصالح والمسؤولون عنها."),
            "en": ("Organisation chart of the municipal services", "Departments, services and who heads them."),
        },
    ),
    (
        "procedures-forms",
        "fr",
        "état civil",
        {
            "fr": ("Guide des procédures d'état civil", "Pièces à fournir et délais."),
            "ar": ("دليل مساطر الحالة المدنية", "الوثائق المطلوبة والآجال."),
            "en": ("Guide to civil-status procedures", "Documents to bring and time limits."),
        },
    ),
    (
        "tenders",
        "fr",
        "marchés, éclairage",
        {
            "fr": ("Résultats de l'appel d'offres 12/2026 : éclairage public", "Attributaire et montant."),
            "ar": ("نتائج طلب العروض 12/2026: الإنارة العمومية", "نائل الصفقة ومبلغها."),
            "en": ("Results of tender 12/2026: street lighting", "Who won the contract, and for how much."),
        },
    ),
    (
        "exams",
        "fr",
        "recrutement",
        {
            "fr": ("Résultats du concours de techniciens 2026", "Liste des candidats admis."),
            "ar": ("نتائج مباراة توظيف التقنيين 2026", "لائحة المترشحين الناجحين."),
            "en": ("Results of the 2026 technicians' recruitment exam", "The list of successful candidates."),
        },
    ),
    (
        "reports-statistics",
        "fr",
        "rapport",
        {
            "fr": ("Rapport d'activité 2025", "Activité des services et indicateurs."),
            "ar": ("تقرير الأنشطة 2025", "أنشطة المصالح ومؤشراتها."),
            "en": ("Activity report 2025", "What the services did, with indicators."),
        },
    ),
    (
        "programmes",
        "fr",
        "PAC",
        {
            "fr": ("Programme d'action communal 2022-2027", "Projets prioritaires et financement."),
            "ar": ("برنامج عمل الجماعة 2022-2027", "المشاريع ذات الأولوية وتمويلها."),
            "en": ("Municipal action programme 2022-2027", "Priority projects and how they are funded."),
        },
    ),
    (
        "contacts",
        "fr",
        "contact",
        {
            "fr": ("Responsable de l'accès à l'information", "Nom, adresse et horaires."),
            "ar": ("الشخص المكلف بالحق في الحصول على المعلومات", "الاسم والعنوان وأوقات الاستقبال."),
            "en": ("Access-to-information officer", "Name, address and opening hours."),
        },
    ),
]

REGION: list[Entry] = [
    (
        "laws-regulations",
        "ar",
        "تنظيم, règlement",
        {
            "ar": ("النظام الداخلي لمجلس الجهة", "قواعد سير دورات المجلس ولجانه."),
            "fr": ("Règlement intérieur du conseil régional", "Fonctionnement des sessions et des commissions."),
            "en": ("Rules of procedure of the regional council", "How the council's sessions and committees work."),
        },
    ),
    (
        "conventions",
        "fr",
        "transport",
        {
            "fr": ("Convention de financement du transport scolaire rural", "Partenaires et contributions."),
            "ar": ("اتفاقية تمويل النقل المدرسي بالعالم القروي", "الشركاء ومساهماتهم."),
            "en": ("Funding agreement for rural school transport", "The partners and what each contributes."),
        },
    ),
    (
        "budget",
        "fr",
        "budget, finances",
        {
            "fr": ("Budget de la région 2026", "Budget adopté par le conseil régional."),
            "ar": ("ميزانية الجهة 2026", "الميزانية التي صادق عليها مجلس الجهة."),
            "en": ("Regional budget 2026", "The budget adopted by the regional council."),
        },
    ),
    (
        "missions-structure",
        "fr",
        "organisation",
        {
            "fr": ("Organigramme de l'administration régionale", "Directions et agences de la région."),
            "ar": ("الهيكل التنظيمي لإدارة الجهة", "مديريات الجهة ووكالاتها."),
            "en": ("Organisation chart of the regional administration", "The region's departments and agencies."),
        },
    ),
    (
        "procedures-forms",
        "fr",
        "subventions, associations",
        {
            "fr": ("Guide des subventions aux associations", "Conditions, dossier et calendrier."),
            "ar": ("دليل منح الدعم للجمعيات", "الشروط والملف والجدولة الزمنية."),
            "en": ("Guide to grants for associations", "Conditions, application file and calendar."),
        },
    ),
    (
        "tenders",
        "fr",
        "marchés, routes",
        {
            "fr": ("Résultats de l'appel d'offres 04/2026 : routes rurales", "Attributaires et montants."),
            "ar": ("نتائج طلب العروض 04/2026: الطرق القروية", "نائلو الصفقات ومبالغها."),
            "en": ("Results of tender 04/2026: rural roads", "Who won the contracts, and for how much."),
        },
    ),
    (
        "exams",
        "fr",
        "recrutement",
        {
            "fr": ("Résultats du concours d'ingénieurs 2026", "Liste des candidats admis."),
            "ar": ("نتائج مباراة توظيف المهندسين 2026", "لائحة المترشحين الناجحين."),
            "en": ("Results of the 2026 engineers' recruitment exam", "The list of successful candidates."),
        },
    ),
    (
        "reports-statistics",
        "fr",
        "rapport, statistiques",
        {
            "fr": ("Rapport annuel sur l'accès à l'information 2025", "Demandes reçues et réponses données."),
            "ar": ("التقرير السنوي حول الحق في الحصول على المعلومات 2025", "الطلبات المتوصل بها والأجوبة المقدمة."),
            "en": ("Annual access-to-information report 2025", "Requests received and answers given."),
        },
    ),
    (
        "programmes",
        "fr",
        "PDR",
        {
            "fr": ("Programme de développement régional 2022-2027", "Axes, projets et financement."),
            "ar": ("برنامج التنمية الجهوية 2022-2027", "المحاور والمشاريع والتمويل."),
            "en": ("Regional development programme 2022-2027", "Priorities, projects and funding."),
        },
    ),
    (
        "contacts",
        "fr",
        "contact",
        {
            "fr": ("Responsable de l'accès à l'information de la région", "Nom, adresse et horaires."),
            "ar": ("الشخص المكلف بالحق في الحصول على المعلومات بالجهة", "الاسم والعنوان وأوقات الاستقبال."),
            "en": ("The region's access-to-information officer", "Name, address and opening hours."),
        },
    ),
]

# The Head of Government's office publishes national texts and reports, and leaves gaps on purpose
# (its publication scheme shows what is missing).
HEAD_OF_GOVERNMENT: list[Entry] = [
    (
        "laws-regulations",
        "ar",
        "عرائض, pétitions",
        {
            "ar": ("القانون التنظيمي 44.14 المتعلق بالعرائض", "شروط وكيفيات تقديم العرائض إلى السلطات العمومية."),
            "fr": (
                "Loi organique 44-14 relative aux pétitions",
                "Conditions et modalités des pétitions aux pouvoirs publics.",
            ),
            "en": ("Organic law 44-14 on petitions", "How petitions are submitted to the public authorities."),
        },
    ),
    (
        "reports-statistics",
        "fr",
        "pétitions, rapport",
        {
            "fr": ("Rapport annuel de la commission des pétitions 2025", "Pétitions reçues et suites données."),
            "ar": ("التقرير السنوي للجنة العرائض 2025", "العرائض المتوصل بها والتتبع المخصص لها."),
            "en": ("Annual report of the petitions committee 2025", "Petitions received and what followed."),
        },
    ),
    (
        "contacts",
        "fr",
        "contact",
        {
            "fr": ("Responsable de l'accès à l'information du Chef du gouvernement", "Adresse et horaires."),
            "ar": ("الشخص المكلف بالحق في الحصول على المعلومات برئاسة الحكومة", "العنوان وأوقات الاستقبال."),
            "en": ("Access-to-information officer of the Head of Government", "Address and opening hours."),
        },
    ),
]

PUBLICATIONS: dict[str, list[Entry]] = {
    "commune-rabat": COMMUNE,
    "region-rabat-sale-kenitra": REGION,
    "chef-du-gouvernement": HEAD_OF_GOVERNMENT,
}
