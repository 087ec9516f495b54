"""The canonical SimpleTokenBuilder (docs/simple-token-builder.md §11) and its script builder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from reference import access_token
from reference._identity import account_from_uid_or_account
from reference._salt import random_salt
from reference._wire import check_u16, check_u32
from reference.access_token import Privilege as P
from reference.builders import arg, str_arg, ts_from_now
from reference.errors import DecodeError, InvalidInput, ReasonCode
from reference.spec import BuilderSpec, Param


class Role(IntEnum):
    """Canonical role numbers (C++, Java, PHP, Node; section 4.1)."""

    ATTENDEE = 0
    PUBLISHER = 1
    SUBSCRIBER = 2
    ADMIN = 101


ROLE_NAMES: dict[str, Role] = {role.name.lower(): role for role in Role}
_ROLE_NUMBERS = frozenset(role.value for role in Role)

PRESETS: dict[Role, tuple[int, ...]] = {
    Role.ATTENDEE: (P.JOIN_CHANNEL, P.PUBLISH_AUDIO_STREAM, P.PUBLISH_VIDEO_STREAM,
                    P.PUBLISH_DATA_STREAM),
    Role.PUBLISHER: (P.JOIN_CHANNEL, P.PUBLISH_AUDIO_STREAM, P.PUBLISH_VIDEO_STREAM,
                     P.PUBLISH_DATA_STREAM, P.PUBLISH_AUDIO_CDN, P.PUBLISH_VIDEO_CDN,
                     P.INVITE_PUBLISH_AUDIO_STREAM, P.INVITE_PUBLISH_VIDEO_STREAM,
                     P.INVITE_PUBLISH_DATA_STREAM),
    Role.SUBSCRIBER: (P.JOIN_CHANNEL, P.REQUEST_PUBLISH_AUDIO_STREAM,
                      P.REQUEST_PUBLISH_VIDEO_STREAM, P.REQUEST_PUBLISH_DATA_STREAM),
    Role.ADMIN: (P.JOIN_CHANNEL, P.PUBLISH_AUDIO_STREAM, P.PUBLISH_VIDEO_STREAM,
                 P.PUBLISH_DATA_STREAM, P.ADMINISTRATE_CHANNEL),
}
"""The era presets (section 4.2), identical in all seven era ports; every value is 0."""


def to_role(role: object) -> Role:
    """A ``Role`` from a Role, its canonical number or its lower-case name; else InvalidInput."""
    if isinstance(role, str) and role in ROLE_NAMES:
        return ROLE_NAMES[role]
    if isinstance(role, int) and not isinstance(role, bool) and role in _ROLE_NUMBERS:
        return Role(role)
    raise InvalidInput("role", f"{role!r} is not attendee, publisher, subscriber or admin")


@dataclass(frozen=True)
class InitResult:
    """The outcome of ``init_token_builder``; truthy exactly when the token was adopted.

    ``channel_matches`` / ``uid_matches`` / ``signature_valid`` are the recommended extension
    (section 11.6): information about the origin token, never a reason to fail. They are None
    when the call failed.
    """

    ok: bool
    reason: ReasonCode | None = None
    detail: str = ""
    channel_matches: bool | None = None
    uid_matches: bool | None = None
    signature_valid: bool | None = None

    def __bool__(self) -> bool:
        return self.ok


class SimpleTokenBuilder:
    """A stateful 006 builder: role presets, privilege edits, re-init from a token, build.

    ``salt`` and ``ts`` may be pinned; otherwise a secure random salt and now + 86400 are
    drawn at construction. ``init_token_builder`` replaces app id, salt, ts and privileges.
    """

    def __init__(self, app_id: str, app_certificate: str, channel_name: str, uid: int | str,
                 *, salt: int | None = None, ts: int | None = None) -> None:
        if not isinstance(uid, (int, str)) or isinstance(uid, bool):
            raise InvalidInput("uid", f"expected an integer or text, got {type(uid).__name__}")
        self.app_id = app_id
        self.app_certificate = app_certificate
        self.channel_name = access_token.require_text(channel_name, "channel_name")
        self.uid_text = access_token.require_text(account_from_uid_or_account(uid), "uid")
        self.salt = random_salt() if salt is None else check_u32(salt, "salt")
        self.ts = access_token.default_ts() if ts is None else check_u32(ts, "ts")
        self._privileges: dict[int, int] = {}

    @property
    def privileges(self) -> dict[int, int]:
        """A copy of the current privilege map."""
        return dict(self._privileges)

    def init_privileges(self, role: Role | int | str) -> None:
        """Replace the whole map with a fresh copy of the role's preset (values 0).

        An unknown role raises ``InvalidInput("role")`` and leaves the builder unchanged.
        """
        self._privileges = dict.fromkeys(PRESETS[to_role(role)], 0)

    def set_privilege(self, privilege: int, expire_ts: int = 0) -> None:
        """Insert or overwrite one privilege (id u16, value u32 absolute time)."""
        key = check_u16(privilege, "privilege")
        self._privileges[key] = check_u32(expire_ts, f"privileges[{key}]")

    def remove_privilege(self, privilege: int) -> None:
        """Delete one privilege; an absent id is a no-op."""
        self._privileges.pop(check_u16(privilege, "privilege"), None)

    def init_token_builder(self, token: str) -> InitResult:
        """Adopt a 006 token's app id, salt, ts and privilege map (keeping certificate,
        channel and uid). A token that does not parse leaves the builder unchanged."""
        try:
            parsed = access_token.parse(token)
        except DecodeError as exc:
            return InitResult(ok=False, reason=exc.reason, detail=exc.detail)
        self.app_id = parsed.app_id
        self.salt = parsed.salt
        self.ts = parsed.ts
        self._privileges = dict(parsed.privileges)
        channel_ok, uid_ok = parsed.matches(self.channel_name, self.uid_text)
        valid = parsed.verify_signature(self.app_certificate, self.channel_name, self.uid_text)
        return InitResult(ok=True, channel_matches=channel_ok, uid_matches=uid_ok,
                          signature_valid=valid)

    def build_token(self) -> str:
        """The 006 token (privileges in ascending id order); InvalidInput for a bad app id or
        certificate."""
        return access_token.build(self.app_id, self.app_certificate, self.channel_name,
                                  self.uid_text, self._privileges, salt=self.salt, ts=self.ts)


def _step_id(value: object, where: str) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return check_u16(value, where)


def _run_step(builder: SimpleTokenBuilder, step: object, where: str) -> Any:
    if not isinstance(step, Mapping) or len(step) != 1:
        raise InvalidInput(where, "each step is a mapping with exactly one key")
    ((name, value),) = step.items()
    where = f"{where}.{name}"
    if name == "build_token":
        return builder.build_token()  # a refusal names the builder argument (app_id, ...)
    try:
        if name == "init_privileges":
            builder.init_privileges(to_role(value))
            return None
        if name == "set_privilege":
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise InvalidInput(where, "expected [id, value]")
            expire = check_u32(value[1], where)
            builder.set_privilege(_step_id(value[0], where), expire)
            return None
        if name == "remove_privilege":
            builder.remove_privilege(_step_id(value, where))
            return None
        if name == "init_token_builder":
            if not isinstance(value, str):
                raise InvalidInput(where, "expected a token string")
            return bool(builder.init_token_builder(value))
    except InvalidInput as exc:
        if exc.field.startswith("steps["):
            raise
        raise InvalidInput(f"{where} ({exc.field})", exc.message) from None
    raise InvalidInput(where, "unknown step (expected init_privileges, set_privilege, "
                              "remove_privilege, init_token_builder or build_token)")


def run_script(args: Mapping[str, Any], salt: int | None, now: int | None
               ) -> tuple[str, list[Any]]:
    """Run a ``simple_token_builder.script`` case: ``(last build_token token, per-step results)``.

    Results: ``init_token_builder`` -> bool, ``build_token`` -> token, others -> None. A script
    without a ``build_token`` step, or any refused step, raises ``InvalidInput``.
    """
    builder = SimpleTokenBuilder(str_arg(args, "app_id"), str_arg(args, "app_certificate"),
                                 str_arg(args, "channel_name"), arg(args, "uid"), salt=salt,
                                 ts=ts_from_now(now))  # the constructor refuses a bad uid
    steps = arg(args, "steps")
    if not isinstance(steps, (list, tuple)):
        raise InvalidInput("steps", "expected a list of steps")
    results = [_run_step(builder, step, f"steps[{i}]") for i, step in enumerate(steps)]
    tokens = [r for r, s in zip(results, steps, strict=True) if "build_token" in s]
    if not tokens:
        raise InvalidInput("steps", "the script has no build_token step")
    return tokens[-1], results


def _script(args: Mapping[str, Any], salt: int | None, now: int | None) -> str:
    return run_script(args, salt, now)[0]


SPECS: tuple[BuilderSpec, ...] = (
    BuilderSpec(
        id="simple_token_builder.script",
        family="simple_token_builder",
        params=(Param("app_id", "app_id"), Param("app_certificate", "app_certificate"),
                Param("channel_name", "text"), Param("uid", "uid_or_account"),
                Param("steps", "steps")),
        build=_script,
        summary="a SimpleTokenBuilder call sequence; the token of its last build_token step",
    ),
)
