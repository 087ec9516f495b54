"""SignalingToken (``1:``): generation and parsing (docs/formats.md section 8)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from hmac import compare_digest
from typing import Any

from reference._token_text import decimal_u32, is_hex32, require_prefix
from reference._wire import check_u32
from reference.access_token import require_hex32, require_text
from reference.builders import int_arg, str_arg
from reference.errors import DecodeError, ReasonCode
from reference.spec import BuilderSpec, Param

VERSION = "1"


def generate(account: str, app_id: str, app_certificate: str, expired_ts: int) -> str:
    """``1:app_id:expired_ts:MD5HEX(account + app_id + certificate + expired_ts)``.

    ``expired_ts`` is an absolute UNIX time (u32), written in decimal without padding.
    """
    require_text(account, "account", limit=None)
    require_hex32(app_id, "app_id")
    require_hex32(app_certificate, "app_certificate")
    expired = str(check_u32(expired_ts, "expired_ts"))
    digest = hashlib.md5((account + app_id + app_certificate + expired).encode("utf-8"))
    return ":".join((VERSION, app_id, expired, digest.hexdigest()))


@dataclass(frozen=True)
class SignalingToken:
    """A parsed SignalingToken. ``signature`` is the MD5 hex carried by the token."""

    app_id: str
    expired_ts: int
    signature: str

    def to_fields(self) -> dict[str, Any]:
        return {"version": VERSION, "app_id": self.app_id, "expired_ts": self.expired_ts,
                "signature": self.signature}

    def verify_signature(self, app_certificate: str, account: str) -> bool:
        """True when the token's MD5 text is exactly the lower-case hex that ``generate``
        writes for this certificate and account (compared in constant time)."""
        expected = generate(account, self.app_id, app_certificate, self.expired_ts)
        return compare_digest(expected.rsplit(":", 1)[1], self.signature)


def parse(token: str) -> SignalingToken:
    """Parse ``1:app_id:expired_ts:md5``; raises only ``DecodeError``."""
    require_prefix(token, VERSION + ":", "a SignalingToken starts with '1:'")
    parts = token.split(":")
    if len(parts) < 4:
        raise DecodeError(ReasonCode.TRUNCATED, f"{len(parts)} ':'-separated parts, expected 4")
    if len(parts) > 4:
        raise DecodeError(ReasonCode.TRAILING_BYTES, f"{len(parts)} parts, expected 4")
    _, app_id, expired, signature = parts
    if not is_hex32(app_id):
        raise DecodeError(ReasonCode.BAD_APP_ID, "the app id must be 32 hex characters")
    expired_ts = decimal_u32(expired, "expired_ts")
    if not is_hex32(signature):
        raise DecodeError(ReasonCode.BAD_FIELD, "the signature must be 32 hex characters")
    return SignalingToken(app_id, expired_ts, signature)


def _generate(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    return generate(str_arg(args, "account"), str_arg(args, "app_id"),
                    str_arg(args, "app_certificate"), int_arg(args, "expired_ts"))


SPECS: tuple[BuilderSpec, ...] = (
    BuilderSpec(
        id="signaling_token.generate",
        family="signaling_token",
        params=(Param("account", "text"), Param("app_id", "app_id"),
                Param("app_certificate", "app_certificate"), Param("expired_ts", "timestamp")),
        build=_generate,
        uses_salt=False,
        uses_clock=False,
        summary="SignalingToken 1: with an absolute expired_ts",
    ),
)
