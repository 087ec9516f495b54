"""AccessToken 006, SimpleTokenBuilder and legacy-key mutants (plus the role mutants, whose
catalogue rows are 006 ones; M20/M21 extend to the 007 role flag)."""

from __future__ import annotations

import binascii
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from conformance.mutants.base import Call, Mutant, mutant, patched, rebound
from conformance.mutants.bugs_007 import insertion_map32
from reference import access_token, builders, builders2, dynamic_key
from reference import simple_token_builder as stb
from reference._wire import u16, u32
from reference.access_token import Privilege
from reference.builders import RTC_ROLE_PRIVILEGES

Fn = Callable[..., Any]
STB = ("simple_token_builder.*",)
_JOIN = (int(Privilege.JOIN_CHANNEL),)
_PUBLISH = RTC_ROLE_PRIVILEGES["publisher"]


# ---------------------------------------------------------------- field placement


@mutant("M08", "RTM006_UID_SLOT", "field placement", "the RTM 006 user id goes into the uid "
        "slot, with the channel empty", "C1 (PRs #37, #128, #138, #169)", "builders.build_rtm")
def _m08(call: Call) -> Iterator[Call]:
    def build_rtm(app_id: str, app_certificate: str, user_account: str,
                  privilege_expired_ts: int, *, salt: int | None = None,
                  ts: int | None = None) -> str:
        privileges = {int(Privilege.RTM_LOGIN): privilege_expired_ts}
        return access_token.build(app_id, app_certificate, "", user_account, privileges,
                                  salt=salt, ts=ts)
    with patched((builders, "build_rtm", build_rtm)):
        yield call


# ---------------------------------------------------------------- roles


def _roles(rtc006: Mapping[str, tuple[int, ...]] | None, publishes007: bool | None) -> Any:
    targets: list[tuple[object, str, object]] = []
    if rtc006 is not None:
        targets.append((builders, "RTC_ROLE_PRIVILEGES", dict(rtc006)))
    if publishes007 is not None:
        targets.append((builders2, "ROLES2", dict.fromkeys(builders2.ROLES2, publishes007)))
    return patched(*targets)


@mutant("M19", "ROLE_SUB_PUBLISHES", "roles", "the 006 publish set is {Publisher, Subscriber, "
        "Admin} instead of {Attendee, Publisher, Admin}", "C2 (Java, Ruby to HEAD; D-06)",
        "builders.RTC_ROLE_PRIVILEGES",
        inputs=("role", "role2"))
def _m19(call: Call) -> Iterator[Call]:
    table = {"attendee": _JOIN, "publisher": _PUBLISH, "subscriber": _PUBLISH, "admin": _PUBLISH}
    with _roles(table, None):
        yield call


@mutant("M20", "ROLE_NEVER_PUBLISHES", "roles", "publish privileges are never added",
        "C3 (Python 006 'role == A | role == B' chained comparison)",
        "builders.RTC_ROLE_PRIVILEGES, builders2.ROLES2",
        inputs=("role", "role2"))
def _m20(call: Call) -> Iterator[Call]:
    with _roles(dict.fromkeys(builders.RTC_ROLES, _JOIN), False):
        yield call


@mutant("M21", "ROLE_IGNORED", "roles", "every role gets the publish privileges",
        "C10 (Dart 'role not used in AccessToken 2.0')",
        "builders.RTC_ROLE_PRIVILEGES, builders2.ROLES2",
        inputs=("role", "role2"))
def _m21(call: Call) -> Iterator[Call]:
    with _roles(dict.fromkeys(builders.RTC_ROLES, _PUBLISH), True):
        yield call


# ---------------------------------------------------------------- 006 expiry semantics


@mutant("M49", "EXPIRE_RELATIVE_006", "expiry semantics", "the 006 privilege expiry is taken "
        "as relative seconds and written as now + value", "H5 (007 habit carried to 006)",
        "argument privilege_expired_ts + now", builders=("rtc.*", "rtm.*"),
        inputs=("privilege_expired_ts",))
