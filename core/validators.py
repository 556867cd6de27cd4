"""Upload checks: the file's real type (from its first bytes, not its name), its size, and a PDF's real parse."""

from __future__ import annotations

import threading
from collections.abc import Iterable

import pypdfium2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Signatures of the formats institutions upload. SVG is left out on purpose: it can carry scripts.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "webp": (b"RIFF",),
    "zip": (b"PK\x03\x04",),  # xlsx, docx, odt, ods are zip containers
}


def sniff(head: bytes) -> str | None:
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(p) for p in prefixes):
            if kind == "webp" and head[8:12] != b"WEBP":
                continue
            return kind
    return None


def _text_kind(head: bytes, name: str) -> str | None:
    """CSV has no signature: accept a .csv whose first bytes are UTF-8 text without NUL bytes."""
    if not name.lower().endswith(".csv") or b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # only a multi-byte character cut at the end is allowed
            return None
    return "csv"


# PDFium is not thread-safe and gunicorn serves with threads (scripts/gunicorn.conf.py): one parse at a time.
_PDFIUM = threading.Lock()


def pdf_check(upload: File) -> None:
    """Open a file headed ``%PDF-`` with PDFium and count its pages; refuse what staff could not open.

    The first bytes alone let through "%PDF-1.4" followed by HTML; a PDF that asks for a password opens for nobody
    at the institution (one with only an owner password opens for anyone, so it passes). PDFium reads the upload
    where Django already put it, in memory or in its temporary file: no other copy is written.
    """
    position = upload.tell()
    path = getattr(upload, "temporary_file_path", None)
    source = path() if callable(path) else upload
    try:
        with _PDFIUM:
            try:
                document = pypdfium2.PdfDocument(source)
            except pypdfium2.PdfiumError as error:
                if error.err_code in (pypdfium2.raw.FPDF_ERR_PASSWORD, pypdfium2.raw.FPDF_ERR_SECURITY):
                    raise ValidationError(
                        _(
                            "This PDF is protected by a password, so the institution could not open it. "
                            "Save a copy without the password, then choose that copy."
                        ),
                        code="pdf_password",
                    ) from None
                pages = 0
            else:
                with document:
                    pages = len(document)
    finally:
        upload.seek(position)
    if pages < 1:
        raise ValidationError(
            _(
                "This file cannot be opened as a PDF: it is damaged, or it is not really a PDF. "
                "Open it on your device, save or export it again as a PDF, then choose it again."
            ),
            code="pdf_unreadable",
        )


@deconstructible
class FileCheck:
    """Accept only the listed kinds and at most ``max_bytes`` (default UPLOAD_MAX_BYTES)."""

    def __init__(self, kinds: Iterable[str], max_bytes: int | None = None) -> None:
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, upload: UploadedFile) -> None:
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise ValidationError(
                _("This file is too large (%(size)s MB). The limit is %(limit)s MB."),
                code="file_too_large",
                params={"size": round(upload.size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
            )
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(4096)
        upload.seek(position)
        kind = sniff(head[:16]) or (_text_kind(head, upload.name or "") if "csv" in self.kinds else None)
        if kind not in self.kinds:
            raise ValidationError(
                _("This file type is not accepted. Accepted: %(kinds)s."),
                code="file_type",
                params={"kinds": ", ".join(k.upper() for k in self.kinds)},
            )
        if kind == "pdf":
            pdf_check(upload)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileCheck) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_bytes))


image_upload = FileCheck(["png", "jpeg", "webp"], max_bytes=2 * 1024 * 1024)
letterhead_upload = FileCheck(["pdf", "png", "jpeg"], max_bytes=5 * 1024 * 1024)
# What institutions publish and send as answers: PDF, spreadsheets and documents, CSV, images.
document_upload = FileCheck(["pdf", "zip", "csv", "png", "jpeg", "webp"])
