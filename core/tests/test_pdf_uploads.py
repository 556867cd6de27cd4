"""Every PDF upload is opened with a PDF parser (PDFium), not only sniffed by its first bytes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from core.tests.pdf_samples import HTML_BEHIND_PDF_HEADER, protected_pdf, truncated_pdf, valid_pdf
from core.validators import FileCheck, document_upload, letterhead_upload

EMPTY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _refusal(data: bytes, check: FileCheck = document_upload) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        check(SimpleUploadedFile("document.pdf", data, content_type="application/pdf"))
    return info.value


def test_html_behind_a_pdf_header_is_refused_as_not_a_pdf():
    refusal = _refusal(HTML_BEHIND_PDF_HEADER)
    assert refusal.code == "pdf_unreadable"
    assert "ne peut pas être ouvert comme PDF" in refusal.messages[0]


def test_a_truncated_pdf_is_refused_as_damaged():
    assert _refusal(truncated_pdf()).code == "pdf_unreadable"


def test_a_pdf_without_a_single_page_is_refused():
    assert _refusal(EMPTY_PDF).code == "pdf_unreadable"


def test_a_password_protected_pdf_is_refused_with_its_own_message():
    refusal = _refusal(protected_pdf(user_password="secret"))
    assert refusal.code == "pdf_password"
    assert "protégé par un mot de passe" in refusal.messages[0]


def test_a_pdf_with_only_an_owner_password_opens_for_anyone_and_is_accepted():
    document_upload(SimpleUploadedFile("releve.pdf", protected_pdf(user_password="")))


def test_a_valid_pdf_is_accepted_and_left_ready_to_be_stored():
    upload = SimpleUploadedFile("plan.pdf", valid_pdf(), content_type="application/pdf")
    upload.seek(3)
    document_upload(upload)
    assert upload.tell() == 3 and not upload.closed
    upload.seek(0)
    assert upload.read() == valid_pdf()


def test_a_large_upload_django_wrote_to_a_temporary_file_is_parsed_where_it_lies():
    for data, accepted in ((valid_pdf(), True), (HTML_BEHIND_PDF_HEADER, False)):
        upload = TemporaryUploadedFile("plan.pdf", "application/pdf", len(data), None)
        upload.write(data)
        upload.seek(0)
        try:
            if accepted:
                document_upload(upload)
            else:
                with pytest.raises(ValidationError):
                    document_upload(upload)
        finally:
            upload.close()


def test_every_check_that_accepts_pdf_parses_it():
    # The letterhead (admin) and the application forms' checks are FileCheck instances too.
    assert _refusal(HTML_BEHIND_PDF_HEADER, letterhead_upload).code == "pdf_unreadable"
    assert _refusal(HTML_BEHIND_PDF_HEADER, FileCheck(["pdf", "jpeg"], max_bytes=1024)).code == "pdf_unreadable"


def test_the_size_limit_is_checked_before_the_file_is_parsed():
    refusal = _refusal(HTML_BEHIND_PDF_HEADER, FileCheck(["pdf"], max_bytes=10))
    assert refusal.code == "file_too_large"
