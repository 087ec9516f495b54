"""Per-comparison verdicts and per-case results (``Outcome`` itself is the testees room's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.compare.diagnosis import describe_cause
from conformance.output import printable
from conformance.protocol import Outcome


@dataclass(frozen=True)
class Verdict:
    """The result of comparing one answer with one case (pure data; see ``comparison.compare``).

    ``outcome`` is PASS, FAIL, ERROR or UNSUPPORTED, or a transport failure's TIMEOUT or
    CRASH. ``tier`` names the comparison that decided it ("exact", "payload", "verify",
    "fields", "error", "valid", "results"), or "none" (nothing to check), "transport",
    "plan" or "vector" (the case's own expectation is unusable).
    ``differences`` are the first differing fields in words, ``causes`` the likely causes
    from the diagnosis catalogue (ids, see ``diagnosis.CATALOGUE``), ``notes`` information
    that does not affect the outcome (e.g. "token text differs, payload equal").
    """

    outcome: Outcome
    tier: str
    detail: str = ""
    differences: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASS


@dataclass(frozen=True)
class CaseResult:
    """The final word on one selected case, after expected failures were applied."""

    case_id: str
    builder: str
    family: str
    outcome: Outcome
    detail: str = ""
    verdict: Verdict | None = None
    token: str | None = None  # what the testee answered, when it answered a token
    xfail_reason: str = ""
    seconds: float = 0.0
    tags: tuple[str, ...] = field(default=())

    def text(self) -> str:
        """One readable block: outcome, detail, differences, causes and notes; each line
        printable (testee text with newlines or ANSI escapes is shown escaped)."""
        lines = [f"{self.outcome.value.upper()} {self.case_id}: {self.detail}".rstrip(": ")]
        if self.verdict is not None:
            lines.extend(f"    {d}" for d in self.verdict.differences)
            if self.verdict.causes:
                lines.extend(f"    likely cause: {describe_cause(c)}" for c in self.verdict.causes)
            lines.extend(f"    note: {n}" for n in self.verdict.notes)
        if self.xfail_reason:
            lines.append(f"    expected failure: {self.xfail_reason}")
        return "\n".join(printable(line) for line in lines)
