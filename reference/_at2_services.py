"""AccessToken2 (``007``) services: type ids, names, layouts, the Service model and packing.

Layout: ``docs/formats.md`` section 2; services 9 and 10 are bare (see ``reference.access_token2``).
Every packing primitive range-checks its input and raises ``InvalidInput`` naming the field.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from reference._wire import (
    U16_MAX,
    U32_MAX,
    check_int,
    check_u16,
    check_u32,
    i16,
    u16,
)
from reference.errors import InvalidInput

VERSION = "007"

Text: TypeAlias = str | bytes

RTC, RTM, STREAMING, FPA, CHAT, FCDN, APAAS, RTM2, CONVOAI, STT = range(1, 11)

SERVICE_NAMES: dict[int, str] = {
    RTC: "RTC", RTM: "RTM", STREAMING: "Streaming", FPA: "FPA", CHAT: "Chat", FCDN: "FCDN",
    APAAS: "APaaS", RTM2: "RTM2", CONVOAI: "ConvoAI", STT: "STT",
}
PRIVILEGE_NAMES: dict[int, dict[int, str]] = {
    RTC: {1: "JoinChannel", 2: "PublishAudioStream", 3: "PublishVideoStream",
          4: "PublishDataStream"},
    RTM: {1: "Login"},
    STREAMING: {1: "PublishMixStream", 2: "PublishRawStream"},
    FPA: {1: "Login"},
    CHAT: {1: "User", 2: "App"},
    FCDN: {1: "Publish", 2: "Play"},
    APAAS: {1: "RoomUser", 2: "User", 3: "App"},
    RTM2: {1: "Login"},
    CONVOAI: {},
    STT: {},
}
RESOURCE_TYPE_NAMES = {0: "MessageChannels", 1: "StreamChannels", 2: "GroupChannels",
                       3: "ServerGroups", 4: "Users"}
PERMISSION_TYPE_NAMES = {0: "Read", 1: "Write"}

# Type-specific fields packed after ``map32(privileges)``; types not listed are bare.
LAYOUT: dict[int, tuple[str, ...]] = {
    RTC: ("channel_name", "account"),
    RTM: ("user_id",),
    STREAMING: ("channel_name", "account"),
    FPA: (),
    CHAT: ("user_id",),
    FCDN: ("channel_name", "account"),
    APAAS: ("room_uuid", "user_uuid", "role"),
    RTM2: ("user_id", "permissions"),
    CONVOAI: (),
    STT: (),
}


@dataclass
class Permission:
    """One RTM2 ``(resource_type, permission_type) -> resources`` entry."""

    resource_type: int
    permission_type: int
    resources: list[Text]


@dataclass
class Service:
    """One service; fields that the type does not carry are ignored when packing."""

    type: int
    privileges: dict[int, int] = field(default_factory=dict)
    channel_name: Text = ""
    account: Text = ""
    user_id: Text = ""
    room_uuid: Text = ""
    user_uuid: Text = ""
    role: int = -1
    permissions: list[Permission] = field(default_factory=list)

    def add_privilege(self, privilege: int, expire: int) -> None:
        self.privileges[privilege] = expire

    def pack(self) -> bytes:
        check_u16(self.type, "service type")
        parts = [u16(self.type), pack_privileges(self.privileges)]
        for name in LAYOUT.get(self.type, ()):
            if name == "role":
                parts.append(pack_i16(self.role, "role"))
            elif name == "permissions":
                parts.append(pack_permissions(self.permissions))
            else:
                parts.append(pack_text(getattr(self, name), name))
        return b"".join(parts)


# ---------------------------------------------------------------- packing primitives


def pack_i16(value: int, field_name: str) -> bytes:
    return i16(check_int(value, field_name, -0x8000, 0x7FFF))


_U16 = struct.Struct("<H")


def pack_text(value: Text, field_name: str) -> bytes:
    """``u16(len) + bytes`` of UTF-8 text; refuses non-text and values over 65535 bytes."""
    if isinstance(value, str):
        try:
            raw = value.encode()
        except UnicodeEncodeError:
            raise InvalidInput(field_name, "text is not encodable as UTF-8") from None
    elif isinstance(value, bytes):
        raw = value
    else:
        raise InvalidInput(field_name, f"expected text, got {type(value).__name__}")
    size = len(raw)
    if size > U16_MAX:
        raise InvalidInput(field_name, f"{size} bytes exceeds the 65535-byte limit of the format")
    return _U16.pack(size) + raw


def pack_privileges(privileges: Mapping[int, int]) -> bytes:
    """``map32`` in ascending key order, with every key and value range-checked."""
    count = len(privileges)
    if count > U16_MAX:
        raise InvalidInput("privileges", "more than 65535 privileges")
    try:
        keys = sorted(privileges)
    except TypeError:
        raise InvalidInput("privileges", "privilege ids must be integers") from None
    flat: list[int] = []
    for key in keys:
        value = privileges[key]
        if type(key) is not int or not 0 <= key <= U16_MAX:
            check_u16(key, "privilege id")
        if type(value) is not int or not 0 <= value <= U32_MAX:
            check_u32(value, f"privilege {key}")
        flat += (key, value)
    packer = _MAP_STRUCTS.get(count) or _map_struct(count)
    return packer.pack(count, *flat)


_MAP_STRUCTS: dict[int, struct.Struct] = {}


def _map_struct(count: int) -> struct.Struct:
    packer = struct.Struct("<H" + "HI" * count)
    if count <= 16:
        _MAP_STRUCTS[count] = packer
    return packer


def canonical_permissions(
    permissions: Iterable[Permission],
) -> dict[int, dict[int, list[Text]]]:
    """Apply entries in order (a repeated pair replaces the earlier list); keys sorted."""
    table: dict[int, dict[int, list[Text]]] = {}
    for entry in permissions:
        check_u16(entry.resource_type, "resource_type")
        check_u16(entry.permission_type, "permission_type")
        table.setdefault(entry.resource_type, {})[entry.permission_type] = list(entry.resources)
    return {rt: dict(sorted(table[rt].items())) for rt in sorted(table)}


def pack_permissions(permissions: Iterable[Permission]) -> bytes:
    table = canonical_permissions(permissions)
    parts = [u16(len(table))]
    for resource_type, by_permission in table.items():
        parts.append(u16(resource_type) + u16(len(by_permission)))
        for permission_type, resources in by_permission.items():
            if len(resources) > U16_MAX:
                raise InvalidInput("resources", "more than 65535 resources")
            parts.append(u16(permission_type) + u16(len(resources)))
            parts.extend(pack_text(r, "resources") for r in resources)
    return b"".join(parts)
