"""Where can I do this? The offices that handle a procedure, from its page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from institutions.tests.factories import InstitutionFactory, OfficeFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure(db):
    return ProcedureFactory(adopted=True, institution=InstitutionFactory())


def _where(procedure) -> str:
    return reverse("procedures:where", args=[procedure.institution.slug, procedure.slug])


def test_the_procedure_page_links_to_where_it_can_be_done(client, procedure):
    page = client.get(reverse("procedures:detail", args=[procedure.institution.slug, procedure.slug]))
    assert f'href="{_where(procedure)}"' in page.content.decode()


def test_the_offices_named_for_the_procedure_are_listed(client, procedure):
    named = OfficeFactory(institution=procedure.institution, name_fr="Annexe Hay Riad", step_free_access=True)
    OfficeFactory(institution=procedure.institution, name_fr="Annexe Agdal")
    OfficeFactory(institution=procedure.institution, name_fr="Annexe fermée", closed_to_public=True)
    procedure.offices.add(named)
    html = client.get("/en" + _where(procedure)[3:]).content.decode()
    assert "Annexe Hay Riad" in html and "Annexe Agdal" not in html
    assert "Step-free access" in html


def test_without_named_offices_the_institutions_open_offices_are_listed(client, procedure):
    OfficeFactory(institution=procedure.institution, name_fr="Annexe Agdal")
    OfficeFactory(institution=procedure.institution, name_fr="Annexe fermée", closed_to_public=True)
    OfficeFactory(name_fr="Bureau d'une autre institution")
    html = client.get(_where(procedure)).content.decode()
    assert "Annexe Agdal" in html
    assert "Annexe fermée" not in html and "autre institution" not in html


def test_no_office_says_so(client, procedure):
    response = client.get(_where(procedure))
    assert response.status_code == 200
    assert "empty-state" in response.content.decode()


def test_an_unpublished_procedure_has_no_where_page(client):
    draft = ProcedureFactory(draft=True)
    assert client.get(_where(draft)).status_code == 404


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_where_page_query_count_does_not_grow_with_offices(client, procedure, lang, django_assert_max_num_queries):
    for _ in range(25):
        office = OfficeFactory(institution=procedure.institution, weekday_hours=False)
        procedure.offices.add(office)
    with django_assert_max_num_queries(8):
        response = client.get(f"/{lang}" + _where(procedure)[3:])
    assert response.status_code == 200
    assert response.content.decode().count('class="card__title"') == 20  # paginated
