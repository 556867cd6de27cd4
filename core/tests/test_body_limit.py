"""A request body over settings.MAX_REQUEST_BODY is refused with 413 before anything reads it."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from core.bodylimit import BodyLimitMiddleware
from core.tests.pdf_samples import valid_pdf
from information.models import Publication
from information.tests.factories import category, officer
from institutions.tests.factories import InstitutionFactory


class _View:
    """Stands for everything after the middleware: records whether it ran and whether it read the body."""

    def __init__(self) -> None:
        self.ran = False

    def __call__(self, request):
        self.ran = True
        return HttpResponse(request.body)


def test_a_body_announced_over_the_cap_gets_413_without_the_view_running_or_the_body_being_read(settings):
    settings.MAX_REQUEST_BODY = 1000
    view = _View()
    # RequestFactory's payload raises if anything reads past the 10 bytes really sent.
    request = RequestFactory().post("/fr/", data=b"x" * 10, content_type="text/plain", CONTENT_LENGTH="1001")
    response = BodyLimitMiddleware(view)(request)
    assert response.status_code == 413
    assert not view.ran


def test_a_body_at_the_cap_reaches_the_view(settings):
    settings.MAX_REQUEST_BODY = 1000
    view = _View()
    request = RequestFactory().post("/fr/", data=b"x" * 1000, content_type="text/plain")
    response = BodyLimitMiddleware(view)(request)
    assert view.ran and response.status_code == 200 and len(response.content) == 1000


def test_a_body_sent_in_chunks_without_a_length_is_refused_rather_than_read_as_empty():
    view = _View()
    request = RequestFactory().post("/fr/", HTTP_TRANSFER_ENCODING="chunked")
    del request.META["CONTENT_LENGTH"]
    response = BodyLimitMiddleware(view)(request)
    assert response.status_code == 411
    assert not view.ran


def test_the_cap_is_checked_before_any_middleware_that_reads_the_body():
    order = django_settings.MIDDLEWARE
    assert order.index("core.bodylimit.BodyLimitMiddleware") < order.index("django.middleware.csrf.CsrfViewMiddleware")
    # Room for the largest single upload and the form around it.
    assert (
        max(django_settings.UPLOAD_MAX_BYTES, django_settings.APPLICATION_UPLOAD_MAX_BYTES)
        + django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        < django_settings.MAX_REQUEST_BODY
    )


@pytest.mark.django_db
def test_an_upload_over_the_cap_gets_the_sites_short_page_and_nothing_is_stored(client, settings):
    commune = InstitutionFactory()
    client.force_login(officer(commune))
    settings.MAX_REQUEST_BODY = 1000
    with translation.override("ar"):
        url = reverse("information:staff_publication_new", args=[commune.slug])
    response = client.post(
        url,
        {
            "title_ar": "الميزانية",
            "category": category("budget").pk,
            "language": "ar",
            "published_on": "2026-12-01",
            "attachments": [SimpleUploadedFile("budget.pdf", valid_pdf() * 3, content_type="application/pdf")],
        },
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in page and "<h1>" in page
    assert response["Content-Security-Policy"] and response["X-Request-ID"]
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_an_ordinary_upload_passes_the_cap(client):
    commune = InstitutionFactory()
    client.force_login(officer(commune))
    response = client.post(
        reverse("information:staff_publication_new", args=[commune.slug]),
        {
            "title_fr": "Budget",
            "category": category("budget").pk,
            "language": "fr",
            "published_on": "2026-12-01",
            "attachments": [SimpleUploadedFile("budget.pdf", valid_pdf(), content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    assert Publication.objects.get().files.count() == 1
