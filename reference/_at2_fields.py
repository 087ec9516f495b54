"""AccessToken2 (``007``) decoded-fields form: services to and from docs/architecture.md fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reference._at2_services import LAYOUT, Permission, Service, Text
from reference._token_text import text_field
from reference._wire import check_u16, check_u32
from reference.errors import InvalidInput


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
    service = Service(check_u16(entry.get("type"), f"{where}.type"))
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
