"""AccessToken2 (``007``) parsing: inflate, read the content strictly, the parsed token."""

from __future__ import annotations

import hmac
import zlib
from dataclasses import dataclass
from typing import Any

from reference._at2_fields import service_to_fields
from reference._at2_services import LAYOUT, VERSION, Permission, Service, Text
from reference._at2_signing import sign
from reference._token_text import is_hex32, text_field
from reference._wire import Reader
from reference.errors import DecodeError, ReasonCode

MAX_INFLATED = 1 << 24  # refuse zlib bombs: no real token inflates beyond a few KiB


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
        if not is_hex32(app_certificate):
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


def parse_content(content: bytes) -> ParsedToken2:
    """Read the inflated content (docs/formats.md §2.7), strict about bytes after the last field.

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
    if unknown is None:
        reader.expect_end("the last service")
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
