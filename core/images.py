"""Re-encode uploaded images: the pixels are kept, everything else (EXIF, GPS, comments) is dropped."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PIXELS = 40_000_000  # a 40-megapixel photo; larger is refused rather than decoded (decompression bombs)
PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def reencode_image(data: bytes, kind: str) -> bytes:
    """The same picture as a fresh file of the same kind, turned upright, without metadata."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This image is too large in pixels; send a smaller photo or a scan."))
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            mode = "RGB" if kind == "jpeg" else ("RGBA" if "A" in upright.getbands() else "RGB")
            clean = Image.new(mode, upright.size)
            clean.paste(upright.convert(mode))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This image could not be read. Send it again or as a PDF.")) from exc
    out = io.BytesIO()
    options = {"quality": 88} if kind in ("jpeg", "webp") else {"optimize": True}
    clean.save(out, format=PIL_FORMATS[kind], **options)
    return out.getvalue()
