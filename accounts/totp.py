"""Time-based one-time codes (RFC 6238) for staff two-step verification, through allauth's public API only.

allauth keeps its own TOTP helpers in ``allauth.mfa.*.internal``, which promise no stability; the code is a few
lines of the standard library, and an authenticator is a row of ``allauth.mfa.models.Authenticator`` with its
secret encrypted by ``allauth.mfa.utils.encrypt`` (the shape allauth itself stores and migrates).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows for a base32 ``secret`` at ``at`` (now by default)."""
    from allauth.mfa import app_settings

    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    # RFC 4226 §5.3 dynamic truncation: 31 bits from the offset the last nibble gives.
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**app_settings.TOTP_DIGITS:0{app_settings.TOTP_DIGITS}}"


def totp_activate(user: User, secret: str, *, recovery_codes: bool = False) -> None:
    """Give ``user`` an authenticator with a known ``secret`` (demo and tests), and recovery codes if asked."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}}
    )
    if recovery_codes:
        Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.RECOVERY_CODES,
            defaults={"data": {"seed": encrypt(secrets.token_hex(40)), "used_mask": 0}},
        )
