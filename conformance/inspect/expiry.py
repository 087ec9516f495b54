"""Expiry of a decoded token and of each privilege it grants, against a clock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.inspect.reasons import Finding, finding
from conformance.inspect.timefmt import span, utc
from reference.access_token import AccessToken006, Privilege
from reference.access_token2 import PRIVILEGE_NAMES, SERVICE_NAMES, ParsedToken2
from reference.decode import Decoded

PRIVILEGE_NAMES_006 = {int(p): p.name.title().replace("_", "") for p in Privilege}
"""006 privilege names for display: JOIN_CHANNEL -> JoinChannel."""


@dataclass(frozen=True)
class PrivilegeExpiry:
    """One granted privilege: where it is, its name, and when it expires (None: literal 0)."""

    service: str | None
    service_type: int | None
    privilege_id: int
    name: str
    expires_at: int | None

    @property
    def label(self) -> str:
        return f"{self.service} {self.name}" if self.service else self.name

    def to_json(self, now: int) -> dict[str, Any]:
        return {"service": self.service, "service_type": self.service_type,
                "privilege": self.name, "id": self.privilege_id, "expires_at": self.expires_at,
                "expired": self.expires_at is not None and self.expires_at < now}


def privileges(decoded: Decoded) -> list[PrivilegeExpiry]:
    """Every privilege the token grants, with its absolute expiry (007: issue_ts + value)."""
    parsed = decoded.parsed
    out: list[PrivilegeExpiry] = []
    if isinstance(parsed, ParsedToken2):
        for service in parsed.services:
            names = PRIVILEGE_NAMES.get(service.type, {})
            for pid in sorted(service.privileges):
                value = service.privileges[pid]
                out.append(PrivilegeExpiry(
                    SERVICE_NAMES.get(service.type, f"type {service.type}"), service.type, pid,
                    names.get(pid, f"privilege {pid}"),
                    None if value == 0 else parsed.issue_ts + value))
    elif isinstance(parsed, AccessToken006):
        for pid in sorted(parsed.privileges):
            value = parsed.privileges[pid]
            out.append(PrivilegeExpiry(None, None, pid,
                                       PRIVILEGE_NAMES_006.get(pid, f"privilege {pid}"),
                                       None if value == 0 else value))
    return out


def expiry_findings(decoded: Decoded, now: int) -> list[Finding]:
    """``expired`` for the token, else ``privilege_expired`` for each privilege past ``now``."""
    expires_at = decoded.expires_at
    if expires_at is not None and expires_at < now:
        return [finding("expired", f"the token expired {span(now - expires_at)} ago, at "
                                   f"{utc(expires_at)} ({expires_at}){_basis(decoded)}")]
    alive = "" if expires_at is None else f", although the token is valid until {utc(expires_at)}"
    groups: dict[tuple[str | None, int], list[PrivilegeExpiry]] = {}
    for entry in privileges(decoded):
        if entry.expires_at is not None and entry.expires_at < now:
            groups.setdefault((entry.service, entry.expires_at), []).append(entry)
    found = []
    for (service, at), entries in groups.items():
        names = ", ".join(f"{e.name} ({e.privilege_id})" for e in entries)
        found.append(finding("privilege_expired", f"{service + ' ' if service else ''}{names} "
                                                  f"expired {span(now - at)} ago, at {utc(at)}"
                                                  f"{alive}"))
    return found


def _basis(decoded: Decoded) -> str:
    parsed = decoded.parsed
    if isinstance(parsed, ParsedToken2):
        return f" = issue_ts {parsed.issue_ts} + expire {parsed.expire} s"
    return ""
