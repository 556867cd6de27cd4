"""Upload checks: the file's real type (from its first bytes, not its name) and its size."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
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

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileCheck) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)

    def __hash__(self) -> int:
        return hash((self.kinds, self.max_bytes))


image_upload = FileCheck(["png", "jpeg", "webp"], max_bytes=2 * 1024 * 1024)
letterhead_upload = FileCheck(["pdf", "png", "jpeg"], max_bytes=5 * 1024 * 1024)
# What institutions publish and send as answers: PDF, spreadsheets and documents, CSV, images.
document_upload = FileCheck(["pdf", "zip", "csv", "png", "jpeg", "webp"])
