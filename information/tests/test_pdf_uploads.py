"""A PDF that is not a readable PDF is refused next to the field, and what the officer typed stays in the form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from core.tests.pdf_samples import HTML_BEHIND_PDF_HEADER, protected_pdf, valid_pdf
from information.models import Publication
from information.tests.factories import category, officer
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="RABAT", slug="commune-rabat-test")


def _publish(client, commune, data: bytes):
    client.force_login(officer(commune))
    return client.post(
        reverse("information:staff_publication_new", args=[commune.slug]),
        {
            "title_fr": "Budget 2027 adopté",
            "summary_fr": "Le budget voté en séance du 12 novembre.",
            "category": category("budget").pk,
            "language": "fr",
            "published_on": "2026-12-01",
            "tags": "budget",
            "attachments": [SimpleUploadedFile("budget.pdf", data, content_type="application/pdf")],
        },
    )


def _field_error(page: str) -> str:
    start = page.index('id="id_attachments_error"')
    return page[start : page.index("</p>", start)]


def test_html_behind_a_pdf_header_is_refused_next_to_the_field_and_nothing_typed_is_lost(client, commune):
    response = _publish(client, commune, HTML_BEHIND_PDF_HEADER)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape("ne peut pas être ouvert comme PDF") in _field_error(page)
    assert 'value="Budget 2027 adopté"' in page
    assert "Le budget voté en séance du 12 novembre." in page
    assert not Publication.objects.exists()


def test_a_password_protected_pdf_is_refused_with_its_own_message(client, commune):
    response = _publish(client, commune, protected_pdf(user_password="secret"))
    assert response.status_code == 200
    assert "protégé par un mot de passe" in _field_error(response.content.decode())
    assert not Publication.objects.exists()


def test_a_real_pdf_is_published(client, commune):
    response = _publish(client, commune, valid_pdf())
    assert response.status_code == 302
    assert Publication.objects.get().files.count() == 1
