"""AccessToken2 (007) mutants: ordering, duplicates, field placement, APaaS roles, signature
derivation, compression and base64, expiry semantics."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
import types
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from conformance.mutants.base import Call, Mutant, mutant, patched, rebound, substituted
from reference import _at2_services, access_token, access_token2, builders2, dynamic_key
from reference._wire import U32_MAX, u16, u32
from reference.access_token2 import CHAT, Service
from reference.registry import BUILDERS

Fn = Callable[..., Any]
PACKERS = (access_token2, _at2_services, builders2)  # Service.pack looks up in _at2_services
ALL_007 = ("access_token2.*", "rtc2.*", "rtm2.*", "chat2.*", "fpa2.*", "apaas2.*",
           "education2.*", "convoai2.*", "stt2.*")
ROOM_USER = ("apaas2.build_room_user_token", "education2.build_room_user_token")


# ---------------------------------------------------------------- ordering and duplicates


def insertion_map32(entries: Mapping[int, int]) -> bytes:
    """``map32`` in insertion order (an unsorted hash map or Dictionary)."""
    return u16(len(entries)) + b"".join(u16(k) + u32(v) for k, v in entries.items())


@mutant("M12", "PRIV_INSERTION", "ordering", "privilege maps are packed in insertion order, "
        "not by ascending id", "D4, C5 (PHP/Ruby/C# 006, C# 007 Dictionary; D-12, D-13)",
        "access_token2/builders2.pack_privileges, access_token.map32",
        inputs=("privileges", "services", "steps"))
def _m12(call: Call) -> Iterator[Call]:
    with privilege_maps(insertion_map32):
        yield call


def privilege_maps(pack: Callable[[Mapping[int, int]], bytes]) -> Any:
    """Pack every 006 and 007 privilege map with ``pack`` (after the reference's range checks)."""
    def make(orig: Fn) -> Fn:
        def packed(privileges: Mapping[int, int]) -> bytes:
            orig(privileges)  # the reference's range checks still apply
            return pack(privileges)
        return packed
    return patched(*rebound(PACKERS, "pack_privileges", make), (access_token, "map32", pack))


def _services(make: Callable[[Fn], Fn]) -> Any:
    return patched(*rebound(PACKERS, "sorted_services", make))


@mutant("M14", "SERVICE_INSERTION", "ordering", "services are packed in insertion order, not "
        "sorted by type", "D1 (PHP until 16fece5, Python until 736c8e6, C# 2ea84aa..545a4d1)",
        "access_token2/builders2.sorted_services",
        inputs=("services",))
def _m14(call: Call) -> Iterator[Call]:
    with _services(lambda orig: list):
        yield call


@mutant("M15", "SERVICE_DEDUP", "duplicates", "services of one type collapse, the last one "
        "wins (the count is adjusted)", "D3 (map<type, service>; go-tokenbuilder, agoraiotools)",
        "access_token2/builders2.sorted_services",
        inputs=("services",))
def _m15(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def dedup(services: Iterable[Service]) -> list[Service]:
            by_type: dict[int, Service] = {}
            for service in services:
                by_type[service.type] = service
            out: list[Service] = orig(by_type.values())
            return out
        return dedup
    with _services(make):
        yield call


# ---------------------------------------------------------------- field placement and roles


@mutant("M17", "APAAS_ROLE_I32", "field placement", "the APaaS role is packed as a 4-byte int32",
        "E2 (PHP pack('l') 65818f7..4370c96, early Java/Go)", "access_token2/builders2.pack_i16",
        builders=ALL_007,
        inputs=("apaas_role", "services"))
def _m17(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def int32(value: int, field_name: str) -> bytes:
            orig(value, field_name)
            return struct.pack("<i", value)
        return int32
    with patched(*rebound(PACKERS, "pack_i16", make)):
        yield call


@mutant("M43", "CHAT_UID_TYPENAME", "field placement", 'the room user\'s Chat user id is the '
        'literal text "System.Byte[]", not MD5 hex', "C8, D-18 (C# ComputeHash().ToString())",
        "builders2.chat_user_id", builders=ROOM_USER)
def _m43(call: Call) -> Iterator[Call]:
    with patched((builders2, "chat_user_id", lambda user_uuid: "System.Byte[]")):
        yield call


@mutant("M44", "CHAT_PRIV_ON_RTM", "field placement", "the room user's Chat privilege is added "
        "to the RTM service; the Chat service keeps an empty map", "C7, D-15 (Java copy-paste)",
        "builders2._user for the room user's Chat service", builders=ROOM_USER)
def _m44(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def user(service_type: int, user_id: Any, privilege: int, expire: int,
                 name: str) -> bytes:
            out: bytes = orig(service_type, user_id, privilege, expire, name)
            return out[:2] + u16(0) + out[10:] if service_type == CHAT else out
        return user
    with patched(*rebound((builders2,), "_user", make)):
        yield call


def java_md5(user_uuid: Any) -> str:
    """Java ``Utils.md5``: BigInteger hex, padded by a loop whose bound shrinks as it grows."""
    raw = user_uuid.encode("utf-8") if isinstance(user_uuid, str) else user_uuid
    text = format(int.from_bytes(hashlib.md5(raw).digest(), "big"), "x")
    i = 0
    while i < 32 - len(text):
        text = "0" + text
        i += 1
    return text


@mutant("M45", "MD5_UNDERPAD", "field placement", "an MD5 chat user id whose digest starts "
        "with 00 comes out 31 hex characters long", "C9, D-21 (Java Utils.md5 padding loop)",
        "builders2.chat_user_id", builders=ROOM_USER,
        inputs=("user_uuid",))
def _m45(call: Call) -> Iterator[Call]:
    with patched((builders2, "chat_user_id", java_md5)):
        yield call


def _apaas(transform: Callable[[int, dict[int, int]], tuple[int, dict[int, int]]]) -> Any:
    def make(orig: Fn) -> Fn:
        def apaas(room_uuid: Any, user_uuid: Any, role: int, privileges: dict[int, int]
                  ) -> bytes:
            role, privileges = transform(role, privileges)
            out: bytes = orig(room_uuid, user_uuid, role, privileges)
            return out
        return apaas
    return patched(*rebound((builders2,), "_apaas", make))


@mutant("M46", "APAAS_ROLE0_TO_MINUS1", "roles", "APaaS role 0 is packed as -1 (role || -1)",
        "C6, D-16 (Node/Deno ServiceApaas)", "builders2._apaas role", builders=ROOM_USER,
        inputs=("apaas_role",))
def _m46(call: Call) -> Iterator[Call]:
    with _apaas(lambda role, privileges: (role or -1, privileges)):
        yield call


@mutant("M47", "APAAS_ROOM_PRIV_MISSING", "roles", "the room user token never adds RoomUser "
        "to the APaaS service (empty privilege map)", "C6, D-16 (Node/Deno buildRoomUserToken)",
        "builders2._apaas privileges", builders=ROOM_USER)
def _m47(call: Call) -> Iterator[Call]:
    with _apaas(lambda role, privileges: (role, {k: v for k, v in privileges.items() if k != 1})):
        yield call


# ---------------------------------------------------------------- signature derivation


def _signer(derive: Callable[[bytes, int, int], bytes]) -> Any:
    """Replace ``access_token2.sign`` (what ``assemble`` calls) with another key derivation."""
    def sign(app_certificate: bytes, issue_ts: int, salt: int, signing_info: bytes) -> bytes:
        return hmac.digest(derive(app_certificate, issue_ts, salt), signing_info, "sha256")
    return patched((access_token2, "sign", sign))


@mutant("M23", "HMAC_KEY_SWAP", "signature derivation", "the signing key is HMAC(key=cert, "
        "msg=u32(ts)) then HMAC(key=that, msg=u32(salt))", "F1 (Deno 'official port')",
        "access_token2.sign", builders=ALL_007)
def _m23(call: Call) -> Iterator[Call]:
    def swapped(app_certificate: bytes, issue_ts: int, salt: int) -> bytes:
        k1 = hmac.digest(app_certificate, u32(issue_ts), "sha256")
        return hmac.digest(k1, u32(salt), "sha256")
    with _signer(swapped):
        yield call


@mutant("M24", "SIGN_WITH_CERT", "signature derivation", "the 007 signature is HMAC(cert, "
        "signing_info): the ts/salt key derivation is skipped", "F2 (006 habit)",
        "access_token2.sign", builders=ALL_007)
def _m24(call: Call) -> Iterator[Call]:
    with _signer(lambda app_certificate, issue_ts, salt: app_certificate):
        yield call


# ---------------------------------------------------------------- compression and base64

_CODECS = (access_token2, access_token, dynamic_key)


def _zlib(compress: Callable[[bytes, int], bytes]) -> Any:
    """Replace the 007 deflate (``zlib`` or ``compress``, however access_token2 imports it)."""
    shim = types.SimpleNamespace(**{**vars(zlib), "compress": compress})
    return patched(*substituted((access_token2,), {id(zlib): shim, id(zlib.compress): compress}))


def raw_deflate(data: bytes, level: int = 6) -> bytes:
    engine = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return engine.compress(data) + engine.flush()


@mutant("M28", "RAW_DEFLATE", "compression and base64", "the 007 body is raw DEFLATE (no zlib "
        "header, no Adler-32)", "F1 (CompressionStream('deflate-raw'))",
        "access_token2.zlib / compress")
def _m28(call: Call) -> Iterator[Call]:
    with _zlib(raw_deflate):
        yield call


def level9(data: bytes, level: int = 6) -> bytes:
    return zlib.compress(data, 9)


@mutant("M29", "ZLIB_LEVEL9", "compression and base64", "zlib level 9 (header 78 DA) instead "
        "of 6: a correct token", "G2 (DotNetZip level knob); the oracle's calibration control",
        "access_token2.zlib / compress", control=True)
def _m29(call: Call) -> Iterator[Call]:
    with _zlib(level9):
        yield call


def _base64(encode: Callable[[bytes], bytes]) -> Any:
    """Replace the base64 encoder of 007, 006 and DynamicKey5 (``base64.b64encode`` or
    ``binascii.b2a_base64``, by module or by name)."""
    def b2a(data: bytes, *, newline: bool = True) -> bytes:
        return encode(data) + (b"\n" if newline else b"")
    replacements = {
        id(binascii): types.SimpleNamespace(**{**vars(binascii), "b2a_base64": b2a}),
        id(base64): types.SimpleNamespace(**{**vars(base64), "b64encode": encode}),
        id(binascii.b2a_base64): b2a, id(base64.b64encode): encode,
    }
    return patched(*substituted(_CODECS, replacements))


@mutant("M30", "B64_URLSAFE", "compression and base64", "base64 uses the URL-safe - and _ "
        "alphabet", "G3 (JWT habit; lenient decoders hide it)", "b64encode / b2a_base64 in "
        "access_token2, access_token, dynamic_key")
def _m30(call: Call) -> Iterator[Call]:
    with _base64(base64.urlsafe_b64encode):
        yield call


@mutant("M48", "B64_UNPADDED", "compression and base64", "base64 padding '=' is stripped",
        "G3, D-20 (RawStdEncoding / JWT habit)", "b64encode / b2a_base64 in "
        "access_token2, access_token, dynamic_key",
        spares=("access_token.*", "rtc.*", "rtm.*", "simple_token_builder.*",
                "dynamic_key5.generate_in_channel_permission_key"),
        spared_because="their content length is fixed modulo 3 (006: 54 + 6 bytes per "
        "privilege; an in-channel DynamicKey5: 81 bytes), so their base64 never has padding")
def _m48(call: Call) -> Iterator[Call]:
    with _base64(lambda data: base64.b64encode(data).rstrip(b"=")):
        yield call


# ---------------------------------------------------------------- expiry semantics


def _absolute(value: Any, now: int) -> Any:
    return now + value if type(value) is int and now + value <= U32_MAX else value


@mutant("M33", "EXPIRE_ABSOLUTE_007", "expiry semantics", "007 expire and privilege values "
        "are written as issue_ts + seconds", "H5 (agora-token-service 6dd6cc6..172cbfd, npm)",
        "arguments of kind 'seconds' (and low-level privilege values) + now", builders=ALL_007)
def _m33(call: Call) -> Iterator[Call]:
    spec = BUILDERS.get(call.builder)
    if spec is None or call.now is None:
        yield call
        return
    now = call.now
    changes = {p.name: _absolute(call.args[p.name], now) for p in spec.params
               if p.kind == "seconds" and p.name in call.args}
    services = call.args.get("services")
    if isinstance(services, list):
        changes["services"] = [
            {**s, "privileges": {k: _absolute(v, now) for k, v in s["privileges"].items()}}
            if isinstance(s, Mapping) and isinstance(s.get("privileges"), Mapping) else s
            for s in services]
    yield call.with_args(**changes)


@mutant("M34", "PRIV_EXPIRE_DEFAULTS_TO_TOKEN", "expiry semantics", "an RTC privilege_expire "
        "of 0 (or absent) becomes the token expiry", "D-08 (Dart RTC 007 builders)",
        "argument privilege_expire", builders=("rtc2.build_token_with_uid",
                                               "rtc2.build_token_with_user_account",
                                               "rtc2.build_token_with_rtm"),
        inputs=("privilege_expire",))
def _m34(call: Call) -> Iterator[Call]:
    if not call.args.get("privilege_expire") and "token_expire" in call.args:
        yield call.with_args(privilege_expire=call.args["token_expire"])
    else:
        yield call


MUTANTS: tuple[Mutant, ...] = (_m12, _m14, _m15, _m17, _m43, _m44, _m45, _m46, _m47, _m23,
                               _m24, _m28, _m29, _m30, _m48, _m33, _m34)
