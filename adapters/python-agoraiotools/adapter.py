"""JSON-lines testee driving PyPI agoraiotools (006 and 007), pinned in adapters/python.

Public builders are called as published with the ``time``/``secrets`` globals of the package's
``AccessToken2`` and ``AccessToken`` modules pinned per call (docs/implementations.md section 3.2).
Modules are loaded with importlib: the package ``__init__`` rebinds ``agoraiotools.AccessToken2``
to the class. The builders that live only on the mid-file ``RtcTokenBuilder2`` subclass are
called there, and their failures are reported, not worked around.
"""

from __future__ import annotations

import base64
import importlib
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python"))

from access_token006 import V006
from jsonl_testee import (
    Build,
    DecodeFailure,
    Unsupported,
    call_builder,
    describe_package,
    privileges,
    serve,
    text,
)
from pinning import Pinned

PACKAGE = "agoraiotools"


def _module(name: str) -> Any:
    return importlib.import_module(f"agoraiotools.{name}")


A2 = _module("AccessToken2")
RTC2 = _module("RtcTokenBuilder2")
RTM2 = _module("RtmTokenBuilder2")
CHAT2 = _module("ChatTokenBuilder2")
APAAS = _module("apaas_token_builder")
EDU = _module("education_token_builder")
FPA = _module("fpa_token_builder")
PACKER = _module("Packer")

ROLE2 = {"publisher": RTC2.Role_Publisher, "subscriber": RTC2.Role_Subscriber}

SERVICES: dict[int, Callable[[dict[str, Any]], Any]] = {
    1: lambda s: A2.ServiceRtc(s.get("channel_name", ""), s.get("account", "")),
    2: lambda s: A2.ServiceRtm(s.get("user_id", "")),
    4: lambda s: A2.ServiceFpa(),
    5: lambda s: A2.ServiceChat(s.get("user_id", "")),
    7: lambda s: A2.ServiceApaas(s.get("room_uuid", ""), s.get("user_uuid", ""), s.get("role", -1)),
}
# Decoded-field names of each service type's private (name-mangled) attributes.
SERVICE_FIELDS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("channel_name", "_ServiceRtc__channel_name"), ("account", "_ServiceRtc__uid")),
    2: (("user_id", "_ServiceRtm__user_id"),),
    4: (),
    5: (("user_id", "_ServiceChat__user_id"),),
    7: (
        ("room_uuid", "_ServiceApaas__room_uuid"),
        ("user_uuid", "_ServiceApaas__user_uuid"),
        ("role", "_ServiceApaas__role"),
    ),
}


def _role2(value: Any) -> Any:
    return ROLE2.get(value, value) if isinstance(value, str) else value


