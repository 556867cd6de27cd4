"""The back office lists, for the institution's admins, the published texts that miss a language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from applications.tests.factories import online_procedure
from information.tests.factories import PublicationFactory
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory()


def _url(commune) -> str:
    with translation.override("en"):
        return reverse("backoffice:translations", args=[commune.slug])


def test_admins_see_every_modules_texts_missing_a_language_with_where_to_add_them(client, commune):
    admin = staff(Role.INSTITUTION_ADMIN, institution=commune)
    procedure = online_procedure(commune, admin=admin, title_fr="Permis de creuser")
    PublicationFactory(institution=commune, title="Budget 2026", title_ar="ميزانية 2026")
    complete = PublicationFactory(institution=commune, title="Rapport", title_ar="تقرير", title_en="Report")
    complete.summary_ar, complete.summary_en = "ملخص", "Summary"
    complete.title_zgh, complete.summary_zgh = "ⴰⵏⵇⵇⵉⵙ", "ⴰⴳⵣⵣⵓⵍ"
    complete.save()
    PublicationFactory(title="Budget d'une autre institution")
    client.force_login(admin)
    response = client.get(_url(commune))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape("Permis de creuser — The procedure's texts") in html
    assert "Application form of “Permis de creuser” — Question “Nom”" in html
    assert "Publication “Budget 2026”" in html and "Rapport" not in html and "autre institution" not in html
    assert reverse("procedures:staff_edit", args=[commune.slug, procedure.public_id]).split("/", 2)[2] in html
    assert "Arabic, Amazigh, English" in html


def test_only_the_institutions_admins_see_it(client, commune):
    url = _url(commune)
    assert client.get(url).status_code == 302
    for person in (UserFactory(), staff(Role.CASE_OFFICER, institution=commune), staff(Role.INSTITUTION_ADMIN)):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_everything_translated_says_so(client, commune):
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=commune))
    assert "written in every language of the site" in client.get(_url(commune)).content.decode()


def test_the_page_query_count_does_not_grow_with_texts(client, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = staff(Role.INSTITUTION_ADMIN, institution=commune)
    online_procedure(commune, admin=admin)
    client.force_login(admin)
    client.get(_url(commune))  # the first page of a session also writes the session
    counts = []
    for batch in range(2):
        for n in range(1 if batch == 0 else 15):
            ProcedureFactory(institution=commune, state="published", title_fr=f"Procédure {batch}-{n}")
            PublicationFactory(institution=commune, title=f"Document {batch}-{n}", with_file=False)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(commune))
        assert response.status_code == 200 and f"Document {batch}-0" in response.content.decode()
        counts.append(len(queries))
    # One query per module's kind of text (procedures and their documents, the latest forms with their steps
    # and questions, publications) on top of the back office's shell: the same for 2 texts or 32.
    assert counts[0] == counts[1] <= 15
