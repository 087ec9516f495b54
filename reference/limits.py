"""Advisory checks of documented soft limits that no upstream builder enforces (never refusing).

docs/formats.md section 1: Agora's documentation asks for channel names under 64 bytes and RTC user
accounts of at most 255 bytes, both from the character set below, and RTM user ids of at most
64 bytes. Upstream builds tokens for any input, so the reference does too; these checks only
report.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

ALLOWED_CHARACTERS = frozenset(
    string.ascii_letters + string.digits + " !#$%&()+-:;<=.>?@[]^_{|}~,"
)
CHANNEL_NAME_MAX_BYTES = 63  # "less than 64 bytes"
ACCOUNT_MAX_BYTES = 255
RTM_USER_ID_MAX_BYTES = 64

CHANNEL_ARGS = ("channel_name",)
ACCOUNT_ARGS = ("account", "rtc_account", "user_account")
RTM_USER_ARGS = ("user_id", "rtm_user_id")


def _size(value: str) -> int:
    return len(value.encode("utf-8", "surrogatepass"))


def _outside(value: str) -> str:
    bad = sorted({c for c in value if c not in ALLOWED_CHARACTERS})
    return "".join(bad[:8]) + ("..." if len(bad) > 8 else "")


def _advise(value: str, field: str, max_bytes: int, limit: str, charset: bool = True) -> list[str]:
    """Advisories for a text over ``max_bytes`` (documented as ``limit``) and, when ``charset``,
    for characters outside the documented set."""
    out: list[str] = []
    size = _size(value)
    if size > max_bytes:
        out.append(f"{field}: {size} bytes; the documented limit is {limit}")
    bad = _outside(value) if charset else ""
    if bad:
        out.append(f"{field}: characters outside the documented set: {bad!r}")
    return out


def check_channel_name(value: str, field: str = "channel_name") -> list[str]:
    """Advisories for a channel name (64 bytes or more, or characters outside the set)."""
    return _advise(value, field, CHANNEL_NAME_MAX_BYTES, "under 64 bytes")


def check_account(value: str, field: str = "account") -> list[str]:
    """Advisories for an RTC user account (over 255 bytes, or characters outside the set)."""
    return _advise(value, field, ACCOUNT_MAX_BYTES, "255 bytes")


def check_rtm_user_id(value: str, field: str = "user_id") -> list[str]:
    """Advisory for an RTM user id over 64 bytes."""
    return _advise(value, field, RTM_USER_ID_MAX_BYTES, "64 bytes", charset=False)


def advisories(args: Mapping[str, Any]) -> list[str]:
    """Every advisory for a builder's arguments (text arguments only; others are skipped)."""
    out: list[str] = []
    for name, value in args.items():
        if not isinstance(value, str):
            continue
        if name in CHANNEL_ARGS:
            out.extend(check_channel_name(value, name))
        elif name in ACCOUNT_ARGS:
            out.extend(check_account(value, name))
        elif name in RTM_USER_ARGS:
            out.extend(check_rtm_user_id(value, name))
    return out