def _m49(call: Call) -> Iterator[Call]:
    value = call.args.get("privilege_expired_ts")
    if call.now is not None and type(value) is int and value:
        yield call.with_args(privilege_expired_ts=call.now + value)
    else:
        yield call


@mutant("M50", "TS_NO_LIFETIME_006", "expiry semantics", "the 006 ts is now instead of "
        "now + 86400", "H5 (ts read as issue time, as in 007)", "access_token.TOKEN_LIFETIME = 0")
def _m50(call: Call) -> Iterator[Call]:
    with patched((access_token, "TOKEN_LIFETIME", 0)):
        yield call


# ---------------------------------------------------------------- SimpleTokenBuilder


def string_order_map32(entries: Mapping[int, int]) -> bytes:
    """Perl ``sort keys %$extra``: ids in string order ("10" < "2")."""
    return u16(len(entries)) + b"".join(u16(k) + u32(entries[k]) for k in sorted(entries, key=str))


@mutant("M51", "STB_PRIV_STRING_ORDER", "simple token builder", "privileges are packed in "
        "string order of their ids", "S-02, D5, D-13 (Perl _pack_map_uint32)",
        "access_token.map32", builders=STB,
        inputs=("steps",))
def _m51(call: Call) -> Iterator[Call]:
    with patched((access_token, "map32", string_order_map32)):
        yield call


@mutant("M52", "STB_PRIV_INSERTION", "simple token builder", "privileges are packed in "
        "insertion order", "S-02, D-13 (PHP SimpleTokenBuilder)", "access_token.map32",
        builders=STB,
        inputs=("steps",))
def _m52(call: Call) -> Iterator[Call]:
    with patched((access_token, "map32", insertion_map32)):
        yield call


@mutant("M53", "STB_INIT_MERGES", "simple token builder", "init_privileges merges the preset "
        "into the map instead of replacing it", "S-03 (Go, PHP, Perl)",
        "SimpleTokenBuilder.init_privileges", builders=STB,
        inputs=("steps",))
def _m53(call: Call) -> Iterator[Call]:
    orig = stb.SimpleTokenBuilder.init_privileges

    def init_privileges(self: stb.SimpleTokenBuilder, role: Any) -> None:
        before = self.privileges
        orig(self, role)
        before.update(self.privileges)
        self._privileges = before
    with patched((stb.SimpleTokenBuilder, "init_privileges", init_privileges)):
        yield call


@mutant("M54", "STB_APPID_NOT_ADOPTED", "simple token builder", "init_token_builder keeps the "
        "builder's app id instead of the token's", "S-07 (Go, Python, Node, Perl)",
        "SimpleTokenBuilder.init_token_builder", builders=STB,
        inputs=("steps",))
def _m54(call: Call) -> Iterator[Call]:
    orig = stb.SimpleTokenBuilder.init_token_builder

    def init_token_builder(self: stb.SimpleTokenBuilder, token: str) -> Any:
        app_id = self.app_id
        result = orig(self, token)
        self.app_id = app_id
        return result
    with patched((stb.SimpleTokenBuilder, "init_token_builder", init_token_builder)):
        yield call


# ---------------------------------------------------------------- legacy keys


@mutant("M55", "DK4_UID_UNPADDED", "legacy keys", "DynamicKey4 signs the uid as plain decimal, "
        "not zero-padded to 10 digits", "A11 (C# DynamicKey4 padding commented out)",
        "dynamic_key._uid_exp", builders=("dynamic_key4.*",),
        inputs=("uid",))
