"""Case outcomes, per-comparison verdicts and per-case results: the runner's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Outcome(str, Enum):
    """What happened to one selected case; the values appear in every report."""

    PASS = "pass"  # the testee's answer conforms
    FAIL = "fail"  # the testee answered, and the answer does not conform
    ERROR = "error"  # the answer could not be used (garbage, wrong id, internal error, ...)
    TIMEOUT = "timeout"  # no answer within the per-case timeout
    CRASH = "crash"  # the testee exited while the case was pending
    UNSUPPORTED = "unsupported"  # the testee does not declare the builder or operation
    XFAIL = "xfail"  # did not pass, and the expected-failures file says so
    XPASS = "xpass"  # passed although the expected-failures file says it fails

    @property
    def ok(self) -> bool:
        """True when this outcome does not fail the run."""
        return self in _OK


_OK = frozenset({Outcome.PASS, Outcome.XFAIL, Outcome.UNSUPPORTED})

OUTCOME_ORDER: tuple[Outcome, ...] = tuple(Outcome)


@dataclass(frozen=True)
class Verdict:
    """The result of comparing one answer with one case (pure data; see ``_compare.compare``).

    ``outcome`` is PASS, FAIL, ERROR or UNSUPPORTED, or a transport failure's TIMEOUT or
    CRASH. ``tier`` names the comparison that decided it ("exact", "payload", "verify",
    "fields", "error", "valid", "results"), or "none" (nothing to check), "transport",
    "plan" or "vector" (the case's own expectation is unusable).
    ``differences`` are the first differing fields in words, ``causes`` the likely causes
    from the diagnosis catalogue (ids, see ``_diagnose.CATALOGUE``), ``notes`` information
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
        """One readable block: outcome, detail, differences, causes and notes."""
        lines = [f"{self.outcome.value.upper()} {self.case_id}: {self.detail}".rstrip(": ")]
        if self.verdict is not None:
            lines.extend(f"    {d}" for d in self.verdict.differences)
            if self.verdict.causes:
                from conformance._diagnose import describe_cause

                lines.extend(f"    likely cause: {describe_cause(c)}" for c in self.verdict.causes)
            lines.extend(f"    note: {n}" for n in self.verdict.notes)
        if self.xfail_reason:
            lines.append(f"    expected failure: {self.xfail_reason}")
        return "\n".join(lines)
