"""AccessToken2 (``007``): the token object, assembly (sign + deflate + base64) and parse.

Layout and algorithms: ``docs/formats.md`` §2. Services 9 (ConvoAI) and 10 (STT) were read from
upstream AgoraIO/Tools ``DynamicKey/AgoraDynamicKey/nodejs/src/AccessToken2.js`` (classes
``ServiceConvoAI``/``ServiceStt``, ``kConvoAIServiceType = 9``, ``kSttServiceType = 10``) and
``go/src/convoaitokenbuilder/convoaitokenbuilder.go``: both are *bare* services (``u16(type) +
map32(privileges)``, no type-specific fields, no privilege ids defined; the builders add them
with an empty privilege map).

The parts live in private modules: ``_at2_services`` (types, Service, packing), ``_at2_signing``
(credentials, HMAC chain), ``_at2_parse`` (inflate, content reader), ``_at2_fields`` (decoded
fields form) and ``_token_text`` (prefix check, strict base64, text fields); their public names are
re-exported here. The mutation gate patches names where they are looked up: ``sign``,
``MIN_SERVICES``, ``_hex32``, ``check_credential``, ``zlib``, ``b2a_base64`` and
``sorted_services`` here, the packing primitives in ``_at2_services``.
"""

from __future__ import annotations

import struct
import time
import zlib
from binascii import b2a_base64
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reference._at2_fields import (
    permissions_from_fields,
    service_from_fields,
    service_to_fields,
    text_value,
)
from reference._at2_parse import MAX_INFLATED, ParsedToken2, inflate, parse_content
from reference._at2_services import (
    APAAS,
    CHAT,
    CONVOAI,
    FCDN,
    FPA,
    LAYOUT,
    PERMISSION_TYPE_NAMES,
    PRIVILEGE_NAMES,
    RESOURCE_TYPE_NAMES,
    RTC,
    RTM,
    RTM2,
    SERVICE_NAMES,
    STREAMING,
    STT,
    VERSION,
    Permission,
    Service,
    Text,
    canonical_permissions,
    pack_i16,
    pack_permissions,
    pack_privileges,
    pack_text,
)
from reference._at2_signing import _hex32, check_credential, sign, signing_key
from reference._heap import keep_heap
from reference._salt import random_salt
from reference._token_text import b64decode_strict, require_prefix, text_field
from reference._wire import U16_MAX, U32_MAX, check_u16, check_u32
from reference.errors import InvalidInput

__all__ = [
    "APAAS", "CHAT", "CONVOAI", "DEFAULT_EXPIRE", "FCDN", "FPA", "LAYOUT", "MAX_INFLATED",
    "MIN_SERVICES", "PERMISSION_TYPE_NAMES", "PRIVILEGE_NAMES", "RESOURCE_TYPE_NAMES", "RTC",
    "RTM", "RTM2", "SERVICE_NAMES", "STREAMING", "STT", "VERSION", "AccessToken2",
    "ParsedToken2", "Permission", "Service", "Text", "assemble", "b64decode_strict",
    "canonical_permissions", "canonical_signing_info", "check_credential", "check_u16",
    "check_u32", "inflate", "pack_i16", "pack_permissions", "pack_privileges",
    "pack_text", "parse", "parse_content", "permissions_from_fields", "service_from_fields",
    "service_to_fields", "sign", "signing_key", "sorted_services", "text_field", "text_value",
]

keep_heap()  # zlib's deflate state stays in the heap between tokens (see reference/_heap.py)

DEFAULT_EXPIRE = 900
MIN_SERVICES = 1  # a token with no service is refused (I5); a seam for the mutation gate

_HEADER = struct.Struct("<III H")  # issue_ts, expire, salt, service count
_SIGNED_HEAD = struct.Struct("<H32s III H")  # the 32-byte app id with its length, then _HEADER


def assemble(
    app_id: str,
    app_certificate: str,
    expire: int,
    packed_services: Sequence[bytes],
    issue_ts: int | None,
    salt: int | None,
) -> str:
    """Sign and encode services that are already packed in canonical order."""
    # Each credential is matched once per value, not once per token (``_hex32`` remembers);
    # ``check_credential`` runs only to raise the error.
    if type(app_id) is not str or len(app_id) != 32 or _hex32(app_id) is None:
        check_credential(app_id, "app_id")
    if (type(app_certificate) is not str or len(app_certificate) != 32
            or _hex32(app_certificate) is None):
        check_credential(app_certificate, "app_certificate")
    count = len(packed_services)
    if not MIN_SERVICES <= count <= U16_MAX:
        raise InvalidInput("services", "a token needs 1..65535 services")
    if issue_ts is None:
        issue_ts = int(time.time())
    elif type(issue_ts) is not int or not 0 <= issue_ts <= U32_MAX:
        check_u32(issue_ts, "issue_ts")
    if salt is None:
        salt = random_salt()
    elif type(salt) is not int or not 0 <= salt <= U32_MAX:
        check_u32(salt, "salt")
    if type(expire) is not int or not 0 <= expire <= U32_MAX:
        check_u32(expire, "expire")
    signing_info = (_SIGNED_HEAD.pack(32, app_id.encode(), issue_ts, expire, salt, count)
                    + b"".join(packed_services))
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


def parse(token: str) -> ParsedToken2:
    """Decode a ``007`` token; every failure is a :class:`DecodeError`."""
    require_prefix(token, VERSION, "not a 007 token")
    return parse_content(inflate(b64decode_strict(token[3:])))


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
    header = _HEADER.pack(check_u32(fields.get("issue_ts"), "issue_ts"),
                          check_u32(fields.get("expire"), "expire"),
                          check_u32(fields.get("salt"), "salt"),
                          check_u16(len(packed), "service count"))
    return b"".join((app_id, header, *packed))
