"""Legacy DynamicKey v1-v5: generation, and parsing of the keys that carry fields (formats 4-7)."""

from __future__ import annotations

import binascii
import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reference._token_text import (
    b64decode_strict,
    decimal_u32,
    is_hex32,
    require_prefix,
    text_field,
)
from reference._wire import U32_MAX, Reader, check_int, length_prefixed, u16, u32
from reference.access_token import require_hex32, require_text
from reference.builders import int_arg, str_arg
from reference.errors import DecodeError, ReasonCode
from reference.spec import BuilderSpec, Param

I32_MIN = -(2**31)
"""Signed inputs (upstream Java/C ``int``) are accepted and reduced modulo 2**32."""

DK4_SERVICES: dict[str, str] = {
    "public_sharing": "APSS", "recording": "ARS", "media_channel": "ACS",
}
DK5_SERVICES: dict[str, int] = {
    "media_channel": 1, "recording": 2, "public_sharing": 3, "in_channel_permission": 4,
}
DK5_ALLOW_UPLOAD_IN_CHANNEL = 1


def _u32(value: int, name: str, signed_ok: bool) -> int:
    return check_int(value, name, I32_MIN if signed_ok else 0, U32_MAX) & U32_MAX


def _common(app_id: str, app_certificate: str, channel_name: str, unix_ts: int,
            random_int: int) -> tuple[str, str, str]:
    """Validate the shared inputs; return (ts10, rand8, signed prefix text after app id)."""
    require_hex32(app_id, "app_id")
    require_hex32(app_certificate, "app_certificate")
    require_text(channel_name, "channel_name", limit=None)
    ts10 = f"{_u32(unix_ts, 'unix_ts', False):010d}"
    rand8 = f"{_u32(random_int, 'random_int', True):08x}"
    return ts10, rand8, ts10 + rand8 + channel_name


def _hmac_sha1_hex(certificate: str, message: str) -> str:
    return hmac.new(certificate.encode("utf-8"), message.encode("utf-8"), hashlib.sha1).hexdigest()


def generate_v1(app_id: str, app_certificate: str, channel_name: str, unix_ts: int,
                random_int: int) -> str:
    """DynamicKey (v1): ``sig40 + app_id + ts10 + rand8`` (90 characters)."""
    ts10, rand8, tail = _common(app_id, app_certificate, channel_name, unix_ts, random_int)
    return _hmac_sha1_hex(app_certificate, app_id + tail) + app_id + ts10 + rand8


def _uid_exp(uid: int, expired_ts: int) -> tuple[str, str]:
    return f"{_u32(uid, 'uid', True):010d}", f"{_u32(expired_ts, 'expired_ts', False):010d}"


def generate_v2(app_id: str, app_certificate: str, channel_name: str, unix_ts: int,
                random_int: int, uid: int, expired_ts: int) -> str:
    """DynamicKey2: ``sig40 + app_id + ts10 + rand8 + uid10 + exp10`` (110 characters)."""
    ts10, rand8, tail = _common(app_id, app_certificate, channel_name, unix_ts, random_int)
    uid10, exp10 = _uid_exp(uid, expired_ts)
    sig = _hmac_sha1_hex(app_certificate, app_id + tail + uid10 + exp10)
    return sig + app_id + ts10 + rand8 + uid10 + exp10


def generate_v3(app_id: str, app_certificate: str, channel_name: str, unix_ts: int,
                random_int: int, uid: int, expired_ts: int) -> str:
    """DynamicKey3: ``"003"`` + the DynamicKey2 text (113 characters)."""
    return "003" + generate_v2(app_id, app_certificate, channel_name, unix_ts, random_int, uid,
                               expired_ts)


def generate_v4(service: str, app_id: str, app_certificate: str, channel_name: str,
                unix_ts: int, random_int: int, uid: int, expired_ts: int) -> str:
    """DynamicKey4 for service "APSS", "ARS" or "ACS"; the uid is signed, not carried."""
    ts10, rand8, tail = _common(app_id, app_certificate, channel_name, unix_ts, random_int)
    uid10, exp10 = _uid_exp(uid, expired_ts)
    sig = _hmac_sha1_hex(app_certificate, service + app_id + tail + uid10 + exp10)
    return "004" + sig + app_id + ts10 + rand8 + exp10


def _mapstr(extra: Mapping[int, str]) -> bytes:
    parts = [u16(len(extra))]
    parts.extend(u16(k) + length_prefixed(extra[k], "permission") for k in sorted(extra))
    return b"".join(parts)


