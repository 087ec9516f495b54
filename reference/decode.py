"""The universal decoder and verifier: any 007, 006, DynamicKey3/4/5 or SignalingToken text.

``decode`` and ``verify`` raise nothing but :class:`DecodeError` (with a :class:`ReasonCode`)
for any input string. 007 accepts every valid zlib stream (Go's sync-flush output, stored
blocks, any level or header) but is strict about base64 (standard alphabet, canonical
padding, no whitespace) and about bytes after the zlib stream or after the last service.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from reference import access_token, access_token2, dynamic_key, signaling_token
from reference.access_token2 import canonical_signing_info, pack_text
from reference.errors import DecodeError, InvalidInput, ReasonCode

__all__ = ["Decoded", "canonical_payload", "canonical_signing_info", "decode", "verify"]

Parsed: TypeAlias = (
    access_token2.ParsedToken2
    | access_token.AccessToken006
    | dynamic_key.DynamicKeyText
    | dynamic_key.DynamicKey5
    | signaling_token.SignalingToken
)

_PARSERS: dict[str, Callable[[str], Parsed]] = {
    "007": access_token2.parse,
    "006": access_token.parse,
    "005": dynamic_key.parse_v5,
    "004": dynamic_key.parse_v4,
    "003": dynamic_key.parse_v3,
    "1:": signaling_token.parse,
}


@dataclass(frozen=True)
class Decoded:
    """A decoded token: its version prefix and the family's parsed object."""

    version: str
    parsed: Parsed

    def to_fields(self) -> dict[str, Any]:
        """Plain JSON data (docs/architecture.md "Decoded fields")."""
        return self.parsed.to_fields()

    @property
    def signature(self) -> str:
        """The carried signature as lowercase hex."""
        value = self.parsed.signature
        return value.hex() if isinstance(value, bytes) else value.lower()

    @property
    def payload(self) -> bytes | None:
        """007 only: the inflated content (``bytes(signature) + signing_info``)."""
        if isinstance(self.parsed, access_token2.ParsedToken2):
            return self.parsed.content
        return None

    @property
    def payload_hex(self) -> str | None:
        payload = self.payload
        return None if payload is None else payload.hex()

    @property
    def expires_at(self) -> int | None:
        """Absolute UNIX time after which the token is expired (None if it carries none)."""
        p = self.parsed
        if isinstance(p, access_token2.ParsedToken2):
            return p.issue_ts + p.expire
        if isinstance(p, access_token.AccessToken006):
            return p.ts
        if isinstance(p, (dynamic_key.DynamicKeyText, dynamic_key.DynamicKey5,
                          signaling_token.SignalingToken)):
            return p.expired_ts
        return None


def decode(token: str) -> Decoded:
    """Decode any supported token by its prefix; ``DecodeError`` for anything malformed."""
    if not isinstance(token, str):
        raise DecodeError(ReasonCode.BAD_VERSION, f"expected text, got {type(token).__name__}")
    version = "1:" if token.startswith("1:") else token[:3]
    parser = _PARSERS.get(version)
    if parser is None:
        raise DecodeError(ReasonCode.BAD_VERSION,
                          f"unknown prefix {token[:3]!r} (expected 007, 006, 005, 004, 003 or 1:)")
    return Decoded(version.rstrip(":"), parser(token))


def _check_006_crcs(token: access_token.AccessToken006, channel_name: str,
                    uid: int | str) -> None:
    """The CRC32s a 006 token carries must be those of the given channel and uid (the
    signature does not cover them, so an altered CRC would otherwise go unnoticed)."""
    channel_ok, uid_ok = token.matches(channel_name, uid)
    for name, ok in (("crc_channel_name", channel_ok), ("crc_uid", uid_ok)):
        if not ok:
            raise DecodeError(ReasonCode.BAD_SIGNATURE,
                              f"the token's {name} is not the CRC32 of the given value")


