"""AccessToken2 (``007``): services 1-10, canonical packing, signing, parsing and verification.

Layout and algorithms: ``formats.md`` section 2. Services 9 (ConvoAI) and 10 (STT) were read from
upstream AgoraIO/Tools ``DynamicKey/AgoraDynamicKey/nodejs/src/AccessToken2.js`` (classes
``ServiceConvoAI``/``ServiceStt``, ``kConvoAIServiceType = 9``, ``kSttServiceType = 10``) and
``go/src/convoaitokenbuilder/convoaitokenbuilder.go``: both are *bare* services (``u16(type) +
map32(privileges)``, no type-specific fields, no privilege ids defined; the builders add them
with an empty privilege map).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
import secrets
import struct
import time
import zlib
from binascii import b2a_base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from reference._wire import U16_MAX, U32_MAX, Reader
from reference.errors import DecodeError, InvalidInput, ReasonCode

VERSION = "007"
DEFAULT_EXPIRE = 900
MAX_INFLATED = 1 << 24  # refuse zlib bombs: no real token inflates beyond a few KiB
MIN_SERVICES = 1  # a token with no service is refused (I5); a seam for the mutation gate

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

try:  # OpenSSL's one-shot HMAC, what hmac.digest calls for "sha256", minus the wrapper
    from _hashlib import hmac_digest as _hmac_sha256
except ImportError:  # pragma: no cover - CPython built without OpenSSL
    _hmac_sha256 = hmac.digest  # type: ignore[assignment]

_HEX32 = re.compile(r"[0-9A-Fa-f]{32}")
_hex32 = _HEX32.fullmatch
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_HEADER = struct.Struct("<III H")  # issue_ts, expire, salt, service count


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
        parts = [_U16.pack(self.type), pack_privileges(self.privileges)]
        for name in LAYOUT.get(self.type, ()):
            if name == "role":
                parts.append(pack_i16(self.role, "role"))
            elif name == "permissions":
                parts.append(pack_permissions(self.permissions))
            else:
                parts.append(pack_text(getattr(self, name), name))
        return b"".join(parts)


# ---------------------------------------------------------------- packing primitives


def check_u16(value: int, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= U16_MAX:
        raise InvalidInput(field_name, f"{value!r} is not an integer in 0..65535")
    return value


def check_u32(value: int, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= U32_MAX:
        raise InvalidInput(field_name, f"{value!r} is not an integer in 0..4294967295")
    return value


def pack_i16(value: int, field_name: str) -> bytes:
    if isinstance(value, bool) or not isinstance(value, int) or not -0x8000 <= value <= 0x7FFF:
        raise InvalidInput(field_name, f"{value!r} is not an integer in -32768..32767")
    return struct.pack("<h", value)


def pack_text(value: Text, field_name: str) -> bytes:
    """``u16(len) + bytes`` of UTF-8 text; refuses non-text and values over 65535 bytes."""
    if isinstance(value, str):
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(field_name, "text is not encodable as UTF-8") from None
    elif isinstance(value, bytes):
        raw = value
    else:
        raise InvalidInput(field_name, f"expected text, got {type(value).__name__}")
    if len(raw) > U16_MAX:
        raise InvalidInput(field_name, f"{len(raw)} bytes exceeds the 65535-byte limit")
    return _U16.pack(len(raw)) + raw


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
    parts = [_U16.pack(len(table))]
    for resource_type, by_permission in table.items():
        parts.append(_U16.pack(resource_type) + _U16.pack(len(by_permission)))
        for permission_type, resources in by_permission.items():
            if len(resources) > U16_MAX:
                raise InvalidInput("resources", "more than 65535 resources")
            parts.append(_U16.pack(permission_type) + _U16.pack(len(resources)))
            parts.extend(pack_text(r, "resources") for r in resources)
    return b"".join(parts)


# ---------------------------------------------------------------- building


def check_credential(value: object, field_name: str) -> bytes:
    """App id / certificate: exactly 32 hex characters (no whitespace); returns ASCII bytes."""
    if not isinstance(value, str) or _HEX32.fullmatch(value) is None:
        raise InvalidInput(field_name, "must be exactly 32 hexadecimal characters")
    return value.encode("ascii")


def new_salt() -> int:
    """A cryptographically secure salt in upstream Python's range 1..99999999."""
    return secrets.randbelow(99_999_999) + 1


