"""Mutants shared by every format: uid rendering, text encoding and input validation."""

from __future__ import annotations

import hashlib
import hmac
import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from conformance.mutants.base import Call, Mutant, mutant, patched, rebound
from reference import (
    _at2_services,
    _identity,
    access_token,
    access_token2,
    builders,
    builders2,
    dynamic_key,
)
from reference import simple_token_builder as stb
from reference._wire import U16_MAX, U32_MAX, u16
from reference.errors import InvalidInput

_UID_MODULES = (_identity, builders2, builders)
_ACCOUNT_MODULES = (_identity, access_token, stb)
_TEXT_MODULES = (access_token2, _at2_services, builders2)  # Service.pack: _at2_services

Fn = Callable[..., Any]


# ---------------------------------------------------------------- uid rendering


def _uid_rule(make: Callable[[Fn], Fn]) -> Any:
    return patched(*rebound(_UID_MODULES, "account_from_uid", make))


@mutant("M01", "UID0_LITERAL", "uid rendering", 'numeric uid 0 is rendered "0", not ""',
        "A2, A3, A4, A5 (D-01, D-02)", "account_from_uid in _identity, builders, builders2",
        inputs=("uid", "uid_or_account"))
def _m01(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        return lambda uid, field="uid": "0" if type(uid) is int and uid == 0 else orig(uid, field)
    with _uid_rule(make):
        yield call


@mutant("M02", "UID_SIGNED32", "uid rendering", "a uid >= 2**31 is rendered as a signed "
        "32-bit decimal", "A1 (Java String.valueOf(int), D-04)", "account_from_uid",
        inputs=("uid", "uid_or_account"))
def _m02(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def signed(uid: Any, field: str = "uid") -> str:
            text: str = orig(uid, field)
            return str(uid - 2**32) if text and uid >= 2**31 else text
        return signed
    with _uid_rule(make):
        yield call


@mutant("M03", "UID_WRAP32", "uid rendering", "a uid >= 2**32 is reduced modulo 2**32 "
        "instead of refused", "A10 (uint32(ParseUint(..., 64)))", "account_from_uid",
        inputs=("uid", "uid_or_account"))
def _m03(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def wrap(uid: Any, field: str = "uid") -> str:
            if type(uid) is int and uid > U32_MAX:
                uid &= U32_MAX
            text: str = orig(uid, field)
            return text
        return wrap
    with _uid_rule(make):
        yield call


@mutant("M65", "UID_UNCHECKED", "uid rendering", "a uid over 2^32-1 is packed as its decimal "
        "text instead of refused", "A10 (no range check: Lua get_uid_str, Node `${uid}`, PHP, "
        "Perl)", "account_from_uid", inputs=("uid", "uid_or_account"))
def _m65(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def unchecked(uid: Any, field: str = "uid") -> str:
            if type(uid) is int and uid > U32_MAX:
                return str(uid)
            text: str = orig(uid, field)
            return text
        return unchecked
    with _uid_rule(make):
        yield call


def _loose_zero(is_zero: Callable[[str], bool]) -> Any:
    """Blank accounts that a loose numeric test sees as 0: 006 uid text and 007 RTC accounts."""
    def make_account(orig: Fn) -> Fn:
        def account(value: Any, field: str = "uid") -> str:
            text: str = orig(value, field)
            return "" if isinstance(value, str) and is_zero(value) else text
        return account

    def make_rtc(orig: Fn) -> Fn:
        def rtc(channel_name: Any, account: Any, *rest: Any) -> bytes:
            if isinstance(account, str) and is_zero(account):
                account = ""
            out: bytes = orig(channel_name, account, *rest)
            return out
        return rtc
    return patched(*rebound(_ACCOUNT_MODULES, "account_from_uid_or_account", make_account),
                   *rebound((builders2,), "_rtc_role", make_rtc),
                   *rebound((builders2,), "_rtc", make_rtc))


@mutant("M06", "STR_ZERO_WILDCARD", "uid rendering", 'the string account "0" is mapped to ""',
        "A7 (Perl == 0), loose uid == 0 checks (A6)",
        "account_from_uid_or_account; builders2._rtc_role/_rtc account",
        inputs=("account", "rtc_account", "uid_or_account"))
def _m06(call: Call) -> Iterator[Call]:
    with _loose_zero(lambda text: text == "0"):
        yield call


_PERL_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def perl_number(text: str) -> float:
    """What Perl's numeric context makes of a string: its leading number, else 0."""
    match = _PERL_NUMBER.match(text)
    return float(match.group()) if match else 0.0


@mutant("M07", "NONNUMERIC_WILDCARD", "uid rendering", "every account whose numeric value is 0 "
        '(any non-numeric string) is mapped to ""',
        "A7 (Perl $uid == 0, D-03, S-09; PHP 7 loose ==)",
        "account_from_uid_or_account; builders2._rtc_role/_rtc account",
        inputs=("account", "rtc_account", "uid_or_account"))
def _m07(call: Call) -> Iterator[Call]:
    with _loose_zero(lambda text: perl_number(text) == 0):
        yield call


# ---------------------------------------------------------------- text encoding


def _latin1(text: str) -> bytes:
    return text.encode("latin-1", "replace")


@mutant("M09", "LATIN1_TEXT", "text encoding", "text is encoded ISO-8859-1 (platform default), "
        "'?' for unmappable characters", "B1 (Java getBytes() without a charset, D-26)",
        "pack_text (007); access_token.sign and crc32_text (006)",
        inputs=("text", "services"))
def _m09(call: Call) -> Iterator[Call]:
    def make_pack(orig: Fn) -> Fn:
        return lambda value, name: orig(_latin1(value) if isinstance(value, str) else value, name)

    def sign(app_certificate: str, app_id: str, channel_name: str, uid_text: str,
             m: bytes) -> bytes:
        msg = _latin1(app_id + channel_name + uid_text) + m
        return hmac.new(app_certificate.encode("utf-8"), msg, hashlib.sha256).digest()

    with patched(*rebound(_TEXT_MODULES, "pack_text", make_pack),
                 (access_token, "sign", sign),
                 (access_token, "crc32_text", lambda text: zlib.crc32(_latin1(text)))):
        yield call


@mutant("M11", "LEN_CODEPOINTS", "text encoding", "the u16 length prefix counts code points, "
        "not UTF-8 bytes", "B4, B5, B6 (Ruby DynamicKey5 string.length, D-22)",
        "pack_text (007); dynamic_key.length_prefixed (DynamicKey5)",
        inputs=("text", "services"))
def _m11(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def by_code_points(value: Any, *name: Any) -> bytes:
            out: bytes = orig(value, *name)
            return u16(len(value) & U16_MAX) + out[2:] if isinstance(value, str) else out
        return by_code_points
    with patched(*rebound(_TEXT_MODULES, "pack_text", make),
                 *rebound((dynamic_key,), "length_prefixed", make)):
        yield call


# ---------------------------------------------------------------- validation


def _hex_validators(accept: Callable[[str, bool], bool]) -> Any:
    """Replace the 32-hex checks: ``accept(value, canonical_verdict)`` decides."""
    def make_match(orig: Fn) -> Fn:
        def match(value: str) -> object:
            return True if accept(value, orig(value) is not None) else None
        return match

    def make_check(orig: Fn) -> Fn:
        def check(value: object, field_name: str) -> bytes:
            if isinstance(value, str) and accept(value, access_token.is_hex32(value)):
                return value.encode("utf-8")
            raise InvalidInput(field_name, "must be exactly 32 hexadecimal characters")
        return check

    def make_is_hex(orig: Fn) -> Fn:
        return lambda value: isinstance(value, str) and accept(value, bool(orig(value)))

    return patched(*rebound((access_token2,), "_hex32", make_match),
                   *rebound((access_token2,), "check_credential", make_check),
                   *rebound((access_token,), "is_hex32", make_is_hex))


@mutant("M39", "UUID_LEADING_ZERO", "validation", "the hex validator rejects an app id or "
        "certificate starting with 0", "I1 (Ruby str.to_i(16).to_s(16) == str.downcase)",
        "access_token2._hex32/check_credential, access_token.is_hex32",
        inputs=("app_id",))
def _m39(call: Call) -> Iterator[Call]:
    with _hex_validators(lambda value, ok: ok and not value.startswith("0")):
        yield call


@mutant("M40", "U16_LEN_WRAP", "validation", "a text field over 65535 bytes wraps its u16 "
        "length prefix instead of being refused", "I4 (C++ Packer static_cast<uint16_t>)",
        "pack_text (007)",
        inputs=("text", "services"))
def _m40(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def wrapping(value: Any, name: str) -> bytes:
            raw = value.encode("utf-8") if isinstance(value, str) else value
            if isinstance(raw, bytes) and len(raw) > U16_MAX:
                return u16(len(raw) & U16_MAX) + raw
            out: bytes = orig(value, name)
            return out
        return wrapping
    with patched(*rebound(_TEXT_MODULES, "pack_text", make)):
        yield call


@mutant("M41", "EMPTY_SERVICES_ALLOWED", "validation", "a 007 token with no service is "
        "built instead of refused", "I5 (C#, Go, Java, Lua, PHP, Ruby, Rust until df03379)",
        "access_token2.MIN_SERVICES = 0",
        inputs=("services",))
def _m41(call: Call) -> Iterator[Call]:
    with patched((access_token2, "MIN_SERVICES", 0)):
        yield call


@mutant("M42", "NO_HEX_CHECK", "validation", "the app id and certificate are not checked to "
        "be 32 hex characters", "S-10, D-19 (Python/Go/Node/PHP/Perl 006, PHP 007)",
        "access_token2._hex32/check_credential, access_token.is_hex32 accept any text",
        inputs=("app_id",), spares=("dynamic_key5.*",),
        spared_because="DynamicKey5 hex-decodes the app id and certificate, which fails on a "
        "non-hex one whatever the check")
def _m42(call: Call) -> Iterator[Call]:
    with _hex_validators(lambda value, ok: True):
        yield call


MUTANTS: tuple[Mutant, ...] = (_m01, _m02, _m03, _m65, _m06, _m07, _m09, _m11, _m39, _m40, _m41,
                               _m42)
