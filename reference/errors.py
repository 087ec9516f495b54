"""The two exception types the reference raises: bad build input, and undecodable tokens."""

from __future__ import annotations

from enum import Enum


class InvalidInput(ValueError):
    """An input the wire format cannot carry (bad app id, uid out of range, string too long...).

    ``field`` names the offending argument, so callers can report it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ReasonCode(str, Enum):
    """Why a token failed to decode or verify. The values are part of the vector format."""

    BAD_VERSION = "bad_version"
    BAD_BASE64 = "bad_base64"
    BAD_ZLIB = "bad_zlib"
    TRUNCATED = "truncated"
    TRAILING_BYTES = "trailing_bytes"
    BAD_APP_ID = "bad_app_id"
    BAD_FIELD = "bad_field"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"


class DecodeError(ValueError):
    """A token that does not decode or verify; ``reason`` is a :class:`ReasonCode`."""

    def __init__(self, reason: ReasonCode, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
