"""The readable ``inspect`` breakdown: the decoded fields, then the verdict with each fix."""

from __future__ import annotations

import json
from typing import Any

from conformance.inspect import PRIVILEGE_NAMES_006, Report, Severity, when
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


def render(report: Report) -> str:
    """The breakdown of a decoded token (if it decodes), then the verdict."""
    lines = [f"repaired   {report.token}"] if report.repaired else []
    if report.decoded is not None:
        lines += render_fields(report.decoded, report.now, report.signature_status)
    return "\n".join(lines + render_verdict(report))


def render_verdict(report: Report) -> list[str]:
    """``verdict`` then one entry per finding with its fix, then the notes."""
    invalid = report.invalid
    if invalid:
        head = f"INVALID: {', '.join(dict.fromkeys(f.code for f in invalid))}"
    elif report.findings:
        head = "NOT VERIFIED: more input needed"
    else:
        head = "valid" if report.signature_status == "signature valid" else \
            "decodes and has not expired (signature not checked: pass --certificate)"
    lines = [f"verdict    {head}"]
    for item in report.findings:
        marker = "" if item.severity is Severity.INVALID else f" [{item.severity.value}]"
        lines.append(f"  {item.code}{marker}: {item.message}")
        lines.append(f"    fix: {item.fix_text}")
    lines += [f"  note: {note}" for note in report.notes]
    return lines


def render_fields(decoded: Decoded, now: int, signature_status: str) -> list[str]:
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
            lines.append(f"expires    {when(decoded.expires_at, now)}")
    lines.append(f"signature  {decoded.signature}")
    lines.append(f"status     {signature_status}")
    return lines


def _render_007(fields: dict[str, Any], now: int) -> list[str]:
    issue_ts, expire = fields["issue_ts"], fields["expire"]
    lines = [
        f"app id     {_text(fields['app_id'])}",
        f"issued     {when(issue_ts, now)}",
        f"expires    {when(issue_ts + expire, now)} = issue_ts + {expire} s",
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
                expiry = f"+{value} s -> {when(issue_ts + value, now)}"
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
        f"expires    {when(fields['ts'], now)} (ts)",
        f"privileges {len(fields['privileges'])}",
    ]
    for pid, value in fields["privileges"].items():
        name = PRIVILEGE_NAMES_006.get(int(pid), "unknown privilege")
        expiry = "0 (literal 0)" if value == 0 else when(value, now)
        lines.append(f"  {name} ({pid}): {expiry}")
    return lines