class AgoraIoTools:
    """The in-process builder interface (docs/architecture.md) over agoraiotools."""

    def __init__(self) -> None:
        self.pinned = Pinned(A2)
        self.v006 = V006(
            _module("AccessToken"), _module("RtcTokenBuilder"), _module("RtmTokenBuilder")
        )
        self.builders: dict[str, Build] = {
            "access_token2.build": self._low_level,
            **self._builders007(),
            **self.v006.builders,
            **self._legacy(),
        }

    def _pin(self, fn: Callable[..., str], *names: str, role: str | None = None) -> Build:
        def build(a: dict[str, Any], salt: int | None, now: int | None) -> str:
            values = [_role2(a[n]) if n == role else a[n] for n in names]
            return self.pinned.call(salt, now, fn, *values)

        return build

    def _builders007(self) -> dict[str, Build]:
        rtc, rtc2 = RTC2.RtcTokenBuilder, RTC2.RtcTokenBuilder2
        cred = ("app_id", "app_certificate")
        priv = (
            "token_expire",
            "join_channel_privilege_expire",
            "pub_audio_privilege_expire",
            "pub_video_privilege_expire",
            "pub_data_privilege_expire",
        )

        def role_builder(fn: Callable[..., str], user: str) -> Build:
            """The builders taking (channel, user, role, token_expire, privilege_expire = 0)."""
            return self._with_default(self._pin(
                fn, *cred, "channel_name", user, "role", "token_expire", "privilege_expire",
                role="role",
            ))

        out: dict[str, Build] = {
            "rtc2.build_token_with_uid": role_builder(rtc.build_token_with_uid, "uid"),
            "rtc2.build_token_with_user_account": role_builder(
                rtc.build_token_with_user_account, "account"
            ),
            # Only on the RtcTokenBuilder2 subclass in 0.3.4 (see module docstring).
            "rtc2.build_token_with_uid_and_privilege": self._pin(
                rtc2.build_token_with_uid_and_privilege, *cred, "channel_name", "uid", *priv
            ),
            "rtc2.build_token_with_user_account_and_privilege": self._pin(
                rtc2.build_token_with_user_account_and_privilege,
                *cred,
                "channel_name",
                "account",
                *priv,
            ),
            "rtc2.build_token_with_rtm": role_builder(rtc2.build_token_with_rtm, "account"),
            "rtc2.build_token_with_rtm2": self._pin(
                rtc2.build_token_with_rtm2,
                *cred,
                "channel_name",
                "rtc_account",
                "rtc_role",
                "rtc_token_expire",
                *priv[1:],
                "rtm_user_id",
                "rtm_token_expire",
                role="rtc_role",
            ),
            "rtm2.build_token": self._pin(
                RTM2.RtmTokenBuilder.build_token, *cred, "user_id", "expire"
            ),
            "chat2.build_user_token": self._pin(
                CHAT2.ChatTokenBuilder.build_user_token, *cred, "user_id", "expire"
            ),
            "chat2.build_app_token": self._pin(
                CHAT2.ChatTokenBuilder.build_app_token, *cred, "expire"
            ),
            "fpa2.build_token": self._pin(FPA.FpaTokenBuilder.build_token, *cred),
        }
        for prefix, cls in (
            ("apaas2", APAAS.ApaasTokenBuilder),
            ("education2", EDU.EducationTokenBuilder),
        ):
            out[f"{prefix}.build_room_user_token"] = self._pin(
                cls.build_room_user_token, *cred, "room_uuid", "user_uuid", "role", "expire"
            )
            out[f"{prefix}.build_user_token"] = self._pin(
                cls.build_user_token, *cred, "user_uuid", "expire"
            )
            out[f"{prefix}.build_app_token"] = self._pin(cls.build_app_token, *cred, "expire")
        return out

    @staticmethod
    def _with_default(build: Build) -> Build:
        def wrapped(a: dict[str, Any], salt: int | None, now: int | None) -> str:
            return build({"privilege_expire": 0, **a}, salt, now)

        return wrapped

    @staticmethod
    def _legacy() -> dict[str, Build]:
        names = ("app_id", "app_certificate", "channel_name", "unix_ts", "random_int")
        full = (*names, "uid", "expired_ts")

        def key(module: str, fn: str, params: tuple[str, ...]) -> Build:
            call = getattr(_module(module), fn)
            return lambda a, salt, now: call(*(a[n] for n in params))

        out: dict[str, Build] = {
            "dynamic_key1.generate": key("DynamicKey", "generate", names),
            "dynamic_key2.generate": key("DynamicKey2", "generate", full),
            "dynamic_key3.generate": key("DynamicKey3", "generate", full),
            "dynamic_key5.generate_in_channel_permission_key": key(
                "DynamicKey5", "generateInChannelPermissionKey", (*full, "permission")
            ),
            "signaling_token.generate": key(
                "SignalingToken",
                "generateSignalingToken",
                ("account", "app_id", "app_certificate", "expired_ts"),
            ),
        }
        for version in (4, 5):
            for kind, fn in (
                ("media_channel", "generateMediaChannelKey"),
                ("recording", "generateRecordingKey"),
                ("public_sharing", "generatePublicSharingKey"),
            ):
                out[f"dynamic_key{version}.generate_{kind}_key"] = key(
                    f"DynamicKey{version}", fn, full
                )
        return out

    def _low_level(self, a: dict[str, Any], salt: int | None, now: int | None) -> str:
        # issue_ts 0 means "read the clock" to the package: construct under the case's clock so
        # that now = 0 gives issue_ts 0, as it would for a caller whose clock reads 0.
        token = self.pinned.call(
            salt, now, A2.AccessToken, a["app_id"], a["app_certificate"], now or 0, a["expire"]
        )
        if salt is not None:
            token._AccessToken__salt = salt  # name-mangled, the only way to set it
        for spec in a.get("services") or []:
            factory = SERVICES.get(spec["type"])
            if factory is None:
                raise Unsupported(f"agoraiotools has no service type {spec['type']}")
            service = factory(spec)
            for key, value in (spec.get("privileges") or {}).items():
                service.add_privilege(int(key), value)
            token.add_service(service)
        result: str = token.build()
        return result

    parsers = ("006", "007")  # token versions the package can parse

    def describe(self) -> dict[str, Any]:
        return describe_package(PACKAGE, "https://pypi.org/project/agoraiotools/",
                                "public builders, time/secrets pinned", self.builders)

    def build(self, builder: str, args: dict[str, Any], salt: int | None, now: int | None) -> str:
        return call_builder(self.builders, builder, args, salt, now)

    def decode(self, token: str) -> dict[str, Any]:
        if token.startswith("006"):
            return self.v006.decode(token)
        parsed = A2.AccessToken()
        try:
            parsed.from_string(token)  # raises ValueError; returns False on a wrong version
        except ValueError as exc:
            raise DecodeFailure("bad_field", str(exc)) from exc
        if not token.startswith("007"):
            raise DecodeFailure("bad_version", f"version {token[:3]!r} is not 007")
        # from_string does not keep the signature: read it with the package's own Packer.
        signature, _ = PACKER.unpack_string(zlib.decompress(base64.b64decode(token[3:])))
        services = []
        for stype, service in parsed._AccessToken__service.items():
            fields: dict[str, Any] = {
                "type": stype,
                "privileges": privileges(service._Service__privileges),
            }
            for name, attr in SERVICE_FIELDS[stype]:
                value = getattr(service, attr)
                fields[name] = value if isinstance(value, int) else text(value)
            services.append(fields)
        return {
            "version": "007",
            "signature": signature.hex(),
            "app_id": text(parsed._AccessToken__app_id),
            "issue_ts": parsed._AccessToken__issue_ts,
            "expire": parsed._AccessToken__expire,
            "salt": parsed._AccessToken__salt,
            "services": services,
        }


if __name__ == "__main__":
    serve(AgoraIoTools())
