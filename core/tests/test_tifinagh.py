"""Tifinagh travels with the site: the web font is small and loaded only for Tifinagh characters, and PDFs embed a
font that covers them (the text reads back out of the PDF)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from information.tests.factories import InformationRequestFactory
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
STATIC = Path(settings.BASE_DIR) / "static"
TIFINAGH = re.compile(r"[\u2D30-\u2D7F]")


def test_the_web_font_is_small_and_only_for_tifinagh():
    font = STATIC / "fonts" / "NotoSansTifinagh-Regular.woff2"
    assert font.exists() and font.stat().st_size < 30 * 1024
    assert (STATIC / "fonts" / "OFL.txt").exists()
    css = (STATIC / "css" / "citizen-office.css").read_text(encoding="utf-8")
    face = css.split("@font-face", 1)[1].split("}", 1)[0]
    assert "NotoSansTifinagh-Regular.woff2" in face and "unicode-range: U+2D30-2D7F" in face


def test_an_amazigh_receipt_embeds_a_tifinagh_font_and_its_text_reads_back(client):
    import pypdfium2

    institution = InstitutionFactory(name_zgh="ⵜⴰⵎⵙⵙⵓⴷⵙⵜ ⵏ ⵔⴱⴰⵟ")
    request = InformationRequestFactory(institution=institution, subject="ⴰⵙⵓⵜⵔ ⵏ ⵓⵙⵏⵖⵎⵙ")
    client.force_login(request.requester)
    with translation.override("zgh"):
        url = reverse("information:receipt", args=[request.public_id])
    assert url.startswith("/zgh/")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    try:
        page = pdf[0].get_textpage()
        text = page.get_text_range()
        assert "ⵜⴰⵎⵙⵙⵓⴷⵙⵜ" in text and "ⴰⵙⵓⵜⵔ" in text
        # The font each Tifinagh character is drawn with is the embedded Tifinagh face.
        fonts = {_font_of(page, i) for i, char in enumerate(text) if TIFINAGH.match(char)}
    finally:
        pdf.close()
    assert fonts and all("Tifinagh" in name for name in fonts), fonts  # e.g. HEUIUC+Noto-Sans-Tifinagh


def _font_of(textpage, index: int) -> str:  # type: ignore[no-untyped-def]
    import ctypes

    import pypdfium2.raw as pdfium

    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium.FPDFText_GetFontInfo(textpage, index, buffer, 256, ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace")
