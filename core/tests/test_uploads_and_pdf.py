import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.pdf import render_pdf
from core.validators import FileCheck, image_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"\0" * 64


def test_an_image_is_accepted_by_its_content_not_its_name():
    image_upload(SimpleUploadedFile("logo.pdf", PNG))  # misnamed but really a PNG


def test_a_disguised_file_is_refused():
    with pytest.raises(ValidationError) as info:
        image_upload(SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"))
    assert info.value.code == "file_type"


def test_a_file_over_the_limit_is_refused():
    check = FileCheck(["pdf"], max_bytes=10)
    with pytest.raises(ValidationError) as info:
        check(SimpleUploadedFile("big.pdf", PDF))
    assert info.value.code == "file_too_large"


def _weasyprint_missing_libraries() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:  # Pango is a system library (Debian: libpango-1.0-0); .ci/run installs it
        return True
    return False


@pytest.mark.skipif(_weasyprint_missing_libraries(), reason="Pango is not installed")
def test_pdf_is_rendered_in_arabic_right_to_left():
    pdf = render_pdf("core/pdf_base.html", {}, language="ar")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 500
