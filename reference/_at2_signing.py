"""AccessToken2 (``007``) credentials and signing: the hex-32 check and the HMAC chain."""

from __future__ import annotations

import hmac
import struct

from reference._token_text import is_hex32, match_hex32
from reference.errors import InvalidInput

try:  # OpenSSL's one-shot HMAC, what hmac.digest calls for "sha256", minus the wrapper
    from _hashlib import hmac_digest as _hmac_sha256
except ImportError:  # pragma: no cover - CPython built without OpenSSL
    _hmac_sha256 = hmac.digest  # type: ignore[assignment]

_hex32 = match_hex32  # the fast path of assemble's credential check (32-character strings)
_U32 = struct.Struct("<I")


def check_credential(value: object, field_name: str) -> bytes:
    """App id / certificate: exactly 32 hex characters (no whitespace); returns ASCII bytes."""
    if not is_hex32(value):
        raise InvalidInput(field_name, "must be exactly 32 hexadecimal characters")
    return value.encode("ascii")


def signing_key(app_certificate: bytes, issue_ts: int, salt: int) -> bytes:
    """``k2`` of docs/formats.md §2.2 (``k1`` keyed by issue_ts over the certificate text)."""
    k1 = _hmac_sha256(_U32.pack(issue_ts), app_certificate, "sha256")
    return _hmac_sha256(_U32.pack(salt), k1, "sha256")


def sign(app_certificate: bytes, issue_ts: int, salt: int, signing_info: bytes) -> bytes:
    """``HMAC-SHA256(k2, signing_info)``, ``k2`` as in :func:`signing_key` (docs/formats.md 2.2).

    The three HMACs are spelled out rather than calling ``signing_key``: this runs once per
    token, and the HMACs are most of what building one costs.
    """
    k1 = _hmac_sha256(_U32.pack(issue_ts), app_certificate, "sha256")
    k2 = _hmac_sha256(_U32.pack(salt), k1, "sha256")
    return _hmac_sha256(k2, signing_info, "sha256")
