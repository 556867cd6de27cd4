"""QR codes as inline SVG (no image files, no Pillow), for PDFs and pages."""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, size_mm: int = 30) -> SafeString:
    """An SVG drawing of the QR code for ``data`` (error correction M: survives a crease or a stamp)."""
    import qrcode
    import qrcode.image.svg
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(data)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    # Sized for print. The markup is the library's own drawing of a URL we built: safe to embed.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', f'<svg width="{size_mm}mm" height="{size_mm}mm"', svg)
    return mark_safe(svg)
