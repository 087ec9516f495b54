"""The 007 builders (RTC, RTM, RTM2, Chat, FPA, APaaS/Education, ConvoAI, STT) and their specs.

Every builder takes ``salt`` and ``issue_ts`` last (None: secure salt / the clock; pass them by
name) and returns the token text; inputs the format cannot carry raise ``InvalidInput`` naming
the argument. They are not keyword-only so that the registry can pass them by position: a call
through ``*values`` with keywords costs a dict per token.
Service contents follow docs/formats.md section 2.12; ConvoAI/STT follow upstream
``nodejs/src/ConvoAITokenBuilder.js`` / ``SttTokenBuilder.js`` (RTC + RTM as
``build_token_with_rtm2``, plus a bare service 9 or 10 with no privileges).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from operator import itemgetter
from typing import Any

from reference._identity import account_from_uid
from reference._wire import U32_MAX, u16
from reference.access_token2 import (
    APAAS,
    CHAT,
    CONVOAI,
    FPA,
    RTC,
    RTM,
    RTM2,
    STT,
    Text,
    assemble,
    check_u32,
    pack_i16,
    pack_permissions,
    pack_privileges,
    pack_text,
    permissions_from_fields,
    service_from_fields,
    sorted_services,
    text_value,
)
from reference.errors import InvalidInput
from reference.spec import BuilderSpec, Param

ROLES2 = {"publisher": True, "subscriber": False}
FPA_EXPIRE = 86_400

_RTC = u16(RTC)
_ONE = struct.Struct("<HHHI")  # type, count 1, privilege id, value
_RTC_PUBLISHER = struct.Struct("<HHHIHIHIHI")  # type, count 4, privileges 1..4


def _is_publisher(role: object, field_name: str = "role") -> bool:
    try:
        return ROLES2[role]  # type: ignore[index]
    except (KeyError, TypeError):
        raise InvalidInput(field_name, f"role must be 'publisher' or 'subscriber', got {role!r}")\
            from None


def _rtc(channel_name: Text, account: Text, privileges: dict[int, int]) -> bytes:
    return (_RTC + pack_privileges(privileges) + pack_text(channel_name, "channel_name")
            + pack_text(account, "account"))


def _user(service_type: int, user_id: Text, privilege: int, expire: int, name: str) -> bytes:
    """A service with one privilege and one text field (RTM, Chat, RTM2 before permissions)."""
    if type(expire) is not int or not 0 <= expire <= U32_MAX:
        check_u32(expire, "expire")
    return _ONE.pack(service_type, 1, privilege, expire) + pack_text(user_id, name)


def _rtc_role(channel_name: Text, account: Text, publisher: bool, expire: int) -> bytes:
    """RTC join, plus the three publish privileges for publishers, all = ``expire``."""
    if type(expire) is not int or not 0 <= expire <= U32_MAX:
        check_u32(expire, "privilege_expire")
    if publisher:
        head = _RTC_PUBLISHER.pack(RTC, 4, 1, expire, 2, expire, 3, expire, 4, expire)
    else:
        head = _ONE.pack(RTC, 1, 1, expire)
    return head + pack_text(channel_name, "channel_name") + pack_text(account, "account")


# ---------------------------------------------------------------- RTC


def build_token_with_user_account(
    app_id: str, app_certificate: str, channel_name: Text, account: Text, role: str,
    token_expire: int, privilege_expire: int = 0, salt: int | None = None,
    issue_ts: int | None = None,
) -> str:
    service = _rtc_role(channel_name, account, _is_publisher(role), privilege_expire)
    return assemble(app_id, app_certificate, token_expire, (service,), issue_ts, salt)


def build_token_with_uid(
    app_id: str, app_certificate: str, channel_name: Text, uid: int, role: str,
    token_expire: int, privilege_expire: int = 0, salt: int | None = None,
    issue_ts: int | None = None,
) -> str:
    service = _rtc_role(channel_name, account_from_uid(uid), _is_publisher(role),
                        privilege_expire)
    return assemble(app_id, app_certificate, token_expire, (service,), issue_ts, salt)


def build_token_with_user_account_and_privilege(
    app_id: str, app_certificate: str, channel_name: Text, account: Text, token_expire: int,
    join_channel_privilege_expire: int, pub_audio_privilege_expire: int,
    pub_video_privilege_expire: int, pub_data_privilege_expire: int,
    salt: int | None = None, issue_ts: int | None = None,
) -> str:
    privileges = {1: join_channel_privilege_expire, 2: pub_audio_privilege_expire,
                  3: pub_video_privilege_expire, 4: pub_data_privilege_expire}
    service = _rtc(channel_name, account, privileges)
    return assemble(app_id, app_certificate, token_expire, (service,), issue_ts, salt)


def build_token_with_uid_and_privilege(
    app_id: str, app_certificate: str, channel_name: Text, uid: int, token_expire: int,
    join_channel_privilege_expire: int, pub_audio_privilege_expire: int,
    pub_video_privilege_expire: int, pub_data_privilege_expire: int,
    salt: int | None = None, issue_ts: int | None = None,
) -> str:
    return build_token_with_user_account_and_privilege(
        app_id, app_certificate, channel_name, account_from_uid(uid), token_expire,
        join_channel_privilege_expire, pub_audio_privilege_expire, pub_video_privilege_expire,
        pub_data_privilege_expire, salt=salt, issue_ts=issue_ts)


def build_token_with_rtm(
    app_id: str, app_certificate: str, channel_name: Text, account: Text, role: str,
    token_expire: int, privilege_expire: int = 0, salt: int | None = None,
    issue_ts: int | None = None,
) -> str:
    rtc = _rtc_role(channel_name, account, _is_publisher(role), privilege_expire)
    rtm = _user(RTM, account, 1, token_expire, "account")
    return assemble(app_id, app_certificate, token_expire, (rtc, rtm), issue_ts, salt)


def _rtc_rtm2_services(
    channel_name: Text, rtc_account: Text, rtc_role: str, join: int, audio: int, video: int,
    data: int, rtm_user_id: Text, rtm_token_expire: int,
) -> list[bytes]:
    privileges = {1: join}
    if _is_publisher(rtc_role, "rtc_role"):
        privileges.update({2: audio, 3: video, 4: data})
    return [_rtc(channel_name, rtc_account, privileges),
            _user(RTM, rtm_user_id, 1, rtm_token_expire, "rtm_user_id")]


def build_token_with_rtm2(
    app_id: str, app_certificate: str, channel_name: Text, rtc_account: Text, rtc_role: str,
    rtc_token_expire: int, join_channel_privilege_expire: int, pub_audio_privilege_expire: int,
    pub_video_privilege_expire: int, pub_data_privilege_expire: int, rtm_user_id: Text,
    rtm_token_expire: int, salt: int | None = None, issue_ts: int | None = None, *,
    extra_service: int | None = None,
) -> str:
    """RTC + RTM; ``extra_service`` appends a bare service (ConvoAI 9 / STT 10)."""
    services = _rtc_rtm2_services(
        channel_name, rtc_account, rtc_role, join_channel_privilege_expire,
        pub_audio_privilege_expire, pub_video_privilege_expire, pub_data_privilege_expire,
        rtm_user_id, rtm_token_expire)
    if extra_service is not None:
        services.append(u16(extra_service) + pack_privileges({}))
    return assemble(app_id, app_certificate, rtc_token_expire, services, issue_ts, salt)


build_convoai_token = partial(build_token_with_rtm2, extra_service=CONVOAI)
"""ConvoAI: the arguments of :func:`build_token_with_rtm2`, plus service 9."""

build_stt_token = partial(build_token_with_rtm2, extra_service=STT)
"""STT: the arguments of :func:`build_token_with_rtm2`, plus service 10."""


# ---------------------------------------------------------------- RTM, Chat, FPA


def build_rtm_token(app_id: str, app_certificate: str, user_id: Text, expire: int,
                    salt: int | None = None, issue_ts: int | None = None) -> str:
    service = _user(RTM, user_id, 1, expire, "user_id")
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


def build_rtm_token_with_permissions(
    app_id: str, app_certificate: str, user_id: Text, permissions: object, expire: int,
    salt: int | None = None, issue_ts: int | None = None,
) -> str:
    service = (_user(RTM2, user_id, 1, expire, "user_id")
               + pack_permissions(permissions_from_fields(permissions)))
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


def build_chat_user_token(app_id: str, app_certificate: str, user_id: Text, expire: int,
                          salt: int | None = None, issue_ts: int | None = None) -> str:
    service = _user(CHAT, user_id, 1, expire, "user_id")
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


def build_chat_app_token(app_id: str, app_certificate: str, expire: int,
                         salt: int | None = None, issue_ts: int | None = None) -> str:
    service = _user(CHAT, "", 2, expire, "user_id")
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


def build_fpa_token(app_id: str, app_certificate: str, salt: int | None = None,
                    issue_ts: int | None = None) -> str:
    service = u16(FPA) + pack_privileges({1: 0})
    return assemble(app_id, app_certificate, FPA_EXPIRE, (service,), issue_ts, salt)


# ---------------------------------------------------------------- APaaS / Education


def _apaas(room_uuid: Text, user_uuid: Text, role: int, privileges: dict[int, int]) -> bytes:
    return (u16(APAAS) + pack_privileges(privileges) + pack_text(room_uuid, "room_uuid")
            + pack_text(user_uuid, "user_uuid") + pack_i16(role, "role"))


def chat_user_id(user_uuid: Text) -> str:
    """The Chat user id of an APaaS room user: MD5 hex of the user uuid's UTF-8 bytes."""
    raw = user_uuid.encode("utf-8") if isinstance(user_uuid, str) else user_uuid
    return hashlib.md5(raw).hexdigest()