def verify(
    token: str,
    app_certificate: str,
    *,
    now: int | None = None,
    channel_name: str | None = None,
    uid: int | str | None = None,
) -> Decoded:
    """Decode, check the signature (constant time) and, given ``now``, the expiry.

    007: the app id must be 32 hex characters (``bad_app_id``, as every upstream verifier but
    Python's); expired when ``issue_ts + expire < now``. 006 needs ``channel_name`` and ``uid``
    (the token carries only their CRC32s); expired when ``ts < now``. SignalingToken takes the
    account as ``uid``. DynamicKey3/4/5 need ``channel_name`` and a numeric ``uid`` and are
    regenerated from their carried fields (a DynamicKey4's service is tried in turn); expired
    when ``expired_ts < now``.
    """
    decoded = decode(token)
    p = decoded.parsed
    if isinstance(p, access_token2.ParsedToken2):
        if not access_token.is_hex32(p.app_id.decode("latin-1")):
            raise DecodeError(ReasonCode.BAD_APP_ID, "the app id is not 32 hex characters")
        ok = p.verify_signature(app_certificate)
    elif isinstance(p, access_token.AccessToken006):
        if channel_name is None or uid is None:
            raise DecodeError(ReasonCode.BAD_SIGNATURE,
                              "a 006 signature covers the channel name and uid: pass both")
        try:
            ok = p.verify_signature(app_certificate, channel_name, uid)
            if ok:
                _check_006_crcs(p, channel_name, uid)
        except InvalidInput as exc:
            raise DecodeError(ReasonCode.BAD_SIGNATURE, str(exc)) from None
    elif isinstance(p, signaling_token.SignalingToken):
        if not isinstance(uid, str):
            raise DecodeError(ReasonCode.BAD_SIGNATURE,
                              "a SignalingToken signature covers the account: pass it as uid")
        ok = p.verify_signature(app_certificate, uid)
    else:
        ok = _verify_dynamic_key(token, p, app_certificate, channel_name, uid)
    if not ok:
        raise DecodeError(ReasonCode.BAD_SIGNATURE, "the signature does not match")
    expires_at = decoded.expires_at
    if now is not None and expires_at is not None and expires_at < now:
        raise DecodeError(ReasonCode.EXPIRED, f"expired at {expires_at}, now is {now}")
    return decoded


def _verify_dynamic_key(
    token: str,
    p: dynamic_key.DynamicKeyText | dynamic_key.DynamicKey5,
    app_certificate: str,
    channel_name: str | None,
    uid: int | str | None,
) -> bool:
    """Regenerate the key from its carried fields plus the channel name and uid it signs."""
    if channel_name is None or not isinstance(uid, int) or isinstance(uid, bool):
        raise DecodeError(ReasonCode.BAD_SIGNATURE,
                          "a DynamicKey signature covers the channel name and numeric uid: "
                          "pass both")
    try:
        if isinstance(p, dynamic_key.DynamicKey5):
            extra = {k: v.decode("utf-8") for k, v in p.extra.items()}
            candidates = [dynamic_key.generate_v5(
                p.service_type, p.app_id.hex(), app_certificate, channel_name, p.unix_ts,
                p.random_int, uid, p.expired_ts, extra)]
        elif p.version == "003":
            candidates = [dynamic_key.generate_v3(
                p.app_id, app_certificate, channel_name, p.unix_ts, p.random_int, uid,
                p.expired_ts)]
        else:  # the DynamicKey4 service is signed but not carried: try each
            candidates = [dynamic_key.generate_v4(
                service, p.app_id, app_certificate, channel_name, p.unix_ts, p.random_int, uid,
                p.expired_ts) for service in dynamic_key.DK4_SERVICES.values()]
    except (InvalidInput, UnicodeDecodeError) as exc:
        raise DecodeError(ReasonCode.BAD_SIGNATURE, str(exc)) from None
    wanted = token.encode("utf-8")
    return any(hmac.compare_digest(c.encode("utf-8"), wanted) for c in candidates)


def canonical_payload(fields: Mapping[str, Any]) -> bytes:
    """The canonical 007 content for decoded fields: ``bytes(signature) + signing_info``."""
    try:
        signature = bytes.fromhex(fields["signature"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput("signature", "expected the signature as hex") from None
    return pack_text(signature, "signature") + canonical_signing_info(fields)
