"""Other people's identifiers never reach a public page, wherever they are written in a request."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core import clock
from information import services
from information.models import InformationRequest, RequestEvent
from information.tests.factories import InformationRequestFactory, officer
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

RIB = "011 780 0000123456789012 34"
OTHERS = {
    "phone": "+212 6 61 23 45 67",
    "phone_arabic": "٠٧١٢٣٤٥٦٧٨",
    "card": "BK 654321",
    "email": "voisin.x@mail.ma",
    "rib": RIB,
}
FRAGMENTS = ["61 23 45 67", "٠٧١٢٣٤٥٦٧٨", "654321", "voisin.x", "0000123456789012"]


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="RABAT", slug="commune-rabat-test")


@pytest.fixture
def citizen():
    return UserFactory(verified=True, full_name="Amina Alaoui", phone="0612345678")


def test_other_peoples_identifiers_are_masked_on_every_public_text_of_a_request(client, citizen, commune):
    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen,
        institution=commune,
        subject=f"Permis de M. X, CIN {OTHERS['card']}",
        body=(
            f"Le voisin (tél. {OTHERS['phone']}, {OTHERS['email']}) a payé sur le RIB {RIB} en 2024, "
            "selon la loi 31-13. Merci de répondre avant le 05/12/2027 10h30."
        ),
        delivery_format="electronic",
    )
    services.request_clarify(actor=info, request=request, question=f"Parlez-vous du titulaire du {OTHERS['card']} ?")
    services.request_clarification_answer(
        actor=citizen, request=request, answer=f"نعم، رقم هاتفه {OTHERS['phone_arabic']}"
    )
    services.request_answer(
        actor=info,
        request=request,
        outcome="not_held",
        text=f"Nous ne détenons pas le dossier de {OTHERS['email']} ni le RIB {RIB}.",
        suggested_holder=f"Agence urbaine, M. Y au {OTHERS['phone']}",
    )
    public_pages = [
        reverse("information:public", args=[request.public_id]),
        reverse("information:log"),
        f"/api/v1/information-requests/{request.public_id}",
        "/api/v1/information-requests",
    ]
    for url in public_pages:
        body = client.get(url).content.decode()
        for fragment in FRAGMENTS:
            assert fragment not in body, (url, fragment)
    page = client.get(public_pages[0]).content.decode()
    # The platform's reference, the law's number, the year and the date stay readable.
    for kept in (request.reference, "31-13", "2024", "05/12/2027 10h30", "Agence urbaine"):
        assert kept in page, kept
    # The originals stay as written, for the requester and the officer.
    request.refresh_from_db()
    assert RIB in request.body and OTHERS["card"] in request.subject
    assert OTHERS["phone"] in request.suggested_holder
    client.force_login(info)
    staff_page = client.get(reverse("information:staff_request", args=[commune.slug, request.public_id]))
    assert OTHERS["email"] in staff_page.content.decode()


def test_a_complaints_public_copy_masks_other_peoples_identifiers(citizen, commune):
    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="Le budget.", delivery_format="electronic"
    )
    services.request_answer(actor=info, request=request, outcome="refused", text="Non.", refusal_ground="privacy")
    complaint = services.complaint_file(actor=citizen, request=request, body=f"Mon voisin {OTHERS['email']} l'a eu.")
    assert OTHERS["email"] not in complaint.public_body and OTHERS["email"] in complaint.body


def test_public_copies_written_before_are_masked_by_the_migration(commune):
    """Requests filed before these patterns existed: the migration masks their public copies once."""
    request = InformationRequestFactory(
        institution=commune,
        body=f"Appelez le {OTHERS['phone']} (demande INF-RABAT-2026-000123).",
        public_body=f"Appelez le {OTHERS['phone']} (demande INF-RABAT-2026-000123).",
        answered=True,
        answer_text=f"Voir {OTHERS['email']}.",
        public_answer=f"Voir {OTHERS['email']}.",
        suggested_holder=f"Agence, CIN {OTHERS['card']}",
    )
    event = RequestEvent.objects.create(
        request=request,
        kind="clarification_given",
        on_date=clock.today(),
        created_at=clock.now(),
        institution=commune,
        note=f"RIB {RIB}",
        public_note=f"RIB {RIB}",
    )
    untouched = InformationRequestFactory(institution=commune, public_body="Le budget 2024 (loi 31-13).")
    migration = importlib.import_module("information.migrations.0007_personal_data_reports")
    migration.mask_identifiers(apps, None)
    request.refresh_from_db()
    event.refresh_from_db()
    assert request.public_body == "Appelez le […] (demande INF-RABAT-2026-000123)."
    assert request.public_answer == "Voir […]."
    assert request.public_suggested_holder == "Agence, CIN […]"
    assert event.public_note == "RIB […]"
    assert InformationRequest.objects.get(pk=untouched.pk).public_body == "Le budget 2024 (loi 31-13)."