def build_apaas_room_user_token(
    app_id: str, app_certificate: str, room_uuid: Text, user_uuid: Text, role: int,
    expire: int, salt: int | None = None, issue_ts: int | None = None,
) -> str:
    services = (
        _user(RTM, user_uuid, 1, expire, "user_uuid"),
        _user(CHAT, chat_user_id(user_uuid), 1, expire, "user_uuid"),
        _apaas(room_uuid, user_uuid, role, {1: expire}),
    )
    return assemble(app_id, app_certificate, expire, services, issue_ts, salt)


def build_apaas_user_token(app_id: str, app_certificate: str, user_uuid: Text, expire: int,
                           salt: int | None = None, issue_ts: int | None = None) -> str:
    service = _apaas("", user_uuid, -1, {2: expire})
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


def build_apaas_app_token(app_id: str, app_certificate: str, expire: int,
                          salt: int | None = None, issue_ts: int | None = None) -> str:
    service = _apaas("", "", -1, {3: expire})
    return assemble(app_id, app_certificate, expire, (service,), issue_ts, salt)


# ---------------------------------------------------------------- low level


def build(app_id: str, app_certificate: str, expire: int, services: object,
          salt: int | None = None, issue_ts: int | None = None) -> str:
    """``access_token2.build``: services in decoded-fields form, packed in canonical order."""
    if not isinstance(services, Sequence) or isinstance(services, (str, bytes)):
        raise InvalidInput("services", "expected a list of services")
    parsed = [service_from_fields(s, f"services[{i}]") for i, s in enumerate(services)]
    packed = [s.pack() for s in sorted_services(parsed)]
    return assemble(app_id, app_certificate, expire, packed, issue_ts, salt)


