"""An applicant's PDF is opened with a PDF parser: a fake or locked one is refused next to its question."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import UserFactory
from applications import services
from applications.models import FieldKind
from applications.tests.factories import draft, online_procedure
from core.tests.pdf_samples import HTML_BEHIND_PDF_HEADER, protected_pdf, valid_pdf

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes):
    citizen = UserFactory(verified=True, full_name="Samira Bennani")
    application = draft(online_procedure(), citizen, complete=False)
    step = list(application.form.steps.order_by("position"))[1]
    key = next(f.key for f in services.form_fields(application) if f.kind == FieldKind.FILE)
    client.force_login(citizen)
    upload = SimpleUploadedFile("plans.pdf", data, content_type="application/pdf")
    response = client.post(
        reverse("applications:step", args=[application.public_id, step.pk]),
        {key: upload, "action": "continue", "_shown": key},
    )
    return response, application, key


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (HTML_BEHIND_PDF_HEADER, "cannot be opened as a PDF"),
        (protected_pdf(user_password="1234"), "protected by a password"),
    ],
    ids=["html-behind-a-pdf-header", "password-protected"],
)
def test_a_pdf_staff_could_not_open_is_refused_next_to_its_question(client, data, message):
    response, application, key = _upload(client, data)
    assert response.status_code == 400
    page = response.content.decode()
    start = page.index(f'id="id_{key}_error"')
    assert message in page[start : page.index("</p>", start)]
    assert not application.files.exists()


def test_a_real_pdf_is_kept_with_the_draft(client):
    _response, application, key = _upload(client, valid_pdf())
    assert application.files.get(field_key=key).kind == "pdf"
