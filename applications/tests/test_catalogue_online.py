"""The catalogue says which procedures can be applied for online, filters on it, and lists results before filters."""

from __future__ import annotations

import pytest

from applications.tests.factories import online_procedure
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(db):
    institution = InstitutionFactory()
    online = online_procedure(institution, title_fr="Permis en ligne", slug="permis-en-ligne")
    desk = ProcedureFactory(adopted=True, institution=institution, title_fr="Acte au guichet", channel="office")
    return online, desk


def _card(html: str, title: str) -> str:
    return html.split(title, 1)[1].split("</li>", 1)[0]


def test_each_procedure_says_whether_it_can_be_done_online(client, two):
    html = client.get("/en/procedures/").content.decode()
    assert "Apply online" in _card(html, "Permis en ligne")
    assert "At an office" in _card(html, "Acte au guichet")


def test_only_what_can_be_done_online(client, two):
    html = client.get("/en/procedures/", {"online": "on"}).content.decode()
    assert "Permis en ligne" in html and "Acte au guichet" not in html
    assert "1 procedure" in html


def test_results_come_before_the_filters_and_filters_open_only_when_used(client, two):
    html = client.get("/fr/procedures/").content.decode()
    assert html.index("Permis en ligne") < html.index('class="filters-disclosure"')
    assert '<details class="filters-disclosure">' in html  # closed: the results show first on a phone
    filtered = client.get("/fr/procedures/", {"online": "on", "q": "permis"}).content.decode()
    assert '<details class="filters-disclosure" open>' in filtered
    # The search box keeps the filters; the filter form keeps the words searched.
    assert '<input type="hidden" name="online" value="on">' in filtered
    assert '<input type="hidden" name="q" value="permis">' in filtered


def test_the_catalogue_query_count_does_not_grow_with_procedures(client, two, django_assert_max_num_queries):
    institution = InstitutionFactory()
    for n in range(25):
        ProcedureFactory(adopted=True, institution=institution, title_fr=f"Procédure {n}")
    for params in ({}, {"online": "on"}):
        with django_assert_max_num_queries(8):
            response = client.get("/ar/procedures/", params)
        assert response.status_code == 200
