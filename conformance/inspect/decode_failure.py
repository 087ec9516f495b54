"""Why a token does not decode, in words: truncation with expected length, the bad character."""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import struct
import zlib

from conformance.inspect.reasons import Finding, finding
from reference.decode import decode
from reference.errors import DecodeError, ReasonCode

_B64_CHAR = re.compile(r"[^A-Za-z0-9+/=]")
_U16 = struct.Struct("<H")
# Byte layouts after base64 decoding: "u16"/"u32" fixed, "b16" u16-length-prefixed bytes,
# "n16" a u16 count of (u16 key, b16 value) entries; enough to measure a cut token.
_LAYOUT_006 = ("b16", "u32", "u32", "b16")
_LAYOUT_005 = ("u16", "b16", "b16", "u32", "u32", "u32", "n16")
_MIN_SIZE = {"u16": 2, "u32": 4, "b16": 2, "n16": 2}


def explain(token: str, error: DecodeError) -> Finding:
    """The finding for ``error`` raised by decoding ``token`` (already repaired of damage)."""
    reason = error.reason
    if reason is ReasonCode.BAD_VERSION:
        start = f"starts with {token[:3]!r}" if token else "is empty"
        return finding("bad_version", f"the token {start}, not 007, 006, 005, 004, 003 or 1:")
    cut = _cut(token, error)
    if cut is not None:
        return cut
    if reason is ReasonCode.BAD_BASE64:
        return finding("bad_base64", _base64_detail(token))
    if reason is ReasonCode.BAD_ZLIB:
        return finding("bad_zlib", "the compressed payload does not inflate "
                                   f"({error.detail}): a character was changed")
    return finding(reason.value, error.detail)


def _cut(token: str, error: DecodeError) -> Finding | None:
    """A ``truncated`` finding when the error is what a cut token gives, else None."""
    prefix, body = _split(token)
    if prefix in ("003", "004", "1") and error.reason is ReasonCode.TRUNCATED:
        return finding("truncated", f"the token was cut: {error.detail}")
    if prefix == "1" and error.reason is ReasonCode.BAD_FIELD and "signature" in error.detail:
        parts = token.rsplit(":", 1)
        expected = len(parts[0]) + 1 + 32
        if len(token) < expected:
            return _truncated(len(token), expected, True)
    if prefix not in ("007", "006", "005"):
        return None
    appended = _appended(token, body)
    if appended is not None:
        return appended
    short_base64 = error.reason is ReasonCode.BAD_BASE64 and len(body) % 4 != 0 and not (
        _B64_CHAR.search(body))
    ends_early = error.reason is ReasonCode.BAD_ZLIB and "ends early" in error.detail
    if not (short_base64 or ends_early or error.reason in (ReasonCode.TRUNCATED,
                                                           ReasonCode.TRAILING_BYTES)):
        return None
    if prefix == "007":
        return _cut_007(token, body)
    needed, exact = _needed_bytes(_lenient_b64(body), _LAYOUT_006 if prefix == "006"
                                  else _LAYOUT_005)
    expected = len(token) - len(body) + 4 * -(-needed // 3)
    if expected < len(token) and exact:
        return finding("trailing_bytes", f"{len(token) - expected} characters follow the end "
                                         f"of the token (a complete one is {expected})")
    if expected <= len(token):
        return None
    return _truncated(len(token), expected, exact)


def _appended(token: str, body: str) -> Finding | None:
    """Text after a complete token's final '=' padding (two tokens pasted together...)."""
    padding = re.search(r"=+(?=[^=])", body)
    if padding is None:
        return None
    end = len(token) - len(body) + padding.end()
    try:
        decode(token[:end])
    except DecodeError:
        return None
    return finding("trailing_bytes", f"{len(token) - end} characters follow the end of the "
                                     f"token (a complete one is {end})")


def _cut_007(token: str, body: str) -> Finding:
    """A 007 whose zlib stream ends early was cut; one whose stream ends before the text
    does has something appended."""
    stream = zlib.decompressobj()
    with contextlib.suppress(zlib.error):
        stream.decompress(_lenient_b64(body))
    if stream.eof:
        return finding("trailing_bytes", "characters follow the end of the token's compressed "
                                         "payload (something was appended)")
    return finding("truncated", f"the token was cut: its compressed payload stops before its "
                                f"end ({len(token)} characters)")


def _truncated(actual: int, expected: int, exact: bool) -> Finding:
    size = f"{expected}" if exact else f"at least {expected}"
    return finding("truncated", f"the token was cut: it is {actual} characters, a complete "
                                f"one is {size} ({expected - actual}{'' if exact else '+'} "
                                "missing)")


def _split(token: str) -> tuple[str, str]:
    if token.startswith("1:"):
        return "1", token[2:]
    if token.startswith("006"):
        return "006", token[35:]
    return token[:3], token[3:]


def _lenient_b64(body: str) -> bytes:
    usable = body.rstrip("=")
    usable = usable[: len(usable) - len(usable) % 4]
    try:
        return base64.b64decode(usable)
    except (binascii.Error, ValueError):
        return b""


def _needed_bytes(data: bytes, layout: tuple[str, ...]) -> tuple[int, bool]:
    """(bytes a complete content needs, whether that is exact) for a possibly cut ``data``."""
    pos = 0
    for index, op in enumerate(layout):
        rest = sum(_MIN_SIZE[o] for o in layout[index + 1:])
        if pos + 2 > len(data) and op != "u32":
            return pos + _MIN_SIZE[op] + rest, False
        if op == "u16":
            pos += 2
        elif op == "u32":
            pos += 4
        elif op == "b16":
            pos += 2 + _U16.unpack_from(data, pos)[0]
        else:
            count = _U16.unpack_from(data, pos)[0]
            pos += 2
            for _ in range(count):
                if pos + 4 > len(data):
                    return pos + 4, False
                pos += 4 + _U16.unpack_from(data, pos + 2)[0]
        if pos > len(data):
            return pos + rest, index == len(layout) - 1 or all(o.startswith("u")
                                                                 for o in layout[index + 1:])
    return pos, True


def _base64_detail(token: str) -> str:
    _, body = _split(token)
    bad = _B64_CHAR.search(body)
    if bad is not None:
        position = len(token) - len(body) + bad.start()
        return f"character {bad.group()!r} at position {position} is not base64"
    inner = body.rstrip("=")
    if "=" in inner:
        return "'=' appears inside the token, not only at its end"
    return "the last characters are not canonical base64: the token was altered"