def generate_v5(service_type: int, app_id: str, app_certificate: str, channel_name: str,
                unix_ts: int, random_int: int, uid: int, expired_ts: int,
                extra: Mapping[int, str] | None = None) -> str:
    """DynamicKey5: ``"005" + B64(content)``; app id and certificate are hex-decoded."""
    raw_app_id = bytes.fromhex(require_hex32(app_id, "app_id"))
    raw_cert = bytes.fromhex(require_hex32(app_certificate, "app_certificate"))
    channel = length_prefixed(require_text(channel_name, "channel_name"), "channel_name")
    ts = u32(_u32(unix_ts, "unix_ts", False))
    rnd = u32(_u32(random_int, "random_int", True))
    exp = u32(_u32(expired_ts, "expired_ts", False))
    packed_extra = _mapstr(extra or {})
    head = u16(service_type) + length_prefixed(raw_app_id) + ts + rnd
    to_sign = head + channel + u32(_u32(uid, "uid", True)) + exp + packed_extra
    sig = hmac.new(raw_cert, to_sign, hashlib.sha1).hexdigest().upper().encode("ascii")
    content = (u16(service_type) + length_prefixed(sig) + length_prefixed(raw_app_id) + ts + rnd
               + exp + packed_extra)
    return "005" + binascii.b2a_base64(content, newline=False).decode("ascii")


# ---------------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class DynamicKeyText:
    """A parsed DynamicKey 1-4 (fixed-width text). ``version`` is "1" or "2" for the
    prefix-less DynamicKey and DynamicKey2; ``uid`` is None for v1 and v4, ``expired_ts`` for
    v1."""

    version: str
    signature: str
    app_id: str
    unix_ts: int
    random_int: int
    expired_ts: int | None
    uid: int | None = None

    def to_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "version": self.version, "signature": self.signature, "app_id": self.app_id,
            "unix_ts": self.unix_ts, "random_int": self.random_int,
        }
        if self.uid is not None:
            fields["uid"] = self.uid
        if self.expired_ts is not None:
            fields["expired_ts"] = self.expired_ts
        return fields


@dataclass(frozen=True)
class DynamicKey5:
    """A parsed DynamicKey5; ``signature_bytes`` are the 40 carried characters (uppercase hex)."""

    service_type: int
    signature_bytes: bytes
    app_id: bytes
    unix_ts: int
    random_int: int
    expired_ts: int
    extra: Mapping[int, bytes] = field(default_factory=dict)

    @property
    def signature(self) -> str:
        """The carried signature as text (one character per byte)."""
        return self.signature_bytes.decode("latin-1")

    def to_fields(self) -> dict[str, Any]:
        return {
            "version": "005", "service_type": self.service_type,
            "signature": text_field(self.signature_bytes), "app_id": self.app_id.hex(),
            "unix_ts": self.unix_ts, "random_int": self.random_int,
            "expired_ts": self.expired_ts,
            "extra": {str(k): text_field(v) for k, v in self.extra.items()},
        }


def _hex_field(text: str, size: int, what: str) -> str:
    if len(text) != size or not text.isascii() or any(c not in "0123456789abcdefABCDEF"
                                                       for c in text):
        raise DecodeError(ReasonCode.BAD_FIELD, f"{what} must be {size} hex characters")
    return text


def _parse_text_key(token: str, version: str, prefix: str, with_uid: bool,
                    with_expiry: bool = True) -> DynamicKeyText:
    if prefix:
        require_prefix(token, prefix, f"expected the prefix {prefix!r}")
    elif not isinstance(token, str):
        raise DecodeError(ReasonCode.BAD_VERSION, f"expected text, got {type(token).__name__}")
    start = len(prefix)
    size = start + 40 + 32 + 10 + 8 + (10 if with_uid else 0) + (10 if with_expiry else 0)
    if len(token) < size:
        raise DecodeError(ReasonCode.TRUNCATED, f"{len(token)} characters, expected {size}")
    if len(token) > size:
        raise DecodeError(ReasonCode.TRAILING_BYTES, f"{len(token) - size} characters too many")
    signature = _hex_field(token[start:start + 40], 40, "signature")
    app_id = token[start + 40:start + 72]
    if not is_hex32(app_id):
        raise DecodeError(ReasonCode.BAD_APP_ID, "the app id must be 32 hex characters")
    unix_ts = decimal_u32(token[start + 72:start + 82], "unix_ts")
    random_int = int(_hex_field(token[start + 82:start + 90], 8, "random_int"), 16)
    uid = decimal_u32(token[start + 90:start + 100], "uid") if with_uid else None
    expired_ts = decimal_u32(token[-10:], "expired_ts") if with_expiry else None
    return DynamicKeyText(version, signature, app_id, unix_ts, random_int, expired_ts, uid)


def parse_v1(token: str) -> DynamicKeyText:
    """Parse a DynamicKey (v1, no prefix: sig40 + app_id + ts10 + rand8); raises only
    ``DecodeError``."""
    return _parse_text_key(token, "1", "", with_uid=False, with_expiry=False)


