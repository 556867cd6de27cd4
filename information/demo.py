"""Demo data for access to information: publications in every category, about thirty requests in
every state (some overdue, some extended, one transferred, complaints to the head). Idempotent.

Every request goes through the services with the clock moved back (core.clock.travel_to), so
the timelines, due dates, notifications and audit trail are exactly what real use produces.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile

from accounts.models import User
from core import clock
from core.pdf import minimal_pdf
from information import services
from information.demo_publications import PUBLICATIONS
from information.models import Category, InformationRequest, Publication
from institutions.models import Institution

DEMO_DOMAIN = "@demo.citizen-office.ma"


def _file(name: str, content: bytes) -> ContentFile:
    return ContentFile(content, name=name)


# (days ago, citizen number, institution slug, subject, scenario, public)
REQUESTS: list[tuple[int, int, str, str, str, bool]] = [
    (1, 1, "commune-rabat", "Contrat d'entretien de l'éclairage public", "submitted", True),
    (2, 2, "commune-rabat", "Procès-verbaux du conseil de mars 2026", "submitted", True),
    (3, 3, "region-rabat-sale-kenitra", "Études d'impact du tramway Rabat-Salé", "submitted", True),
    (4, 4, "chef-du-gouvernement", "Suites données à la pétition sur les bibliothèques", "submitted", False),
    (6, 5, "commune-rabat", "Liste des marchés de voirie 2025", "in_progress", True),
    (8, 6, "region-rabat-sale-kenitra", "Subventions aux associations sportives 2025", "in_progress", True),
    (9, 7, "commune-rabat", "Plan de gestion des déchets ménagers", "in_progress", True),
    (10, 8, "chef-du-gouvernement", "Rapport annuel de la commission des pétitions", "in_progress", True),
    (7, 9, "commune-rabat", "Horaires et effectifs de la police administrative", "clarification", True),
    (12, 10, "region-rabat-sale-kenitra", "Contrats de transport scolaire", "clarification", True),
    (15, 11, "commune-rabat", "Autorisations de construire délivrées à Hay Riad", "clarification", False),
    (27, 12, "commune-rabat", "Analyse de la qualité de l'eau des fontaines publiques", "extended", True),
    (26, 13, "region-rabat-sale-kenitra", "Dépenses de communication 2024-2025", "extended", True),
    (30, 14, "chef-du-gouvernement", "Études préalables à la réforme des pétitions", "extended", True),
    (36, 15, "commune-rabat", "Recettes des parkings municipaux", "overdue", True),
    (40, 16, "region-rabat-sale-kenitra", "Budget du festival régional", "overdue", True),
    (75, 17, "commune-rabat", "Inventaire des espaces verts", "overdue", True),
    (2, 18, "commune-rabat", "Rapport sur l'effondrement d'un immeuble ancien", "urgent", True),
    (20, 19, "commune-rabat", "Budget communal 2026 détaillé", "full", True),
    (22, 20, "region-rabat-sale-kenitra", "Liste des projets financés par le FDR", "full", True),
    (25, 1, "chef-du-gouvernement", "Nombre de pétitions reçues en 2025", "full", True),
    (18, 2, "commune-rabat", "Coût des illuminations du Ramadan", "full", False),
    (24, 3, "commune-rabat", "Contrat de délégation du transport urbain", "partial", True),
    (28, 4, "region-rabat-sale-kenitra", "Rémunérations des cabinets de conseil", "partial", True),
    (21, 5, "commune-rabat", "Dossiers médicaux du personnel communal", "refused", True),
    (23, 6, "region-rabat-sale-kenitra", "Délibérations préparatoires du comité de sécurité", "refused", True),
    (19, 7, "commune-rabat", "Cadastre des années 1950", "not_held", True),
    (45, 8, "commune-rabat", "Rapport d'audit des marchés 2023", "closed", True),
    (50, 9, "region-rabat-sale-kenitra", "Plan régional de l'eau", "closed", True),
    (5, 10, "commune-rabat", "Stationnement des taxis", "withdrawn", True),
    (14, 11, "commune-rabat", "Contrat de maintenance du tramway", "transferred", True),
    (35, 12, "commune-rabat", "Indemnités des élus 2025", "complaint_answered", True),
    (30, 13, "commune-rabat", "Procès-verbaux de la commission des permis", "complaint_pending", True),
]

SHORT = {"commune-rabat": "rabat", "region-rabat-sale-kenitra": "region", "chef-du-gouvernement": "cdg"}


def _seed_publications(institutions: dict[str, Institution], officers: dict[str, User], today: date) -> int:
    """What each institution would publish itself, each title and summary in the three languages."""
    created = 0
    categories = {c.slug: c for c in Category.objects.all()}
    for slug, entries in PUBLICATIONS.items():
        for n, (category_slug, language, tags, texts) in enumerate(entries):
            published_on = today - timedelta(days=23 * n + 3)
            title = texts[language][0]
            files = [_file(f"{category_slug}-{n + 1}.pdf", minimal_pdf(title))]
            if category_slug in ("budget", "reports-statistics"):
                csv = b"poste;montant\nfonctionnement;1200000\ninvestissement;800000\n"
                files.append(_file(f"{category_slug}-{n + 1}.csv", csv))
            with clock.travel_to(published_on):
                services.publication_create(
                    actor=officers[slug],
                    institution=institutions[slug],
                    category=categories[category_slug],
                    language=language,
                    published_on=published_on,
                    texts={
                        f"{part}_{code}": text[i]
                        for code, text in texts.items()
                        for i, part in enumerate(("title", "summary"))
                    },
                    tags=tags,
                    files=files,
                )
            created += 1
    return created


def _walk(
    request: InformationRequest, scenario: str, filed: date, officer: User, head: User, other: Institution
) -> None:
    """Move a filed request through the steps of its scenario, each on a plausible day."""

    def on(days: int) -> Any:
        return clock.travel_to(filed + timedelta(days=days))

    if scenario in ("submitted", "overdue", "urgent", "withdrawn"):
        if scenario == "withdrawn":
            with on(1):
                services.request_withdraw(actor=request.requester, request=request)
        return
    with on(1):
        services.request_assign(actor=officer, request=request, assignee=officer)
    if scenario in ("in_progress", "clarification", "transferred", "extended"):
        _keep_open(request, scenario, officer=officer, other=other, on=on)
        return
    _answer(request, scenario, officer=officer, on=on)
    if scenario == "closed":
        with on(20):
            services.request_close(actor=officer, request=request)
    if scenario.startswith("complaint"):
        _complain(request, scenario, head=head, on=on)


def _keep_open(
    request: InformationRequest, scenario: str, *, officer: User, other: Institution, on: Callable[[int], Any]
) -> None:
    """An assigned request still being worked on: asked to clarify, sent to its holder, or given more time."""
    if scenario == "clarification":
        with on(3):
            services.request_clarify(
                actor=officer, request=request, question="Pouvez-vous préciser la période et le quartier concernés ?"
            )
    elif scenario == "transferred":
        with on(2):
            services.request_transfer(
                actor=officer,
                request=request,
                to=other,
                reason="Le contrat est géré par la Région, qui détient l'information.",
            )
    elif scenario == "extended":
        with on(14):
            services.request_extend(
                actor=officer,
                request=request,
                reason="Les documents sont archivés dans deux services et doivent être réunis ; "
                "un tiers concerné doit être consulté.",
            )


ANSWERS = {
    "full": "Vous trouverez ci-joint les documents demandés.",
    "partial": "Nous joignons les documents ; les montants relevant du secret des affaires sont occultés.",
    "refused": "Ces documents ne peuvent être communiqués : ils contiennent des données personnelles de tiers.",
    "not_held": "La commune ne détient pas ces archives antérieures à sa création.",
}


def _answer(request: InformationRequest, scenario: str, *, officer: User, on: Callable[[int], Any]) -> None:
    """The institution's answer: the documents, part of them, a refusal on a legal ground, or "not held"."""
    outcome = {"complaint_answered": "refused", "complaint_pending": "partial", "closed": "full"}.get(
        scenario, scenario
    )
    grounds = {"partial": "economy", "refused": "privacy"}
    if request.institution.slug == "region-rabat-sale-kenitra" and outcome == "refused":
        grounds["refused"] = "deliberations"
    with on(12 if scenario != "not_held" else 9):
        services.request_answer(
            actor=officer,
            request=request,
            outcome=outcome,
            text=ANSWERS[outcome],
            refusal_ground=grounds.get(outcome, ""),
            suggested_holder="Archives du Maroc" if outcome == "not_held" else "",
            files=[_file("reponse.pdf", minimal_pdf(request.subject))] if outcome in ("full", "partial") else [],
            publish_files=outcome == "full",
        )