def signing_key(app_certificate: bytes, issue_ts: int, salt: int) -> bytes:
    """``k2`` of formats.md 2.2 (``k1`` keyed by issue_ts over the certificate text)."""
    k1 = _hmac_sha256(_U32.pack(issue_ts), app_certificate, "sha256")
    return _hmac_sha256(_U32.pack(salt), k1, "sha256")


def sign(app_certificate: bytes, issue_ts: int, salt: int, signing_info: bytes) -> bytes:
    """``HMAC-SHA256(k2, signing_info)`` (formats.md 2.2)."""
    k1 = _hmac_sha256(_U32.pack(issue_ts), app_certificate, "sha256")
    k2 = _hmac_sha256(_U32.pack(salt), k1, "sha256")
    return _hmac_sha256(k2, signing_info, "sha256")


def assemble(
    app_id: str,
    app_certificate: str,
    expire: int,
    packed_services: Sequence[bytes],
    issue_ts: int | None,
    salt: int | None,
) -> str:
    """Sign and encode services that are already packed in canonical order."""
    if type(app_id) is not str or _hex32(app_id) is None:
        check_credential(app_id, "app_id")
    if type(app_certificate) is not str or _hex32(app_certificate) is None:
        check_credential(app_certificate, "app_certificate")
    count = len(packed_services)
    if not MIN_SERVICES <= count <= U16_MAX:
        raise InvalidInput("services", "a token needs 1..65535 services")
    if issue_ts is None:
        issue_ts = int(time.time())
    elif type(issue_ts) is not int or not 0 <= issue_ts <= U32_MAX:
        check_u32(issue_ts, "issue_ts")
    if salt is None:
        salt = new_salt()
    elif type(salt) is not int or not 0 <= salt <= U32_MAX:
        check_u32(salt, "salt")
    if type(expire) is not int or not 0 <= expire <= U32_MAX:
        check_u32(expire, "expire")
    signing_info = b"".join(
        (b"\x20\x00", app_id.encode(), _HEADER.pack(issue_ts, expire, salt, count),
         *packed_services)
    )
    signature = sign(app_certificate.encode(), issue_ts, salt, signing_info)
    content = b"\x20\x00" + signature + signing_info
    return VERSION + b2a_base64(zlib.compress(content, 6), newline=False).decode()


def sorted_services(services: Iterable[Service]) -> list[Service]:
    """Stable sort by type: duplicates allowed, same-type services keep insertion order."""
    return sorted(services, key=lambda s: s.type)


@dataclass
class AccessToken2:
    """The low-level token object: credentials, clock, salt and a list of services."""

    app_id: str
    app_certificate: str
    issue_ts: int | None = None
    expire: int = DEFAULT_EXPIRE
    salt: int | None = None
    services: list[Service] = field(default_factory=list)

    def add_service(self, service: Service) -> None:
        self.services.append(service)

    def build(self) -> str:
        """The token text; ``InvalidInput`` for inputs the format cannot carry."""
        packed = [s.pack() for s in sorted_services(self.services)]
        return assemble(self.app_id, self.app_certificate, self.expire, packed,
                        self.issue_ts, self.salt)


# ---------------------------------------------------------------- parsing