def parse_v2(token: str) -> DynamicKeyText:
    """Parse a DynamicKey2 (no prefix: the v1 text + uid10 + exp10); raises only
    ``DecodeError``."""
    return _parse_text_key(token, "2", "", with_uid=True)


def parse_v3(token: str) -> DynamicKeyText:
    """Parse a DynamicKey3 (``003``); raises only ``DecodeError``."""
    return _parse_text_key(token, "003", "003", with_uid=True)


def parse_v4(token: str) -> DynamicKeyText:
    """Parse a DynamicKey4 (``004``); raises only ``DecodeError``."""
    return _parse_text_key(token, "004", "004", with_uid=False)


def parse_v5(token: str) -> DynamicKey5:
    """Parse a DynamicKey5 (``005``); raises only ``DecodeError``."""
    require_prefix(token, "005", "expected the prefix '005'")
    reader = Reader(b64decode_strict(token[3:]))
    service_type = reader.u16("service_type")
    signature = reader.bytes16("signature")
    app_id = reader.bytes16("app_id")
    unix_ts = reader.u32("unix_ts")
    random_int = reader.u32("random_int")
    expired_ts = reader.u32("expired_ts")
    extra: dict[int, bytes] = {}
    for _ in range(reader.u16("extra count")):
        key = reader.u16("extra key")
        extra[key] = reader.bytes16("extra value")
    reader.expect_end("extra")
    return DynamicKey5(service_type, signature, app_id, unix_ts, random_int, expired_ts, extra)


def parse(token: str) -> DynamicKeyText | DynamicKey5:
    """Parse a DynamicKey3, 4 or 5 by its prefix; raises only ``DecodeError``."""
    parsers: dict[str, Callable[[str], DynamicKeyText | DynamicKey5]] = {
        "003": parse_v3, "004": parse_v4, "005": parse_v5,
    }
    prefix = token[:3] if isinstance(token, str) else ""
    if prefix not in parsers:
        raise DecodeError(ReasonCode.BAD_VERSION, "a DynamicKey starts with 003, 004 or 005")
    return parsers[prefix](token)


# ---------------------------------------------------------------------------------- specs

_BASE = (Param("app_id", "app_id"), Param("app_certificate", "app_certificate"),
         Param("channel_name", "text"), Param("unix_ts", "timestamp"), Param("random_int", "int"))
_FULL = (*_BASE, Param("uid", "int"), Param("expired_ts", "timestamp"))


def _base_args(args: Mapping[str, Any]) -> tuple[str, str, str, int, int]:
    return (str_arg(args, "app_id"), str_arg(args, "app_certificate"),
            str_arg(args, "channel_name"), int_arg(args, "unix_ts"),
            int_arg(args, "random_int", I32_MIN))


def _full_args(args: Mapping[str, Any]) -> tuple[str, str, str, int, int, int, int]:
    return (*_base_args(args), int_arg(args, "uid", I32_MIN), int_arg(args, "expired_ts"))


def _spec(builder_id: str, params: tuple[Param, ...], fn: Callable[[Mapping[str, Any]], str],
          summary: str) -> BuilderSpec:
    return BuilderSpec(id=builder_id, family=builder_id.split(".")[0], params=params,
                       build=lambda args, salt, now: fn(args), uses_salt=False,
                       uses_clock=False, summary=summary)


def _dk4(service: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda args: generate_v4(service, *_full_args(args))


def _dk5(service_type: int) -> Callable[[Mapping[str, Any]], str]:
    def build(args: Mapping[str, Any]) -> str:
        extra: dict[int, str] = {}
        if service_type == DK5_SERVICES["in_channel_permission"]:
            extra[DK5_ALLOW_UPLOAD_IN_CHANNEL] = str_arg(args, "permission")
        return generate_v5(service_type, *_full_args(args), extra=extra)
    return build


SPECS: tuple[BuilderSpec, ...] = (
    _spec("dynamic_key1.generate", _BASE, lambda a: generate_v1(*_base_args(a)),
          "DynamicKey v1 (90 characters, no prefix)"),
    _spec("dynamic_key2.generate", _FULL, lambda a: generate_v2(*_full_args(a)),
          "DynamicKey2 (110 characters, no prefix)"),
    _spec("dynamic_key3.generate", _FULL, lambda a: generate_v3(*_full_args(a)),
          "DynamicKey3 (003)"),
    *(_spec(f"dynamic_key4.generate_{name}_key", _FULL, _dk4(code), f"DynamicKey4 {code} (004)")
      for name, code in DK4_SERVICES.items()),
    *(_spec(f"dynamic_key5.generate_{name}_key",
            (*_FULL, Param("permission", "permission")) if code == 4 else _FULL,
            _dk5(code), f"DynamicKey5 service {code} (005)")
      for name, code in DK5_SERVICES.items()),
)
