"""PDF files for upload tests: a real one, a damaged one, HTML behind a PDF header, and password-protected ones.

The protected files are written by hand with the PDF standard security handler, revision 2 (RC4, 40-bit key;
ISO 32000-1, 7.6.3), so the tests need no PDF writer: PDFium opens them with the right password and only then.
"""

from __future__ import annotations

import hashlib
import struct

from core.pdf import assemble_pdf, minimal_pdf

HTML_BEHIND_PDF_HEADER = b"%PDF-1.4\n<html><body><script>fetch('/steal?c='+document.cookie)</script></body></html>\n"

# The 32 bytes every password is padded with (ISO 32000-1, 7.6.3.3, algorithm 2).
_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")
_PERMISSIONS = -4  # everything allowed


def valid_pdf(title: str = "Plan de situation") -> bytes:
    return minimal_pdf(title)


def truncated_pdf() -> bytes:
    """A real PDF cut in the middle, as an interrupted download leaves it."""
    whole = valid_pdf()
    return whole[: len(whole) // 2]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _md5(data: bytes) -> bytes:
    """The digest the PDF standard security handler prescribes (a file format, not a safeguard of ours)."""
    return hashlib.md5(data, usedforsecurity=False).digest()


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PADDING)[:32]


def protected_pdf(*, user_password: str, owner_password: str = "owner") -> bytes:  # noqa: S107 (a sample file)
    """A one-page PDF encrypted for ``user_password`` (an empty one: anybody opens it, only the owner may edit)."""
    owner_entry = _rc4(_md5(_padded(owner_password))[:5], _padded(user_password))
    key = _md5(_padded(user_password) + owner_entry + struct.pack("<i", _PERMISSIONS) + _FILE_ID)[:5]
    user_entry = _rc4(key, _PADDING)
    content = _rc4(
        _md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little"))[:10],
        b"BT /F1 18 Tf 60 760 Td (Confidentiel) Tj ET",
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner_entry.hex().encode()
        + b"> /U <"
        + user_entry.hex().encode()
        + b"> /P "
        + str(_PERMISSIONS).encode()
        + b" >>",
    ]
    file_id = _FILE_ID.hex().encode()
    return assemble_pdf(
        objects, trailer=f"/Encrypt {len(objects)} 0 R ".encode() + b"/ID [<" + file_id + b"> <" + file_id + b">] "
    )
