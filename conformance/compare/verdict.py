"""Per-comparison verdicts and per-case results (``Outcome`` itself is the testees room's)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from conformance.compare.diagnosis import describe_cause
from conformance.output import printable
from conformance.protocol import Outcome

INPUTS_SHOWN = 400  # characters of a case's inputs on its one line


def compact(args: Mapping[str, Any]) -> str:
    """A case's inputs on one line, in YAML flow style (``{uid: 0, role: publisher}``)."""
    text = yaml.safe_dump(dict(args), default_flow_style=True, sort_keys=False,
                          allow_unicode=True, width=1 << 30).strip()
    return text if len(text) <= INPUTS_SHOWN else text[: INPUTS_SHOWN - 3] + "..."


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
    file: str = ""  # the case's vector file, relative to the vector directory
    line: int = 0  # the line of its ``- id:`` (0: unknown)
    description: str = ""
    args: Mapping[str, Any] = field(default_factory=dict)
    want: str = ""  # what the case expects, in a few words
    got: str = ""  # what the testee answered, in a few words

    @property
    def location(self) -> str:
        """``vectors/FILE:LINE``, where the case is written."""
        where = f"vectors/{self.file}" if self.file else ""
        return f"{where}:{self.line}" if where and self.line else where

    def text(self) -> str:
        """One readable block: outcome, detail, where the case is, its inputs, want versus
        got, differences, causes and notes; each line printable (testee text with newlines or
        ANSI escapes is shown escaped)."""
        lines = [f"{self.outcome.value.upper()} {self.case_id}: {self.detail}".rstrip(": ")]
        if self.outcome is not Outcome.PASS:
            lines.extend(f"    {text}" for text in (
                self.description, self.location and f"at: {self.location}",
                self.args and f"inputs: {compact(self.args)}") if text)
            if self.want and not (self.verdict and self.verdict.differences):
                lines.append(f"    want: {self.want}; got: {self.got or 'no answer'}")
        if self.verdict is not None:
            lines.extend(f"    {d}" for d in self.verdict.differences)
            if self.verdict.causes:
                lines.extend(f"    likely cause: {describe_cause(c)}" for c in self.verdict.causes)
            lines.extend(f"    note: {n}" for n in self.verdict.notes)
        if self.xfail_reason:
            lines.append(f"    expected failure: {self.xfail_reason}")
        return "\n".join(printable(line) for line in lines)
