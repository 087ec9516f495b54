"""The 006 mapping shared by agoraiotools and agora-token-builder (the same upstream 006 code).

Both packages ship ``AccessToken`` (006 token object, ``unPackContent``/``unPackMessages``),
``RtcTokenBuilder`` and ``RtmTokenBuilder`` modules with identical APIs.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from types import ModuleType
from typing import Any

from jsonl_testee import Build, DecodeFailure, privileges, text
from pinning import Pinned

_RTC_ROLES = {
    "attendee": "Role_Attendee",
    "publisher": "Role_Publisher",
    "subscriber": "Role_Subscriber",
    "admin": "Role_Admin",
}


class V006:
    """Builds with the package's public 006 builders, with salt and clock pinned per call."""

    def __init__(self, access_token: ModuleType, rtc: ModuleType, rtm: ModuleType) -> None:
        self.at, self.rtc, self.rtm = access_token, rtc, rtm
        self.pinned = Pinned(access_token)
        self.builders: dict[str, Build] = {
            "access_token.build": self._low_level,
            "rtc.build_token_with_uid": lambda a, s, n: self._rtc(
                rtc.RtcTokenBuilder.buildTokenWithUid, a, a["uid"], s, n
            ),
            "rtc.build_token_with_user_account": lambda a, s, n: self._rtc(
                rtc.RtcTokenBuilder.buildTokenWithAccount, a, a["account"], s, n
            ),
            "rtm.build_token": self._rtm,
        }

    def _role(self, value: Any) -> Any:
        name = _RTC_ROLES.get(value) if isinstance(value, str) else None
        return getattr(self.rtc, name) if name else value

    def _low_level(self, a: dict[str, Any], salt: int | None, now: int | None) -> str:
        token = self.at.AccessToken(a["app_id"], a["app_certificate"], a["channel_name"], a["uid"])
        if salt is not None:
            token.salt = salt
        token.ts = a["ts"]
        for key, value in (a.get("privileges") or {}).items():
            token.addPrivilege(int(key), value)
        result: str = token.build()
        return result

    def _rtc(
        self, fn: Callable[..., str], a: dict[str, Any], who: Any, salt: int | None, now: int | None
    ) -> str:
        return self.pinned.call(
            salt,
            now,
            fn,
            a["app_id"],
            a["app_certificate"],
            a["channel_name"],
            who,
            self._role(a["role"]),
            a["privilege_expired_ts"],
        )

    def _rtm(self, a: dict[str, Any], salt: int | None, now: int | None) -> str:
        role = a.get("role", "rtm_user")
        role = self.rtm.Role_Rtm_User if role == "rtm_user" else role
        return self.pinned.call(
            salt,
            now,
            self.rtm.RtmTokenBuilder.buildToken,
            a["app_id"],
            a["app_certificate"],
            a["user_account"],
            role,
            a["privilege_expired_ts"],
        )

    def decode(self, token: str) -> dict[str, Any]:
        """Decoded fields through the helpers ``AccessToken.fromString`` itself calls.

        ``fromString`` keeps only salt, ts and the privileges, so the signature and CRCs come
        from the same module's ``unPackContent``; the app id is the text after the version.
        """
        if not token.startswith("006"):
            raise DecodeFailure("bad_version", f"version {token[:3]!r} is not 006")
        try:
            raw = base64.b64decode(token[35:])
        except ValueError as exc:
            raise DecodeFailure("bad_base64", str(exc)) from exc
        try:
            signature, crc_channel, crc_uid, message = self.at.unPackContent(raw)
            salt, ts, messages = self.at.unPackMessages(message)
        except Exception as exc:
            raise DecodeFailure("truncated", f"{type(exc).__name__}: {exc}") from exc
        return {
            "version": "006",
            "signature": signature.hex(),
            "app_id": text(token[3:35]),
            "crc_channel_name": crc_channel,
            "crc_uid": crc_uid,
            "salt": salt,
            "ts": ts,
            "privileges": privileges(messages),
        }
