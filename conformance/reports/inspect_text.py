"""Human-readable rendering of a decoded token for ``agora-conformance inspect``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from reference.access_token import Privilege
from reference.access_token2 import (
    PERMISSION_TYPE_NAMES,
    PRIVILEGE_NAMES,
    RESOURCE_TYPE_NAMES,
    SERVICE_NAMES,
)
from reference.decode import Decoded

FAMILY_NAMES = {
    "007": "AccessToken2", "006": "AccessToken", "005": "DynamicKey5", "004": "DynamicKey4",
    "003": "DynamicKey3", "1": "SignalingToken",
}
# 006 privilege names for display: JOIN_CHANNEL -> JoinChannel
PRIVILEGE_NAMES_006 = {int(p): p.name.title().replace("_", "") for p in Privilege}


def utc(ts: int) -> str:
    """``YYYY-MM-DD HH:MM:SS UTC`` for a UNIX time."""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def relative(ts: int, now: int) -> str:
    delta = ts - now
    if delta == 0:
        return "now"
    span = _span(abs(delta))
    return f"in {span}" if delta > 0 else f"{span} ago"


def _span(seconds: int) -> str:
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return " ".join(parts) or "0s"


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return f"<non-UTF-8 bytes {value.get('hex', '')}>"
    return repr(value)


def _value(value: Any) -> str:
    if isinstance(value, str) or (isinstance(value, dict) and set(value) == {"hex"}):
        return _text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _when(ts: int, now: int) -> str:
    return f"{utc(ts)} ({ts}; {relative(ts, now)})"


def render(decoded: Decoded, now: int, signature_status: str) -> str:
    """The readable breakdown; ``now`` is used for relative times only."""
    fields = decoded.to_fields()
    version = decoded.version
    lines = [f"version    {version} ({FAMILY_NAMES.get(version, 'unknown')})"]
    if version == "007":
        lines += _render_007(fields, now)
    elif version == "006":
        lines += _render_006(fields, now)
    else:
        lines += [f"{k:<10} {_value(v)}" for k, v in fields.items()
                  if k not in ("version", "signature")]
        if decoded.expires_at is not None:
            lines.append(f"expires    {_when(decoded.expires_at, now)}")
    lines.append(f"signature  {decoded.signature}")
    lines.append(f"status     {signature_status}")
    return "\n".join(lines)


def _render_007(fields: dict[str, Any], now: int) -> list[str]:
    issue_ts, expire = fields["issue_ts"], fields["expire"]
    lines = [
        f"app id     {_text(fields['app_id'])}",
        f"issued     {_when(issue_ts, now)}",
        f"expires    {_when(issue_ts + expire, now)} = issue_ts + {expire} s",
        f"salt       {fields['salt']}",
        f"services   {len(fields['services'])}",
    ]
    for index, service in enumerate(fields["services"], 1):
        stype = service["type"]
        lines.append(f"  [{index}] {SERVICE_NAMES.get(stype, '?')} (type {stype})")
        for key in ("channel_name", "account", "user_id", "room_uuid", "user_uuid", "role"):
            if key in service:
                value = service[key]
                lines.append(f"      {key:<13}{_text(value) if key != 'role' else value}")
        names = PRIVILEGE_NAMES.get(stype, {})
        if not service["privileges"]:
            lines.append("      (no privileges)")
        for pid, value in service["privileges"].items():
            name = names.get(int(pid), "unknown privilege")
            if value == 0:
                expiry = "0 (literal 0; meaning decided server-side)"
            else:
                expiry = f"+{value} s -> {_when(issue_ts + value, now)}"
            lines.append(f"      {name} ({pid}): {expiry}")
        for perm in service.get("permissions", []):
            rt, pt = perm["resource_type"], perm["permission_type"]
            resources = ", ".join(_text(r) for r in perm["resources"]) or "(none)"
            lines.append(f"      permission {RESOURCE_TYPE_NAMES.get(rt, rt)}/"
                         f"{PERMISSION_TYPE_NAMES.get(pt, pt)}: {resources}")
    if "unknown_service_type" in fields:
        lines.append(f"  parsing stopped at unknown service type {fields['unknown_service_type']}"
                     " (later services not shown, as upstream does)")
    return lines


def _render_006(fields: dict[str, Any], now: int) -> list[str]:
    lines = [
        f"app id     {fields['app_id']}",
        f"crc32      channel {fields['crc_channel_name']:#010x}, uid {fields['crc_uid']:#010x}",
        f"salt       {fields['salt']}",
        f"expires    {_when(fields['ts'], now)} (ts)",
        f"privileges {len(fields['privileges'])}",
    ]
    for pid, value in fields["privileges"].items():
        name = PRIVILEGE_NAMES_006.get(int(pid), "unknown privilege")
        expiry = "0 (literal 0)" if value == 0 else _when(value, now)
        lines.append(f"  {name} ({pid}): {expiry}")
    return lines