def b64decode_strict(text: str) -> bytes:
    """RFC 4648 standard alphabet with padding, canonical only; else ``bad_base64``."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DecodeError(ReasonCode.BAD_BASE64, str(exc)) from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise DecodeError(ReasonCode.BAD_BASE64, "not in canonical padded form")
    return raw


def inflate(data: bytes) -> bytes:
    """Inflate one complete zlib stream (any level, block type or flush markers)."""
    decomp = zlib.decompressobj()
    try:
        out = decomp.decompress(data, MAX_INFLATED)
    except zlib.error as exc:
        raise DecodeError(ReasonCode.BAD_ZLIB, str(exc)) from None
    if decomp.unconsumed_tail:
        raise DecodeError(ReasonCode.BAD_ZLIB, f"inflates beyond {MAX_INFLATED} bytes")
    if not decomp.eof:
        raise DecodeError(ReasonCode.BAD_ZLIB, "zlib stream ends early (no final block)")
    if decomp.unused_data:
        raise DecodeError(ReasonCode.TRAILING_BYTES,
                          f"{len(decomp.unused_data)} bytes after the end of the zlib stream")
    return out


@dataclass
class ParsedToken2:
    """A decoded 007 token: the raw signature and signing_info plus the fields read from them."""

    content: bytes
    signature: bytes
    signing_info: bytes
    app_id: bytes
    issue_ts: int
    expire: int
    salt: int
    services: list[Service]
    unknown_service_type: int | None = None

    def verify_signature(self, app_certificate: str) -> bool:
        """Constant-time check of the signature against a candidate certificate."""
        if not isinstance(app_certificate, str) or _HEX32.fullmatch(app_certificate) is None:
            return False
        expected = sign(app_certificate.encode("ascii"), self.issue_ts, self.salt,
                        self.signing_info)
        return hmac.compare_digest(expected, self.signature)

    def to_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "version": VERSION,
            "signature": self.signature.hex(),
            "app_id": text_field(self.app_id),
            "issue_ts": self.issue_ts,
            "expire": self.expire,
            "salt": self.salt,
            "services": [service_to_fields(s) for s in self.services],
        }
        if self.unknown_service_type is not None:
            fields["unknown_service_type"] = self.unknown_service_type
        return fields


def parse(token: str) -> ParsedToken2:
    """Decode a ``007`` token; every failure is a :class:`DecodeError`."""
    if not isinstance(token, str) or not token.startswith(VERSION):
        raise DecodeError(ReasonCode.BAD_VERSION, "not a 007 token")
    return parse_content(inflate(b64decode_strict(token[3:])))


def parse_content(content: bytes) -> ParsedToken2:
    """Read the inflated content (formats.md 2.7), strict about bytes after the last field.

    Upstream ignores bytes after the last service; a conformance decoder reports them
    (``trailing_bytes``) unless parsing stopped at an unknown service type, whose layout
    is unknown so the rest cannot be interpreted.
    """
    reader = Reader(content)
    signature = reader.bytes16("signature")
    signing_info = content[reader.pos:]
    app_id = reader.bytes16("app_id")
    issue_ts = reader.u32("issue_ts")
    expire = reader.u32("expire")
    salt = reader.u32("salt")
    count = reader.u16("service count")
    services: list[Service] = []
    unknown: int | None = None
    for _ in range(count):
        service_type = reader.u16("service type")
        if service_type not in LAYOUT:
            unknown = service_type
            break
        services.append(_read_service(reader, service_type))
    if unknown is None and reader.remaining():
        raise DecodeError(ReasonCode.TRAILING_BYTES,
                          f"{reader.remaining()} bytes after the last service")
    return ParsedToken2(content, signature, signing_info, app_id, issue_ts, expire, salt,
                        services, unknown)


def _read_service(reader: Reader, service_type: int) -> Service:
    service = Service(service_type, reader.map32("privileges"))
    for name in LAYOUT[service_type]:
        if name == "role":
            service.role = reader.i16("role")
        elif name == "permissions":
            service.permissions = _read_permissions(reader)
        else:
            setattr(service, name, reader.bytes16(name))
    return service


def _read_permissions(reader: Reader) -> list[Permission]:
    entries: list[Permission] = []
    for _ in range(reader.u16("resource type count")):
        resource_type = reader.u16("resource type")
        for _ in range(reader.u16("permission type count")):
            permission_type = reader.u16("permission type")
            count = reader.u16("resource count")
            resources: list[Text] = [reader.bytes16("resource") for _ in range(count)]
            entries.append(Permission(resource_type, permission_type, resources))
    return entries


# ---------------------------------------------------------------- decoded fields


def text_field(raw: Text) -> str | dict[str, str]:
    """UTF-8 text as a string; anything else as ``{"hex": ...}`` (docs/architecture.md)."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"hex": raw.hex()}


