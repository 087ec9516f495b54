"""Channel name and uid/account checks: 007 fields, 006 CRC32s (with the uid-0 traps), DK3 uid."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from conformance.inspect.expectations import SERVICE_CHOICES, Expectations
from conformance.inspect.reasons import Finding, finding
from reference.access_token import AccessToken006
from reference.access_token2 import SERVICE_NAMES, ParsedToken2, text_field
from reference.decode import Decoded
from reference.dynamic_key import DynamicKeyText

_CHANNEL_TYPES = (1, 3, 6)  # RTC, Streaming, FCDN: channel_name + account
_USER_FIELD = {2: "user_id", 5: "user_id", 8: "user_id", 7: "user_uuid"}
CRC_ZERO = 0  # CRC32("") : what uid 0 ("any uid") is signed as
CRC_TEXT_0 = zlib.crc32(b"0")


@dataclass(frozen=True)
class IdentityCheck:
    """Mismatches found, notes, and the channel name and uid the signature should be checked
    with (None where the user gave none and the token cannot tell)."""

    findings: tuple[Finding, ...]
    channel_name: str | None
    who: int | str | None
    notes: tuple[str, ...] = ()


def uid_text(who: int | str) -> str:
    """The signed text of a uid (0 -> "", the uid rule) or an account (verbatim)."""
    if isinstance(who, str):
        return who
    return "" if who == 0 else str(who)


def _describe(who: int | str) -> str:
    return f"account {who!r}" if isinstance(who, str) else f"uid {who}"


def check_identity(decoded: Decoded, expected: Expectations) -> IdentityCheck:
    parsed = decoded.parsed
    if isinstance(parsed, ParsedToken2):
        return IdentityCheck(tuple(_check_007(parsed, expected)), expected.channel_name,
                             expected.who)
    if isinstance(parsed, AccessToken006):
        return _check_006(parsed, expected)
    if (isinstance(parsed, DynamicKeyText) and parsed.uid is not None
            and expected.who is not None and expected.who != parsed.uid):
        return IdentityCheck((finding("uid_mismatch", f"the key is for uid {parsed.uid}, not "
                                                      f"{_describe(expected.who)}"),),
                             expected.channel_name, expected.who)
    return IdentityCheck((), expected.channel_name, expected.who)


def _check_007(parsed: ParsedToken2, expected: Expectations) -> list[Finding]:
    services = parsed.services
    if expected.service is not None:
        services = [s for s in services if s.type == SERVICE_CHOICES[expected.service]]
    found: list[Finding] = []
    if expected.channel_name is not None:
        bound = [s for s in services if s.type in _CHANNEL_TYPES]
        if not bound and services:
            names = ", ".join(SERVICE_NAMES.get(s.type, str(s.type)) for s in services)
            found.append(finding("channel_mismatch", f"no service of the token is bound to a "
                                                     f"channel (it has {names})"))
        for service in bound:
            carried = text_field(service.channel_name)
            if carried != expected.channel_name:
                found.append(finding("channel_mismatch", f"the {_name(service.type)} service is "
                                     f"for channel {carried!r}, not {expected.channel_name!r}"
                                     f"{_near_miss(carried, expected.channel_name)}"))
    who = expected.who
    if who is not None:
        for service in services:
            message = _who_007(service.type, service, who)
            if message:
                found.append(finding("uid_mismatch", message))
    return found


def _who_007(stype: int, service: object, who: int | str) -> str:
    if stype in _CHANNEL_TYPES:
        carried = text_field(getattr(service, "account", b""))
        if carried == "" or carried == uid_text(who):
            return ""
        if who == 0:
            return (f"the {_name(stype)} service is for account {carried!r}, not uid 0 (uid 0 "
                    f"means any uid, signed as an empty account); pass --account {carried}")
        return f"the {_name(stype)} service is for account {carried!r}, not {_describe(who)}"
    field_name = _USER_FIELD.get(stype)
    if field_name is None:
        return ""
    carried = text_field(getattr(service, field_name, b""))
    wanted = who if isinstance(who, str) else str(who)
    if carried == "" or carried == wanted:
        return ""
    return f"the {_name(stype)} service is for user {carried!r}, not {wanted!r}"


def _check_006(parsed: AccessToken006, expected: Expectations) -> IdentityCheck:
    channel, who = expected.channel_name, expected.who
    rtm_only = set(parsed.privileges) == {1000} and parsed.crc_uid == CRC_ZERO
    if rtm_only and channel is None and isinstance(who, str):
        channel, who = who, 0  # a 006 RTM token: the account is in the channel slot
    found: list[Finding] = []
    notes: list[str] = []
    if channel is not None:
        crc = zlib.crc32(channel.encode("utf-8", "surrogatepass"))
        if crc != parsed.crc_channel_name:
            found.append(finding("channel_mismatch", _crc_channel_message(parsed, channel, crc)))
    if who is not None:
        crc = zlib.crc32(uid_text(who).encode("utf-8", "surrogatepass"))
        if parsed.crc_uid == CRC_ZERO and crc != CRC_ZERO:
            notes.append(f"the token was built for uid 0 (any uid), so it also admits "
                         f"{_describe(who)}; its signature is checked with uid 0")
            who = 0
        elif crc != parsed.crc_uid:
            found.append(finding("uid_mismatch", _crc_uid_message(parsed, who, crc)))
    return IdentityCheck(tuple(found), channel, who, tuple(notes))


def _crc_channel_message(parsed: AccessToken006, channel: str, crc: int) -> str:
    return (f"channel name does not match (the token was built for a channel whose CRC32 is "
            f"{parsed.crc_channel_name:#010x}; CRC32({channel!r}) is {crc:#010x})"
            f"{_crc_near_miss(parsed.crc_channel_name, channel)}")


def _crc_uid_message(parsed: AccessToken006, who: int | str, crc: int) -> str:
    if who == 0 and parsed.crc_uid == CRC_TEXT_0:
        return ("the token was built for account '0' (the text), not uid 0 (any uid, signed "
                "as the empty text): pass --account 0, and join with user account '0'")
    head = (f"uid does not match (the token was built for a uid whose CRC32 is "
            f"{parsed.crc_uid:#010x}; CRC32({uid_text(who)!r}) for {_describe(who)} is "
            f"{crc:#010x})")
    if isinstance(who, str) and who.isdigit() and zlib.crc32(
            uid_text(int(who)).encode()) == parsed.crc_uid:
        return head + f"; it matches uid {int(who)}: pass --uid {int(who)}"
    return head


def _near_miss(carried: str | dict[str, str], wanted: str) -> str:
    if not isinstance(carried, str):
        return ""
    if carried.strip() == wanted.strip():
        return " (they differ only in surrounding spaces)"
    if carried.lower() == wanted.lower():
        return " (they differ only in letter case; channel names are case-sensitive)"
    return ""


def _crc_near_miss(crc: int, channel: str) -> str:
    for variant, how in ((channel.strip(), "without its surrounding spaces"),
                         (channel.lower(), "in lower case"), (channel.upper(), "in upper case")):
        if variant != channel and zlib.crc32(variant.encode("utf-8", "surrogatepass")) == crc:
            return f"; it matches {variant!r}, the name {how}"
    return ""


def _name(stype: int) -> str:
    return SERVICE_NAMES.get(stype, f"type {stype}")
