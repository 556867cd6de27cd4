"""Staff pages speak to staff, the applicant's pages to the applicant: the same state in two voices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications import services
from applications.tests.factories import case_officer, online_procedure, submitted
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

CITIZEN_LABEL = "Waiting for your documents"
STAFF_LABEL = "Waiting for the applicant&#x27;s documents"


@pytest.fixture
def waiting():
    commune = InstitutionFactory()
    officer = case_officer(commune)
    application = submitted(online_procedure(commune))
    services.case_take(actor=officer, application=application)
    services.case_request_documents(
        actor=officer, application=application, documents=[application.procedure.documents.first()], message="x"
    )
    return application, officer


def test_the_applicant_is_asked_to_send_the_missing_documents(client, waiting):
    application, _officer = waiting
    client.force_login(application.applicant)
    page = client.get(reverse("applications:case", args=[application.public_id])).content.decode()
    assert CITIZEN_LABEL in page and "Send the missing documents: the clock is stopped until they arrive." in page
    assert STAFF_LABEL not in page
    office = client.get(reverse("portal:my_office")).content.decode()
    assert CITIZEN_LABEL in office


def test_staff_read_that_the_case_waits_for_the_applicant(client, waiting):
    application, officer = waiting
    slug = application.institution.slug
    client.force_login(officer)
    pages = {
        "case": client.get(reverse("applications:staff_case", args=[slug, application.public_id])),
        "queue": client.get(reverse("applications:staff_queue", args=[slug])),
        "work queue": client.get(reverse("backoffice:queue", args=[slug])),
    }
    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert STAFF_LABEL in page, name
        assert CITIZEN_LABEL not in page, name
    case = pages["case"].content.decode()
    assert "until the applicant sends the missing documents" in case and "Send the missing documents" not in case
