"""AccessToken 006: pack, build, parse and verify (docs/formats.md section 3)."""

from __future__ import annotations

import binascii
import hmac
import struct
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from reference._identity import account_from_uid_or_account
from reference._salt import random_salt
from reference._token_text import b64decode_strict, require_prefix
from reference._token_text import is_hex32 as is_hex32  # re-exported; a mutation seam
from reference._wire import U16_MAX, Reader, check_u16, check_u32, map32
from reference.errors import DecodeError, InvalidInput, ReasonCode

VERSION = "006"
TOKEN_LIFETIME = 86_400
"""Builders set ``ts = now + TOKEN_LIFETIME`` (the token is valid for one day)."""


class Privilege(IntEnum):
    """006 privilege ids (docs/formats.md §3.1; 5-12 and 101 only in SimpleTokenBuilder presets)."""

    JOIN_CHANNEL = 1
    PUBLISH_AUDIO_STREAM = 2
    PUBLISH_VIDEO_STREAM = 3
    PUBLISH_DATA_STREAM = 4
    PUBLISH_AUDIO_CDN = 5
    PUBLISH_VIDEO_CDN = 6
    REQUEST_PUBLISH_AUDIO_STREAM = 7
    REQUEST_PUBLISH_VIDEO_STREAM = 8
    REQUEST_PUBLISH_DATA_STREAM = 9
    INVITE_PUBLISH_AUDIO_STREAM = 10
    INVITE_PUBLISH_VIDEO_STREAM = 11
    INVITE_PUBLISH_DATA_STREAM = 12
    ADMINISTRATE_CHANNEL = 101
    RTM_LOGIN = 1000




def require_hex32(value: object, field_name: str) -> str:
    """Return ``value`` if it is 32 hex characters, else raise ``InvalidInput(field_name)``."""
    if not is_hex32(value):
        shown = f"{len(value)} characters" if isinstance(value, str) else type(value).__name__
        raise InvalidInput(field_name, f"must be exactly 32 hexadecimal characters (got {shown})")
    return value


def require_text(value: object, field_name: str, limit: int | None = U16_MAX) -> str:
    """Return ``value`` if it is a string whose UTF-8 form fits ``limit`` bytes."""
    if not isinstance(value, str):
        raise InvalidInput(field_name, f"expected text, got {type(value).__name__}")
    if limit is not None:
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise InvalidInput(field_name, "text cannot be encoded as UTF-8") from exc
        if size > limit:
            raise InvalidInput(field_name, f"{size} bytes exceeds the {limit}-byte limit")
    return value


def default_ts() -> int:
    """The real clock plus one day, as every 006 builder uses when ``ts`` is not pinned."""
    return int(time.time()) + TOKEN_LIFETIME


_SALT_TS = struct.Struct("<II")
_CRCS_AND_M_LENGTH = struct.Struct("<IIH")  # crc(channel), crc(uid), len(m)
_SIG_LENGTH = b"\x20\x00"  # bytes(signature): the HMAC-SHA256 digest is 32 bytes
_SURE_FIT = U16_MAX // 4
"""Text of at most this many characters always fits 65535 UTF-8 bytes (no need to measure)."""

# Build goes through the module-level names ``map32``, ``sign``, ``crc32_text``,
# ``account_from_uid_or_account``, ``is_hex32`` and ``binascii``: the mutation tests
# (conformance/mutants/bugs_*.py) swap them to model other ports' bugs.


def pack_message(salt: int, ts: int, privileges: Mapping[int, int]) -> bytes:
    """``m = u32(salt) u32(ts) map32(privileges)`` with ids in ascending order."""
    return _SALT_TS.pack(salt, ts) + map32(privileges)


def sign(app_certificate: str, app_id: str, channel_name: str, uid_text: str, m: bytes) -> bytes:
    """HMAC-SHA256 keyed with the certificate text over ``app_id + channel + uid + m``."""
    msg = (app_id + channel_name + uid_text).encode("utf-8") + m
    return hmac.digest(app_certificate.encode("utf-8"), msg, "sha256")


def crc32_text(text: str) -> int:
    """zlib/IEEE CRC-32 of the UTF-8 bytes of ``text``."""
    return zlib.crc32(text.encode("utf-8"))


def _text(value: object, field_name: str) -> str:
    """A text input whose UTF-8 form fits 65535 bytes (measured only when it might not)."""
    if type(value) is not str or len(value) > _SURE_FIT:
        return require_text(value, field_name)
    return value


def _check_privileges(privileges: Mapping[int, int]) -> None:
    """Raise ``InvalidInput`` naming the first privilege entry the wire format cannot carry."""
    for key, value in privileges.items():
        check_u16(key, "privileges")
        check_u32(value, f"privileges[{int(key)}]")
    raise InvalidInput("privileges", "privilege ids must be mutually comparable integers")