def _m55(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        def unpadded(uid: int, expired_ts: int) -> tuple[str, str]:
            uid10, exp10 = orig(uid, expired_ts)
            return str(int(uid10)), exp10
        return unpadded
    with patched(*rebound((dynamic_key,), "_uid_exp", make)):
        yield call


@mutant("M56", "DK5_EXTRA_DROPPED", "legacy keys", "the DynamicKey5 extra map keeps its count "
        "but drops its entries", "D-22 (Ruby pack_map, c775ff2)", "dynamic_key._mapstr",
        builders=("dynamic_key5.*",),
        inputs=("permission",))
def _m56(call: Call) -> Iterator[Call]:
    with patched((dynamic_key, "_mapstr", lambda extra: u16(len(extra)))):
        yield call


def lowercase_dk5_signature(token: str) -> str:
    """A DynamicKey5 with its 40 signature characters in lower case."""
    content = bytearray(binascii.a2b_base64(token[3:]))
    content[4:44] = bytes(content[4:44]).lower()
    return "005" + binascii.b2a_base64(bytes(content), newline=False).decode("ascii")


@mutant("M57", "DK5_SIG_LOWERCASE", "signature derivation", "the DynamicKey5 signature is "
        "lower-case hex", "port-bugs §7 reserve DK5_SIG_LOWERCASE", "dynamic_key.generate_v5",
        builders=("dynamic_key5.*",))
def _m57(call: Call) -> Iterator[Call]:
    def make(orig: Fn) -> Fn:
        return lambda *args, **kwargs: lowercase_dk5_signature(orig(*args, **kwargs))
    with patched(*rebound((dynamic_key,), "generate_v5", make)):
        yield call


@mutant("M61", "PUBLISH_ORDER_1324", "ordering", "the 006 publisher's privileges are packed "
        "in the order they are added: 1, 3, 2, 4", "D4, D-12 (PHP RtcTokenBuilder insertion "
        "order)", "builders.RTC_ROLE_PRIVILEGES (1, 3, 2, 4) and access_token.map32",
        builders=("rtc.*",), inputs=("role",))
def _m61(call: Call) -> Iterator[Call]:
    order = {k: (1, 3, 2, 4) if v == _PUBLISH else v for k, v in RTC_ROLE_PRIVILEGES.items()}
    with patched((builders, "RTC_ROLE_PRIVILEGES", order),
                 (access_token, "map32", insertion_map32)):
        yield call


@mutant("M62", "STB_REINIT_MERGES", "simple token builder", "init_token_builder merges the "
        "token's privileges into the map instead of replacing it", "S-03 (Perl, PHP 2019)",
        "SimpleTokenBuilder.init_token_builder", builders=STB, inputs=("steps",))
def _m62(call: Call) -> Iterator[Call]:
    orig = stb.SimpleTokenBuilder.init_token_builder

    def init_token_builder(self: stb.SimpleTokenBuilder, token: str) -> Any:
        before = self.privileges
        result = orig(self, token)
        self._privileges = {**before, **self.privileges}
        return result
    with patched((stb.SimpleTokenBuilder, "init_token_builder", init_token_builder)):
        yield call


@mutant("M63", "STB_REINIT_LENIENT", "simple token builder", "init_token_builder accepts a "
        "token it cannot parse (truncated, mis-versioned) and reports success",
        "S-08 (Perl lenient parse; C++ and Java always true)",
        "SimpleTokenBuilder.init_token_builder", builders=STB, inputs=("steps",))
def _m63(call: Call) -> Iterator[Call]:
    orig = stb.SimpleTokenBuilder.init_token_builder

    def init_token_builder(self: stb.SimpleTokenBuilder, token: str) -> Any:
        result = orig(self, token)
        return result if result.ok else stb.InitResult(ok=True)
    with patched((stb.SimpleTokenBuilder, "init_token_builder", init_token_builder)):
        yield call


MUTANTS: tuple[Mutant, ...] = (_m08, _m19, _m20, _m21, _m49, _m50, _m51, _m52, _m53, _m54,
                               _m55, _m56, _m57, _m61, _m62, _m63)