def text_value(value: object, field_name: str) -> Text:
    """The inverse of :func:`text_field` for builder arguments."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and set(value) == {"hex"} and isinstance(value["hex"], str):
        try:
            return bytes.fromhex(value["hex"])
        except ValueError:
            pass
    raise InvalidInput(field_name, "expected text or {hex: ...}")


def service_to_fields(service: Service) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": service.type,
        "privileges": {str(k): service.privileges[k] for k in sorted(service.privileges)},
    }
    for name in LAYOUT.get(service.type, ()):
        if name == "role":
            out["role"] = service.role
        elif name == "permissions":
            out["permissions"] = [
                {"resource_type": p.resource_type, "permission_type": p.permission_type,
                 "resources": [text_field(r) for r in p.resources]}
                for p in service.permissions
            ]
        else:
            out[name] = text_field(getattr(service, name))
    return out


_SERVICE_KEYS = frozenset({"type", "privileges", "channel_name", "account", "user_id",
                           "room_uuid", "user_uuid", "role", "permissions"})


def service_from_fields(entry: object, where: str = "services") -> Service:
    """A :class:`Service` from its decoded-fields form (the low-level builder's input)."""
    if not isinstance(entry, Mapping):
        raise InvalidInput(where, "each service must be a mapping")
    unknown = set(entry) - _SERVICE_KEYS
    if unknown:
        raise InvalidInput(where, f"unknown service keys {sorted(unknown)}")
    service = Service(check_u16(entry.get("type"), f"{where}.type"))  # type: ignore[arg-type]
    privileges = entry.get("privileges", {})
    if not isinstance(privileges, Mapping):
        raise InvalidInput(f"{where}.privileges", "must be a mapping of id -> seconds")
    for key, value in privileges.items():
        try:
            pid = int(key)
        except (TypeError, ValueError):
            raise InvalidInput(f"{where}.privileges", f"bad privilege id {key!r}") from None
        service.privileges[check_u16(pid, "privilege id")] = check_u32(value, f"privilege {key}")
    for name in LAYOUT.get(service.type, ()):
        if name not in entry:
            continue
        if name == "role":
            service.role = entry["role"]
        elif name == "permissions":
            service.permissions = permissions_from_fields(entry["permissions"])
        else:
            setattr(service, name, text_value(entry[name], f"{where}.{name}"))
    return service


def permissions_from_fields(value: object) -> list[Permission]:
    if not isinstance(value, Sequence) or isinstance(value, (str, bytes)):
        raise InvalidInput("permissions", "expected a list of permission entries")
    out: list[Permission] = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"resource_type", "permission_type",
                                                          "resources"}:
            raise InvalidInput("permissions",
                               "each entry needs resource_type, permission_type, resources")
        resources = item["resources"]
        if not isinstance(resources, Sequence) or isinstance(resources, (str, bytes)):
            raise InvalidInput("permissions", "resources must be a list of text")
        out.append(Permission(check_u16(item["resource_type"], "resource_type"),
                              check_u16(item["permission_type"], "permission_type"),
                              [text_value(r, "resources") for r in resources]))
    return out


def canonical_signing_info(fields: Mapping[str, Any]) -> bytes:
    """Re-encode decoded 007 fields canonically (sorted services, privileges, RTM2 keys).

    The runner's verify mode compares this with the token's own signing_info. Tokens whose
    parsing stopped at an unknown service type cannot be re-encoded (``InvalidInput``).
    """
    if "unknown_service_type" in fields:
        raise InvalidInput("services", "parsing stopped at an unknown service type")
    services = [service_from_fields(s) for s in fields.get("services", [])]
    packed = [s.pack() for s in sorted_services(services)]
    app_id = pack_text(text_value(fields.get("app_id"), "app_id"), "app_id")
    header = _HEADER.pack(check_u32(fields.get("issue_ts"), "issue_ts"),  # type: ignore[arg-type]
                          check_u32(fields.get("expire"), "expire"),  # type: ignore[arg-type]
                          check_u32(fields.get("salt"), "salt"),  # type: ignore[arg-type]
                          check_u16(len(packed), "service count"))
    return b"".join((app_id, header, *packed))
