"""Little-endian packing, its range checks, and bounds-checked unpacking shared by every format."""

from __future__ import annotations

import struct
from collections.abc import Mapping

from reference.errors import DecodeError, InvalidInput, ReasonCode

U16_MAX = 0xFFFF
U32_MAX = 0xFFFFFFFF

_U16 = struct.Struct("<H")
_I16 = struct.Struct("<h")
_U32 = struct.Struct("<I")
_U16_U32 = struct.Struct("<HI")


def check_int(value: object, field: str, lo: int, hi: int) -> int:
    """``value`` if it is an integer (not ``bool``) in ``lo..hi``; else ``InvalidInput(field)``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, f"expected an integer, got {type(value).__name__}")
    if not lo <= value <= hi:
        raise InvalidInput(field, f"{value} is outside {lo}..{hi}")
    return value


def check_u16(value: object, field: str) -> int:
    return check_int(value, field, 0, U16_MAX)


def check_u32(value: object, field: str) -> int:
    return check_int(value, field, 0, U32_MAX)


def u16(value: int) -> bytes:
    return _U16.pack(value)


def i16(value: int) -> bytes:
    return _I16.pack(value)


def u32(value: int) -> bytes:
    return _U32.pack(value)


def text_bytes(value: str | bytes) -> bytes:
    """UTF-8 bytes of a text field (bytes pass through unchanged)."""
    return value if isinstance(value, bytes) else value.encode("utf-8")


def length_prefixed(value: str | bytes, field: str = "string") -> bytes:
    """``u16(len) + bytes``; refuses values longer than 65535 bytes instead of wrapping."""
    raw = text_bytes(value)
    if len(raw) > U16_MAX:
        raise InvalidInput(field, f"{len(raw)} bytes exceeds the 65535-byte limit of the format")
    return _U16.pack(len(raw)) + raw


def map32(entries: Mapping[int, int]) -> bytes:
    """``u16(count)`` then ``u16(key) u32(value)`` in ascending key order."""
    keys = sorted(entries)
    return _U16.pack(len(keys)) + b"".join([_U16_U32.pack(k, entries[k]) for k in keys])


class Reader:
    """Sequential reader over a byte string; running short raises ``DecodeError(truncated)``."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def remaining(self) -> int:
        return len(self.data) - self.pos

    def expect_end(self, after: str) -> None:
        """Raise ``DecodeError(trailing_bytes)`` if bytes are left (``after``: the last field)."""
        if self.remaining():
            raise DecodeError(ReasonCode.TRAILING_BYTES, f"{self.remaining()} bytes after {after}")

    def take(self, size: int, what: str = "field") -> bytes:
        end = self.pos + size
        if end > len(self.data):
            raise DecodeError(
                ReasonCode.TRUNCATED,
                f"{what} needs {size} bytes at offset {self.pos}, {self.remaining()} left",
            )
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def u16(self, what: str = "u16") -> int:
        value: int = _U16.unpack(self.take(2, what))[0]
        return value

    def i16(self, what: str = "i16") -> int:
        value: int = _I16.unpack(self.take(2, what))[0]
        return value

    def u32(self, what: str = "u32") -> int:
        value: int = _U32.unpack(self.take(4, what))[0]
        return value

    def bytes16(self, what: str = "bytes") -> bytes:
        return self.take(self.u16(what + " length"), what)

    def map32(self, what: str = "map") -> dict[int, int]:
        count = self.u16(what + " count")
        result: dict[int, int] = {}
        for _ in range(count):
            key = self.u16(what + " key")
            result[key] = self.u32(what + " value")
        return result
