"""The demo offices' counters and services, in four languages, and how people use them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from frontdesk.demo.simulation import Profile
from frontdesk.models import Outcome, ServiceKind

DOMAIN = "demo.citizen-office.ma"
INFO, REQUEST, APPLICATION, COMPLAINT, REDIRECTED = (
    Outcome.INFORMATION_GIVEN,
    Outcome.REQUEST_FILED,
    Outcome.APPLICATION_FILED,
    Outcome.COMPLAINT_FILED,
    Outcome.REDIRECTED,
)


@dataclass(frozen=True)
class ServiceSpec:
    prefix: str
    kind: str
    names: dict[str, str]  # fr, ar, en, zgh (the Amazigh names are drafts for a translator to check)
    minutes: int
    counters: tuple[int, ...]
    profile: Profile
    procedure: str = ""  # a procedure of the office's institution, by slug, when the service is for one
    appointments: bool = False
    per_slot: int = 1


@dataclass(frozen=True)
class OfficeSpec:
    slug: str
    short: str  # the demo staff's suffix: agent.rabat, admin.rabat
    counters: int
    walk_ins: int  # on an ordinary Tuesday
    agents: tuple[str, ...]  # the names of the agents at counters 2, 3…; counter 1 is agent.<short>'s
    services: tuple[ServiceSpec, ...] = field(default=())


def _names(fr: str, ar: str, en: str, zgh: str) -> dict[str, str]:
    return {"fr": fr, "ar": ar, "en": en, "zgh": zgh}


GUIDANCE = _names(
    "Accueil, information et orientation",
    "الاستقبال والإرشاد والتوجيه",
    "Information and guidance",
    "ⵜⵉⵏⵖⵎⵉⵙⵉⵏ ⴷ ⵓⵙⵏⵀⵍ",
)

OFFICES = (
    OfficeSpec(
        slug="bureau-citoyen-rabat-hotel-de-ville",
        short="rabat",
        counters=4,
        walk_ins=115,
        agents=("Karima Ouali", "Yassine Boukili", "Sanae El Amrani"),
        services=(
            ServiceSpec(
                "A",
                ServiceKind.CIVIL_STATUS,
                _names("État civil", "الحالة المدنية", "Civil status", "ⴰⴷⴷⴰⴷ ⴰⵖⵔⵎⴰⵏ"),
                6,
                (1, 2),
                Profile(0.40, outcomes=((APPLICATION, 70), (INFO, 25), (REDIRECTED, 5))),
            ),
            ServiceSpec(
                "L",
                ServiceKind.PROCEDURE,
                _names(
                    "Légalisation de signature et copies conformes",
                    "تصحيح الإمضاء ومطابقة النسخ لأصولها",
                    "Signature certification and certified copies",
                    "ⴰⵙⵙⵏⵜⵎ ⵏ ⵓⵙⴳⵎⴹ ⴷ ⵜⵏⵖⵍⵉⵡⵉⵏ",
                ),
                4,
                (2, 3),
                Profile(0.30, outcomes=((APPLICATION, 88), (INFO, 7), (REDIRECTED, 5))),
                procedure="legalisation-de-signature",
            ),
            ServiceSpec(
                "I",
                ServiceKind.INFORMATION,
                GUIDANCE,
                5,
                (1, 3, 4),
                Profile(0.14, outcomes=((INFO, 75), (REDIRECTED, 15), (REQUEST, 5), (COMPLAINT, 5)), transfer_to="R"),
            ),
            ServiceSpec(
                "U",
                ServiceKind.PROCEDURE,
                _names(
                    "Urbanisme : permis de construire et d'habiter",
                    "التعمير: رخص البناء والسكن",
                    "Urban planning: building and occupancy permits",
                    "ⴰⵙⵖⵔⵎ: ⵜⵓⵔⴰⴳⵉⵏ ⵏ ⵓⵙⴽⵓ ⴷ ⵓⵣⴷⴰⵖ",
                ),
                18,
                (4,),
                Profile(0.06, booked_per_day=3, outcomes=((APPLICATION, 55), (INFO, 40), (REDIRECTED, 5))),
                procedure="permis-de-construire",
                appointments=True,
            ),
            ServiceSpec(
                "R",
                ServiceKind.COMPLAINTS,
                _names("Réclamations", "الشكايات", "Complaints", "ⵜⵉⵛⴽⵉⵡⵉⵏ"),
                12,
                (3, 4),
                Profile(0.08, booked_per_day=2, outcomes=((COMPLAINT, 70), (INFO, 25), (REDIRECTED, 5))),
                appointments=True,
                per_slot=2,
            ),
        ),
    ),
    OfficeSpec(
        slug="bureau-citoyen-region-rsk",
        short="region",
        counters=3,
        walk_ins=55,
        agents=("Abdellah Rami", "Nawal Benkirane"),
        services=(
            ServiceSpec(
                "I",
                ServiceKind.INFORMATION,
                GUIDANCE,
                6,
                (1, 2),
                Profile(0.50, outcomes=((INFO, 80), (REDIRECTED, 15), (REQUEST, 5)), transfer_to="D"),
            ),
            ServiceSpec(
                "D",
                ServiceKind.ACCESS_TO_INFORMATION,
                _names(
                    "Demandes d'accès à l'information",
                    "طلبات الحصول على المعلومات",
                    "Access to information requests",
                    "ⵜⵓⵜⵔⵉⵡⵉⵏ ⵏ ⵓⴷⴰⴼ ⵖⵔ ⵜⵏⵖⵎⵉⵙⵉⵏ",
                ),
                10,
                (2, 3),
                Profile(0.15, booked_per_day=2, outcomes=((REQUEST, 60), (INFO, 35), (REDIRECTED, 5))),
                appointments=True,
            ),
            ServiceSpec(
                "E",
                ServiceKind.PROCEDURE,
                _names(
                    "Investissement et autorisations commerciales",
                    "الاستثمار والرخص التجارية",
                    "Investment and business permits",
                    "ⴰⵙⵎⵔⵙ ⴷ ⵜⵓⵔⴰⴳⵉⵏ ⵏ ⵜⵙⴱⴱⴰⴱⵜ",
                ),
                20,
                (3,),
                Profile(0.12, booked_per_day=3, outcomes=((APPLICATION, 50), (INFO, 45), (REDIRECTED, 5))),
                procedure="autorisation-d-exploitation-commerciale",
                appointments=True,
            ),
            ServiceSpec(
                "S",
                ServiceKind.PROCEDURE,
                _names("Subventions aux associations", "دعم الجمعيات", "Grants to associations", "ⵜⵉⵡⵉⵙⵉ ⵉ ⵜⵎⵓⵏⴰ"),
                15,
                (2, 3),
                Profile(0.18, booked_per_day=2, outcomes=((APPLICATION, 65), (INFO, 30), (REDIRECTED, 5))),
                procedure="subvention-aux-associations",
                appointments=True,
            ),
        ),
    ),
)

# People who call the office to book (an agent books for them): fictional names and numbers.
CALLERS = (
    ("Mohamed Lazrak", "ar"),
    ("Aicha Bouzidi", "ar"),
    ("Hassan Ait Ouahmane", "zgh"),
    ("Malika Tahiri", "fr"),
    ("Abdelkader Semlali", "ar"),
    ("Touria Lamrani", "fr"),
    ("Lahcen Oubella", "zgh"),
    ("Zahra Mouline", "ar"),
    ("Jamila Rifi", "fr"),
    ("Said Bennis", "ar"),
    ("Claire Martin", "en"),
    ("Mbarek Id Belkacem", "zgh"),
)
DEFAULT_HOURS = ((time(8, 30), time(16, 30)),)