# ---------------------------------------------------------------- specs

_CRED = (Param("app_id", "app_id"), Param("app_certificate", "app_certificate"))


def _p(name: str, kind: str, default: Any = None) -> Param:
    return Param(name, kind, default, required=default is None)


def _spec(builder_id: str, fn: Callable[..., str], own_params: Sequence[Param], summary: str,
          uses_salt: bool = True) -> BuilderSpec:
    params = (*_CRED, *own_params)
    names = frozenset(p.name for p in params)
    required = tuple(p.name for p in params if p.required)
    get_required = itemgetter(*required)
    get_every = itemgetter(*(p.name for p in params))
    optional = tuple((p.name, p.default) for p in params if not p.required)
    assert all(p.required for p in params[: len(required)]), "optional parameters come last"
    texts = tuple((i, p.name) for i, p in enumerate(params) if p.kind == "text")
    seconds = tuple((i, p.name) for i, p in enumerate(params) if p.kind == "seconds")
    roles = tuple((i, p.name) for i, p in enumerate(params) if p.kind == "apaas_role")

    def unexpected(args: Mapping[str, Any]) -> InvalidInput:
        extra = sorted(set(args) - names, key=str)[0]
        return InvalidInput(str(extra), f"unexpected argument for {builder_id}")

    def build_from_args(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
        if type(args) is not dict and not isinstance(args, Mapping):
            raise InvalidInput("args", "expected a mapping of argument names to values")
        every = len(args) == len(params)  # the usual call names every parameter
        try:
            values = list((get_every if every else get_required)(args))
        except KeyError as exc:
            if not names.issuperset(args):
                raise unexpected(args) from None
            raise InvalidInput(str(exc.args[0]), f"missing argument for {builder_id}") from None
        if not every:
            given = len(values)
            for name, default in optional:
                if name in args:
                    values.append(args[name])
                    given += 1
                else:
                    values.append(default)
            if len(args) != given:  # a name that is not a parameter
                raise unexpected(args)
        for i, name in texts:
            if type(values[i]) is not str:
                values[i] = text_value(values[i], name)
        try:
            return fn(*values, salt, now)  # positional: see the module docstring
        except InvalidInput:
            # The builders refuse out-of-range values themselves, but under their own parameter
            # names (``token_expire`` is ``expire`` in assemble): name the argument as given.
            for i, name in seconds:
                check_u32(values[i], name)
            for i, name in roles:
                pack_i16(values[i], name)
            raise

    family = builder_id.split(".", 1)[0]
    return BuilderSpec(builder_id, family, params, build_from_args,
                       uses_salt=uses_salt, uses_clock=True, summary=summary)


_ROLE_RTC = (_p("role", "role2"), _p("token_expire", "seconds"),
             _p("privilege_expire", "seconds", 0))
_FOUR = (_p("token_expire", "seconds"), _p("join_channel_privilege_expire", "seconds"),
         _p("pub_audio_privilege_expire", "seconds"), _p("pub_video_privilege_expire", "seconds"),
         _p("pub_data_privilege_expire", "seconds"))
_RTM2_ARGS = (_p("channel_name", "text"), _p("rtc_account", "text"), _p("rtc_role", "role2"),
              _p("rtc_token_expire", "seconds"), _p("join_channel_privilege_expire", "seconds"),
              _p("pub_audio_privilege_expire", "seconds"),
              _p("pub_video_privilege_expire", "seconds"),
              _p("pub_data_privilege_expire", "seconds"), _p("rtm_user_id", "text"),
              _p("rtm_token_expire", "seconds"))
_ROOM = (_p("room_uuid", "text"), _p("user_uuid", "text"), _p("role", "apaas_role"),
         _p("expire", "seconds"))
_USER = (_p("user_uuid", "text"), _p("expire", "seconds"))
_APP = (_p("expire", "seconds"),)


def _apaas_specs(prefix: str, name: str) -> tuple[BuilderSpec, ...]:
    return (
        _spec(f"{prefix}.build_room_user_token", build_apaas_room_user_token, _ROOM,
              f"{name} room user: APaaS RoomUser + RTM login + Chat user (MD5 of user uuid)"),
        _spec(f"{prefix}.build_user_token", build_apaas_user_token, _USER,
              f"{name} user: APaaS User privilege"),
        _spec(f"{prefix}.build_app_token", build_apaas_app_token, _APP,
              f"{name} app: APaaS App privilege"),
    )


SPECS: tuple[BuilderSpec, ...] = (
    _spec("access_token2.build", build,
          (_p("expire", "seconds"), _p("services", "services")),
          "low level: services in decoded-fields form, packed in canonical order"),
    _spec("rtc2.build_token_with_uid", build_token_with_uid,
          (_p("channel_name", "text"), _p("uid", "uid"), *_ROLE_RTC),
          "RTC join (+ publish audio/video/data for publishers), numeric uid"),
    _spec("rtc2.build_token_with_user_account", build_token_with_user_account,
          (_p("channel_name", "text"), _p("account", "text"), *_ROLE_RTC),
          "RTC join (+ publish for publishers), account string"),
    _spec("rtc2.build_token_with_uid_and_privilege", build_token_with_uid_and_privilege,
          (_p("channel_name", "text"), _p("uid", "uid"), *_FOUR),
          "RTC with four explicit privilege expiries, numeric uid"),
    _spec("rtc2.build_token_with_user_account_and_privilege",
          build_token_with_user_account_and_privilege,
          (_p("channel_name", "text"), _p("account", "text"), *_FOUR),
          "RTC with four explicit privilege expiries, account string"),
    _spec("rtc2.build_token_with_rtm", build_token_with_rtm,
          (_p("channel_name", "text"), _p("account", "text"), *_ROLE_RTC),
          "RTC as build_token_with_user_account plus RTM login = token_expire"),
    _spec("rtc2.build_token_with_rtm2", build_token_with_rtm2, _RTM2_ARGS,
          "RTC with explicit privileges plus RTM login for a separate user id"),
    _spec("rtm2.build_token", build_rtm_token,
          (_p("user_id", "text"), _p("expire", "seconds")), "RTM login"),
    _spec("rtm2.build_token_with_permissions", build_rtm_token_with_permissions,
          (_p("user_id", "text"), _p("permissions", "permissions"), _p("expire", "seconds")),
          "RTM2 (service 8) login with resource permissions"),
    _spec("chat2.build_user_token", build_chat_user_token,
          (_p("user_id", "text"), _p("expire", "seconds")), "Chat user"),
    _spec("chat2.build_app_token", build_chat_app_token, _APP, "Chat app"),
    _spec("fpa2.build_token", build_fpa_token, (), "FPA login {1: 0}, token expire 86400"),
    *_apaas_specs("apaas2", "APaaS"),
    *_apaas_specs("education2", "Education (same bytes as APaaS)"),
    _spec("convoai2.build_token", build_convoai_token, _RTM2_ARGS,
          "ConvoAI: build_token_with_rtm2 plus a bare service 9"),
    _spec("stt2.build_token", build_stt_token, _RTM2_ARGS,
          "STT: build_token_with_rtm2 plus a bare service 10"),
)