def _complain(request: InformationRequest, scenario: str, *, head: User, on: Callable[[int], Any]) -> None:
    """The applicant complains to the head of the institution, who answers in the "answered" scenario."""
    with on(15):
        complaint = services.complaint_file(
            actor=request.requester,
            request=request,
            body="Ces montants relèvent de l'argent public ; je demande leur communication intégrale.",
        )
    if scenario == "complaint_answered":
        with on(22):
            services.complaint_answer(
                actor=head,
                complaint=complaint,
                decision="partly_upheld",
                text="Les indemnités globales seront communiquées ; le détail individuel reste protégé.",
            )


def seed_information(stdout: Any) -> None:
    if InformationRequest.objects.filter(requester__email__endswith=DEMO_DOMAIN).exists():
        stdout.write("Information demo data already there.\n")
        return
    today = clock.today()
    institutions = {i.slug: i for i in Institution.objects.filter(slug__in=SHORT)}
    officers = {slug: User.objects.get(email=f"info.{short}{DEMO_DOMAIN}") for slug, short in SHORT.items()}
    heads = {slug: User.objects.get(email=f"mayor.{short}{DEMO_DOMAIN}") for slug, short in SHORT.items()}
    publications = 0
    if not Publication.objects.filter(institution__in=institutions.values()).exists():
        publications = _seed_publications(institutions, officers, today)
    for days_ago, citizen_number, slug, subject, scenario, public in REQUESTS:
        filed = today - timedelta(days=days_ago)
        citizen = User.objects.get(email=f"citizen{citizen_number}{DEMO_DOMAIN}")
        with clock.travel_to(filed):
            request, _created = services.request_submit(
                actor=citizen,
                institution=institutions[slug],
                subject=subject,
                body=(
                    f"Bonjour, en application de la loi 31-13, je souhaite obtenir : {subject.lower()}. "
                    f"Je suis {citizen.full_name} et vous pouvez me joindre à {citizen.email}. Merci."
                ),
                delivery_format="electronic",
                urgent=scenario == "urgent",
                urgency_reason="Des familles vivent encore dans l'immeuble voisin." if scenario == "urgent" else "",
                is_public=public,
            )
        other = institutions["region-rabat-sale-kenitra"]
        _walk(request, scenario, filed, officers[slug], heads[slug], other)
    # People who follow and want the same answers.
    readers = list(User.objects.filter(email__startswith="citizen", email__endswith=DEMO_DOMAIN)[:6])
    for request in InformationRequest.objects.filter(is_public=True).order_by("pk")[:5]:
        for reader in readers:
            if reader.pk != request.requester_id:
                services.request_follow(actor=reader, request=request, wants=reader.pk % 2 == 0)
    stdout.write(f"Information demo data: {publications} publications, {len(REQUESTS)} requests.\n")
