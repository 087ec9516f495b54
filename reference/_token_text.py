"""Token text shared by every format: hex-32 ids, version prefix, base64, decimals, text fields."""

from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache
from typing import TypeGuard

from reference._wire import U32_MAX
from reference.errors import DecodeError, ReasonCode

HEX32 = re.compile(r"[0-9A-Fa-f]{32}")
"""An app id or certificate: exactly 32 hexadecimal characters (any case, no whitespace)."""

match_hex32 = lru_cache(maxsize=1024)(HEX32.fullmatch)
"""``HEX32.fullmatch``, remembered per string. A server signs every token with the same few app
ids and certificates, so each is matched once rather than on every token. Callers pass only
32-character strings, which bounds what the cache holds."""


def is_hex32(value: object) -> TypeGuard[str]:
    """True for a string of exactly 32 hexadecimal characters (any case)."""
    return isinstance(value, str) and len(value) == 32 and match_hex32(value) is not None


def require_prefix(token: object, prefix: str, message: str) -> str:
    """``token`` if it is text starting with ``prefix``; else ``DecodeError(bad_version)``."""
    if not isinstance(token, str) or not token.startswith(prefix):
        raise DecodeError(ReasonCode.BAD_VERSION, message)
    return token


def b64decode_strict(text: str) -> bytes:
    """RFC 4648 standard alphabet with padding, canonical only; else ``bad_base64``."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DecodeError(ReasonCode.BAD_BASE64, str(exc)) from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise DecodeError(ReasonCode.BAD_BASE64, "not in canonical padded form")
    return raw


def text_field(raw: str | bytes) -> str | dict[str, str]:
    """UTF-8 text as a string; anything else as ``{"hex": ...}`` (docs/architecture.md)."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"hex": raw.hex()}


def decimal_u32(text: str, what: str) -> int:
    """ASCII decimal digits of a value that fits 32 bits; else ``DecodeError(bad_field)``."""
    if not (text.isascii() and text.isdigit()):
        raise DecodeError(ReasonCode.BAD_FIELD, f"{what} {text!r} is not decimal digits")
    value = int(text)
    if value > U32_MAX:
        raise DecodeError(ReasonCode.BAD_FIELD, f"{what} {value} does not fit 32 bits")
    return value
