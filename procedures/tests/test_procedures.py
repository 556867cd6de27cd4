"""The catalogue of procedures: adopting national models, publishing, the public pages and the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from institutions.tests.factories import InstitutionFactory, OfficeFactory
from procedures import selectors, services
from procedures.models import LifeEvent, Procedure
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory()


@pytest.fixture
def admin(commune):
    return staff(Role.INSTITUTION_ADMIN, institution=commune)


def test_adopting_a_model_copies_its_texts_and_documents_and_sets_the_institutions_own(commune, admin):
    model = ProcedureFactory(fee=Decimal("20"))
    model.life_events.set(LifeEvent.objects.filter(slug="moving"))
    office = OfficeFactory(institution=commune)
    procedure = services.procedure_adopt(
        actor=admin, model=model, institution=commune, fee=Decimal("10"), offices=[office], contact="05 37 00"
    )
    assert procedure.title_fr == model.title_fr and procedure.model == model
    assert procedure.fee == Decimal("10") and list(procedure.offices.all()) == [office]
    assert [d.name_fr for d in procedure.documents.all()] == ["Pièce 0", "Pièce 1"]
    assert [e.slug for e in procedure.life_events.all()] == ["moving"]
    assert procedure.state == "draft"
    assert AuditEvent.objects.filter(action="procedure.adopt", institution=commune).exists()
    with pytest.raises(ValidationError):
        services.procedure_adopt(actor=admin, model=model, institution=commune)


def test_only_the_institutions_admin_adopts_with_its_own_offices(commune, admin):
    model = ProcedureFactory()
    with pytest.raises(PermissionDenied):
        services.procedure_adopt(actor=staff(Role.CASE_OFFICER, institution=commune), model=model, institution=commune)
    with pytest.raises(PermissionDenied):
        services.procedure_adopt(actor=staff(Role.INSTITUTION_ADMIN), model=model, institution=commune)
    with pytest.raises(ValidationError):
        services.procedure_adopt(actor=admin, model=model, institution=commune, offices=[OfficeFactory()])


def test_publishing_needs_an_office_unless_online_only(commune, admin):
    procedure = services.procedure_adopt(actor=admin, model=ProcedureFactory(), institution=commune)
    with pytest.raises(ValidationError):
        services.procedure_publish(actor=admin, procedure=procedure)
    procedure.offices.add(OfficeFactory(institution=commune))
    services.procedure_publish(actor=admin, procedure=procedure)
    assert list(selectors.catalogue()) == [procedure]
    services.procedure_unpublish(actor=admin, procedure=procedure)
    assert list(selectors.catalogue()) == []


def test_catalogue_shows_published_procedures_of_institutions_on_the_platform_only():
    shown = ProcedureFactory(adopted=True, title_fr="Permis de construire")
    ProcedureFactory(draft=True)
    ProcedureFactory()  # a national model
    ProcedureFactory(adopted=True, institution=InstitutionFactory(off_platform=True))
    assert list(selectors.catalogue()) == [shown]
    assert list(selectors.catalogue(query="construire permis")) == [shown]
    assert list(selectors.catalogue(query="mariage")) == []


def test_public_pages_and_api(client):
    procedure = ProcedureFactory(adopted=True, fee=Decimal("150"), silence_is_acceptance=True)
    procedure.offices.add(OfficeFactory(institution=procedure.institution))
    url = reverse("procedures:detail", args=[procedure.institution.slug, procedure.slug])
    body = client.get(url).content.decode()
    assert procedure.title_fr in body and "150" in body and "Pièce 1" in body
    assert client.get(reverse("procedures:catalogue") + "?category=certificates&q=certificat").status_code == 200
    draft = ProcedureFactory(draft=True)
    assert client.get(reverse("procedures:detail", args=[draft.institution.slug, draft.slug])).status_code == 404
    api = client.get("/api/v1/procedures").json()
    assert [p["id"] for p in api["results"]] == [procedure.public_id]
    one = client.get(f"/api/v1/procedures/{procedure.institution.slug}/{procedure.slug}").json()
    assert one["silence_is_acceptance"] is True and len(one["documents"]) == 2
    assert client.get(f"/api/v1/procedures/{draft.institution.slug}/{draft.slug}").status_code == 404


def test_back_office_adopt_and_publish(client, commune, admin):
    model = ProcedureFactory()
    office = OfficeFactory(institution=commune)
    client.force_login(admin)
    listing = client.get(reverse("procedures:staff", args=[commune.slug])).content.decode()
    assert model.title_fr in listing
    adopt = reverse("procedures:staff_adopt", args=[commune.slug, model.public_id])
    assert client.get(adopt).status_code == 200
    response = client.post(adopt, {"fee": "-1"})
    assert response.status_code == 200 and 'id="id_fee_error"' in response.content.decode()
    assert client.post(adopt, {"fee": "5", "offices": [office.pk], "contact": ""}).status_code == 302
    procedure = Procedure.objects.get(institution=commune)
    with translation.override("en"):
        publish = reverse("procedures:staff_publish", args=[commune.slug, procedure.public_id])
    # The model's texts are not all in Arabic and English: asked first, never published silently.
    asked = client.post(publish, {"action": "publish"})
    assert asked.status_code == 200 and "is not written in: Arabic, Amazigh, English." in asked.content.decode()
    procedure.refresh_from_db()
    assert procedure.state == "draft"
    client.post(publish, {"confirm": "yes"})
    procedure.refresh_from_db()
    assert procedure.state == "published"


def test_a_procedure_in_every_language_is_published_at_once_and_its_editor_lists_gaps(client, commune, admin):
    procedure = ProcedureFactory(
        institution=commune,
        state="draft",
        title_en="Certificate",
        title_zgh="ⴰⵙⵍⴽⵉⵏ",
        purpose_ar="يثبت",
        purpose_zgh="ⵉⵙⵙⵏⵜⴰⵎ",
        purpose_en="Proves",
    )
    procedure.offices.add(OfficeFactory(institution=commune))
    client.force_login(admin)
    with translation.override("en"):
        edit_url = reverse("procedures:staff_edit", args=[commune.slug, procedure.public_id])
    edit = client.get(edit_url).content.decode()
    assert "Texts missing a language" in edit and "Document “Pièce 0”: not in Arabic, Amazigh, English" in edit
    procedure.documents.update(name_ar="وثيقة", name_zgh="ⴰⴽⵜⴰⵔ", name_en="Document")
    client.post(reverse("procedures:staff_publish", args=[commune.slug, procedure.public_id]), {"action": "publish"})
    procedure.refresh_from_db()
    assert procedure.state == "published"


@pytest.mark.parametrize("name", ["procedures:staff"])
def test_back_office_pages_keep_out_everyone_else(client, commune, name):
    url = reverse(name, args=[commune.slug])
    assert client.get(url).status_code == 302
    for person in [
        UserFactory(verified=True),
        staff(Role.INSTITUTION_ADMIN),
        staff(Role.INFORMATION_OFFICER, institution=commune),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == 403
    other = ProcedureFactory(adopted=True)
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=commune))
    publish = reverse("procedures:staff_publish", args=[commune.slug, other.public_id])
    assert client.post(publish, {"action": "unpublish"}).status_code == 404


def test_catalogue_and_procedure_page_do_not_grow_with_rows(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = ProcedureFactory(adopted=True)
    pages = [reverse("procedures:catalogue"), reverse("procedures:detail", args=[first.institution.slug, first.slug])]

    def counts():
        found = []
        for url in pages:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            found.append(len(ctx.captured_queries))
        return found

    before = counts()
    for _ in range(25):
        other = ProcedureFactory(adopted=True, documents=4)
        first.offices.add(OfficeFactory(institution=first.institution))
        first.related.add(other)
    assert counts() == before
    assert max(before) <= 8


def test_editing_a_procedure_makes_a_new_version_and_is_audited(commune, admin):
    procedure = ProcedureFactory(institution=commune, state="published", fee=Decimal("10"))
    first, second = procedure.documents.all()
    services.procedure_update(
        actor=admin,
        procedure=procedure,
        values={"fee": Decimal("12"), "title_fr": procedure.title_fr},
        documents=[
            {"id": first.pk, "name_fr": "Pièce renommée", "formats": "pdf"},
            {"id": second.pk, "delete": True},
            {"name_fr": "Nouvelle pièce", "required": False, "formats": "pdf,png", "position": 5},
        ],
    )
    procedure.refresh_from_db()
    assert procedure.version == 2 and procedure.fee == Decimal("12")
    assert [d.name_fr for d in procedure.documents.all()] == ["Pièce renommée", "Nouvelle pièce"]
    event = AuditEvent.objects.get(action="procedure.update")
    assert event.changes["fee"] == ["10.00", "12"] and event.changes["documents_removed"] == ["Pièce 1"]
    services.procedure_update(actor=admin, procedure=procedure, values={"fee": Decimal("12")})
    procedure.refresh_from_db()
    assert procedure.version == 2  # nothing changed, no new version
    with pytest.raises(ValidationError):
        services.procedure_update(actor=admin, procedure=procedure, values={}, offices=[OfficeFactory()])
    with pytest.raises(PermissionDenied):
        services.procedure_update(actor=staff(Role.INSTITUTION_ADMIN), procedure=procedure, values={})


def test_back_office_edit_page_with_documents(client, commune, admin):
    procedure = ProcedureFactory(institution=commune, state="draft")
    client.force_login(admin)
    url = reverse("procedures:staff_edit", args=[commune.slug, procedure.public_id])
    assert client.get(url).status_code == 200
    docs = list(procedure.documents.all())
    data = {
        "title_fr": "Certificat de vie",
        "category": procedure.category.pk,
        "fee": "0",
        "max_duration": "5",
        "max_unit": "working_days",
        "target_unit": "working_days",
        "channel": "both",
        "documents-TOTAL_FORMS": "3",
        "documents-INITIAL_FORMS": "2",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-id": docs[0].pk,
        "documents-0-name_fr": docs[0].name_fr,
        "documents-0-formats": "pdf,exe",
        "documents-0-position": "0",
        "documents-0-required": "on",
        "documents-1-id": docs[1].pk,
        "documents-1-name_fr": docs[1].name_fr,
        "documents-1-formats": "pdf",
        "documents-1-position": "1",
        "documents-1-DELETE": "on",
        "documents-2-name_fr": "",
        "documents-2-formats": "pdf,jpeg,png",
        "documents-2-position": "0",
        "documents-2-required": "on",  # as the browser sends the untouched empty block
    }
    response = client.post(url, data)
    assert response.status_code == 200 and 'id="id_documents-0-formats_error"' in response.content.decode()
    assert 'value="Certificat de vie"' in response.content.decode()  # nothing typed is lost
    data["documents-0-formats"] = "pdf"
    assert client.post(url, data).status_code == 302
    procedure.refresh_from_db()
    assert procedure.title_fr == "Certificat de vie" and procedure.version == 2
    assert [d.name_fr for d in procedure.documents.all()] == [docs[0].name_fr]
    other = ProcedureFactory(adopted=True)
    assert client.get(reverse("procedures:staff_edit", args=[commune.slug, other.public_id])).status_code == 404
