"""006 builders (low-level AccessToken, RTC, RTM) and the argument helpers of 006/legacy specs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reference import access_token
from reference._identity import account_from_uid
from reference._wire import U32_MAX, check_int
from reference.access_token import Privilege
from reference.errors import InvalidInput
from reference.spec import BuilderSpec, BuildFn, Param

RTC_ROLES: dict[str, int] = {"attendee": 0, "publisher": 1, "subscriber": 2, "admin": 101}
"""006 RTC role names and their upstream numbers (docs/formats.md section 3.2)."""

_PUBLISH = tuple(int(p) for p in (
    Privilege.JOIN_CHANNEL,
    Privilege.PUBLISH_AUDIO_STREAM,
    Privilege.PUBLISH_VIDEO_STREAM,
    Privilege.PUBLISH_DATA_STREAM,
))
RTC_ROLE_PRIVILEGES: dict[str, tuple[int, ...]] = {
    "attendee": _PUBLISH,
    "publisher": _PUBLISH,
    "subscriber": (int(Privilege.JOIN_CHANNEL),),
    "admin": _PUBLISH,
}
"""Canonical 006 role mapping (C++, Python, Go, Node, PHP, C#); Java and Ruby differ (D-06)."""

RTM_ROLES: dict[str, int] = {"rtm_user": 1}


def arg(args: Mapping[str, Any], name: str, default: Any = None, required: bool = True) -> Any:
    """The named argument; a missing required one raises ``InvalidInput(name)``."""
    if name in args:
        return args[name]
    if required:
        raise InvalidInput(name, "missing argument")
    return default


def int_arg(args: Mapping[str, Any], name: str, lo: int = 0, hi: int = U32_MAX) -> int:
    """An integer argument within ``lo..hi`` (bool refused)."""
    return check_int(arg(args, name), name, lo, hi)


def str_arg(args: Mapping[str, Any], name: str) -> str:
    """A text argument."""
    value = arg(args, name)
    if not isinstance(value, str):
        raise InvalidInput(name, f"expected text, got {type(value).__name__}")
    return value


def choice_arg(args: Mapping[str, Any], name: str, choices: Mapping[str, Any], default: Any = None,
               required: bool = True) -> str:
    """A symbolic name that must be one of ``choices``."""
    value = arg(args, name, default, required)
    if not isinstance(value, str) or value not in choices:
        raise InvalidInput(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


def ts_from_now(now: int | None) -> int:
    """006 builders' token ``ts``: ``now + 86400`` (the real clock when ``now`` is None)."""
    if now is None:
        return access_token.default_ts()
    if isinstance(now, bool) or not isinstance(now, int):
        raise InvalidInput("now", f"expected an integer clock, got {type(now).__name__}")
    ts = now + access_token.TOKEN_LIFETIME
    if not 0 <= ts <= U32_MAX:
        raise InvalidInput("now", f"now + 86400 = {ts} does not fit the u32 ts field")
    return ts


def privileges_arg(args: Mapping[str, Any], name: str = "privileges") -> dict[int, int]:
    """A mapping of decimal privilege ids ("1" or 1) to u32 values."""
    raw = arg(args, name)
    if not isinstance(raw, Mapping):
        raise InvalidInput(name, f"expected a mapping of id -> value, got {type(raw).__name__}")
    result: dict[int, int] = {}
    for key, value in raw.items():
        if isinstance(key, str) and key.isascii() and key.isdigit():
            key_int = int(key)
        elif isinstance(key, int) and not isinstance(key, bool):
            key_int = key
        else:
            raise InvalidInput(name, f"privilege id {key!r} is not a decimal integer")
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(name, f"privilege {key_int} value {value!r} is not an integer")
        result[key_int] = value
    return result


def build_rtc(app_id: str, app_certificate: str, channel_name: str, account: str, role: str,
              privilege_expired_ts: int, *, salt: int | None = None, ts: int | None = None) -> str:
    """An RTC 006 token: the role's privileges, each expiring at ``privilege_expired_ts``."""
    try:
        granted = RTC_ROLE_PRIVILEGES[role]
    except KeyError:
        raise InvalidInput("role", f"{role!r} is not one of {', '.join(RTC_ROLES)}") from None
    privileges = dict.fromkeys(granted, privilege_expired_ts)
    return access_token.build(app_id, app_certificate, channel_name, account, privileges,
                              salt=salt, ts=ts)


def build_rtm(app_id: str, app_certificate: str, user_account: str, privilege_expired_ts: int,
              *, salt: int | None = None, ts: int | None = None) -> str:
    """An RTM 006 token: channel slot = user account, uid "", {1000: privilege_expired_ts}."""
    privileges = {int(Privilege.RTM_LOGIN): privilege_expired_ts}
    return access_token.build(app_id, app_certificate, user_account, "", privileges,
                              salt=salt, ts=ts)


def _low_level(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    uid = arg(args, "uid")
    if not isinstance(uid, (int, str)):
        raise InvalidInput("uid", f"expected an integer or text, got {type(uid).__name__}")
    return access_token.build(
        str_arg(args, "app_id"), str_arg(args, "app_certificate"), str_arg(args, "channel_name"),
        uid, privileges_arg(args), salt=salt, ts=int_arg(args, "ts"),
    )


def _rtc_with_uid(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    account = account_from_uid(arg(args, "uid"), "uid")
    return build_rtc(
        str_arg(args, "app_id"), str_arg(args, "app_certificate"), str_arg(args, "channel_name"),
        account, choice_arg(args, "role", RTC_ROLES), int_arg(args, "privilege_expired_ts"),
        salt=salt, ts=ts_from_now(now),
    )


def _rtc_with_account(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    return build_rtc(
        str_arg(args, "app_id"), str_arg(args, "app_certificate"), str_arg(args, "channel_name"),
        str_arg(args, "account"), choice_arg(args, "role", RTC_ROLES),
        int_arg(args, "privilege_expired_ts"), salt=salt, ts=ts_from_now(now),
    )


def _rtm(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    choice_arg(args, "role", RTM_ROLES, default="rtm_user", required=False)
    return build_rtm(
        str_arg(args, "app_id"), str_arg(args, "app_certificate"), str_arg(args, "user_account"),
        int_arg(args, "privilege_expired_ts"), salt=salt, ts=ts_from_now(now),
    )


_KEYS = (Param("app_id", "app_id"), Param("app_certificate", "app_certificate"))


def _rtc_spec(user_kind: str, user: Param, build: BuildFn, who: str) -> BuilderSpec:
    """The two 006 RTC builders differ only in how the user is named."""
    return BuilderSpec(
        id=f"rtc.build_token_with_{user_kind}",
        family="rtc",
        params=(*_KEYS, Param("channel_name", "text"), user,
                Param("role", "role"), Param("privilege_expired_ts", "timestamp")),
        build=build,
        summary=f"006 RTC token for {who} (ts = now + 86400)",
    )


SPECS: tuple[BuilderSpec, ...] = (
    BuilderSpec(
        id="access_token.build",
        family="access_token",
        params=(*_KEYS, Param("channel_name", "text"), Param("uid", "uid_or_account"),
                Param("ts", "timestamp"), Param("privileges", "privileges")),
        build=_low_level,
        uses_clock=False,
        summary="006 AccessToken with an explicit ts and privilege map",
    ),
    _rtc_spec("uid", Param("uid", "uid"), _rtc_with_uid, "a numeric uid"),
    _rtc_spec("user_account", Param("account", "text"), _rtc_with_account, "a user account"),
    BuilderSpec(
        id="rtm.build_token",
        family="rtm",
        params=(*_KEYS, Param("user_account", "text"),
                Param("role", "rtm_role", default="rtm_user", required=False),
                Param("privilege_expired_ts", "timestamp")),
        build=_rtm,
        summary="006 RTM token: privilege 1000, channel slot = user account, uid empty",
    ),
)
