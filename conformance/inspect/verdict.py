"""One token's verdict: damage, decoding, expiry, expectations, signature, in that order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.inspect.checks import check_expectations
from conformance.inspect.damage import app_id_damage, find_damage
from conformance.inspect.decode_failure import explain
from conformance.inspect.expectations import Expectations
from conformance.inspect.expiry import expiry_findings, privileges
from conformance.inspect.reasons import Finding, Severity
from conformance.inspect.signature import check_signature
from reference.decode import Decoded, decode
from reference.errors import DecodeError

EXIT_VALID, EXIT_INVALID, EXIT_NEEDS_INPUT = 0, 1, 2


@dataclass(frozen=True)
class Report:
    """Everything ``inspect`` says about one token."""

    original: str
    token: str
    repaired: bool
    decoded: Decoded | None
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]
    signature_status: str
    now: int

    @property
    def invalid(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.INVALID)

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID
        if self.findings:
            return EXIT_NEEDS_INPUT
        return EXIT_VALID

    @property
    def status(self) -> str:
        """``INVALID (code)``, or the signature status of a token with no invalid finding."""
        invalid = self.invalid
        return f"INVALID ({invalid[0].code})" if invalid else self.signature_status

    def to_json(self) -> dict[str, Any]:
        """The ``inspect --json`` document (``conformance/inspect/inspect-output.json``)."""
        out: dict[str, Any] = {"valid": not self.invalid and not self.findings,
                               "status": self.status, "now": self.now}
        first = self.invalid[0] if self.invalid else (self.findings[0] if self.findings
                                                      else None)
        if first is not None:
            out.update(reason=first.code, detail=first.message, fix=first.fix_text)
        out["reasons"] = [f.to_json() for f in self.findings]
        out["notes"] = list(self.notes)
        if self.repaired:
            out["repaired_token"] = self.token
        if self.decoded is not None:
            out["fields"] = self.decoded.to_fields()
            out["expires_at"] = self.decoded.expires_at
            out["privileges"] = [p.to_json(self.now) for p in privileges(self.decoded)]
            if self.decoded.payload_hex is not None:
                out["payload"] = self.decoded.payload_hex
        return out


def inspect_token(text: str, expected: Expectations, *, certificate: str | None, now: int,
                  repair: bool = False) -> Report:
    """Inspect ``text``; with ``repair``, damage is undone first and listed as notes."""
    damage = find_damage(text)
    token = damage.repaired
    notes = [f"repaired {f.code}: {f.message}" for f in damage.findings] if repair else []
    found = [] if repair else list(damage.findings)
    done = repair and token != text

    def report(decoded: Decoded | None, status: str) -> Report:
        return Report(text, token, done, decoded, tuple(found), tuple(notes), status, now)

    try:
        decoded = decode(token)
    except DecodeError as exc:
        found.append(app_id_damage(token) or explain(token, exc))
        return report(None, "not decoded")
    found += expiry_findings(decoded, now)
    identity = check_expectations(decoded, expected)
    found += identity.findings
    notes += identity.notes
    signature = check_signature(token, decoded, certificate, identity, found, expected.app_id)
    found += signature.findings
    return report(decoded, signature.status)