def _message(salt: int, ts: int, privileges: Mapping[int, int]) -> bytes:
    """``pack_message`` with input errors turned into ``InvalidInput`` (struct does the range
    checks on the fast path; the slow path names the offending entry)."""
    try:
        m = pack_message(salt, ts, privileges)
    except (struct.error, TypeError):
        check_u32(salt, "salt")
        check_u32(ts, "ts")
        _check_privileges(privileges)
        raise
    if len(m) > U16_MAX:
        raise InvalidInput("privileges", f"{len(privileges)} privileges exceed 65535 bytes")
    return m


def build(
    app_id: str,
    app_certificate: str,
    channel_name: str,
    uid: int | str,
    privileges: Mapping[int, int],
    *,
    salt: int | None = None,
    ts: int | None = None,
) -> str:
    """Build a 006 token; ``salt``/``ts`` default to a secure random salt and now + one day.

    Raises ``InvalidInput`` for an app id or certificate that is not 32 hex characters, a uid
    outside 0..2**32-1, a channel name or uid text over 65535 bytes (or not encodable), a
    privilege id outside u16 or a value, salt or ts outside u32. (Integer-like privilege keys
    such as ``IntEnum`` members are accepted; argument parsers refuse ``bool`` first.)
    """
    require_hex32(app_id, "app_id")
    require_hex32(app_certificate, "app_certificate")
    _text(channel_name, "channel_name")
    uid_text = _text(account_from_uid_or_account(uid, "uid"), "uid")
    salt = random_salt() if salt is None else check_u32(salt, "salt")
    ts = default_ts() if ts is None else check_u32(ts, "ts")
    m = _message(salt, ts, privileges)
    try:
        signature = sign(app_certificate, app_id, channel_name, uid_text, m)
        crcs = _CRCS_AND_M_LENGTH.pack(crc32_text(channel_name), crc32_text(uid_text), len(m))
    except UnicodeEncodeError:
        require_text(channel_name, "channel_name")
        require_text(uid_text, "uid")
        raise
    content = b"".join((_SIG_LENGTH, signature, crcs, m))
    return VERSION + app_id + binascii.b2a_base64(content, newline=False).decode("ascii")


@dataclass(frozen=True)
class AccessToken006:
    """A parsed 006 token. ``message`` is the raw ``m`` kept for signature verification."""

    app_id: str
    signature: bytes
    crc_channel_name: int
    crc_uid: int
    salt: int
    ts: int
    privileges: Mapping[int, int] = field(default_factory=dict)
    message: bytes = b""

    def to_fields(self) -> dict[str, Any]:
        """The 006 "Decoded fields" of docs/architecture.md (plain JSON data)."""
        return {
            "version": VERSION,
            "signature": self.signature.hex(),
            "app_id": self.app_id,
            "crc_channel_name": self.crc_channel_name,
            "crc_uid": self.crc_uid,
            "salt": self.salt,
            "ts": self.ts,
            "privileges": {str(k): v for k, v in self.privileges.items()},
        }

    def matches(self, channel_name: str, uid: int | str) -> tuple[bool, bool]:
        """Whether the token's CRC32s match a candidate channel name and uid."""
        uid_text = account_from_uid_or_account(uid, "uid")
        channel = channel_name.encode("utf-8", "surrogatepass")
        return (
            zlib.crc32(channel) == self.crc_channel_name,
            zlib.crc32(uid_text.encode("utf-8", "surrogatepass")) == self.crc_uid,
        )

    def verify_signature(self, app_certificate: str, channel_name: str, uid: int | str) -> bool:
        """True when the signature verifies for this certificate, channel and uid.

        Never raises for a mismatch: a wrong certificate, channel or uid gives False (the
        comparison is constant-time). ``uid`` follows the uid rule when it is an integer and
        is used verbatim as the signed uid text when it is a string. The certificate is used
        as an HMAC key whatever its shape (build refuses non-hex ones, so those never verify
        a reference-built token).
        """
        uid_text = account_from_uid_or_account(uid, "uid")
        try:
            expected = sign(app_certificate, self.app_id, channel_name, uid_text, self.message)
        except UnicodeEncodeError:  # text that is not UTF-8 encodable was never signed
            return False
        return hmac.compare_digest(expected, self.signature)


def parse(token: str) -> AccessToken006:
    """Parse a 006 token; raises only ``DecodeError`` (bad_version, bad_app_id, bad_base64,
    truncated, trailing_bytes)."""
    require_prefix(token, VERSION, "a 006 token starts with '006'")
    app_id = token[3:35]
    if not is_hex32(app_id):
        raise DecodeError(ReasonCode.BAD_APP_ID, "characters 3..34 must be 32 hex characters")
    reader = Reader(b64decode_strict(token[35:]))
    signature = reader.bytes16("signature")
    crc_channel_name = reader.u32("crc_channel_name")
    crc_uid = reader.u32("crc_uid")
    message = reader.bytes16("message")
    reader.expect_end("the message")
    inner = Reader(message)
    salt = inner.u32("salt")
    ts = inner.u32("ts")
    privileges = inner.map32("privileges")
    inner.expect_end("the privilege map")
    return AccessToken006(
        app_id=app_id,
        signature=signature,
        crc_channel_name=crc_channel_name,
        crc_uid=crc_uid,
        salt=salt,
        ts=ts,
        privileges=privileges,
        message=message,
    )
