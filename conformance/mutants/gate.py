"""The mutation gate: the reference and every mutant through the runner's normal path.

Each mutant runs in process (``MutantTestee``) over the build cases of the vector set with the
default (exact/payload) comparison of ``compare.run_cases``; a case *kills* a mutant when the
reference passes it and the mutant does not. A control mutant must survive, passing at least
one case with a different token text (007: "text differs, payload equal").
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conformance.compare import CaseResult, RunResult, run_cases
from conformance.mutants.base import Mutant
from conformance.mutants.registry import catalogue
from conformance.mutants.testee import MutantTestee
from conformance.protocol import Outcome
from conformance.reference_testee import REFERENCE
from conformance.testees import InProcessTestee
from conformance.vectors import DECODE, VERIFY, Case, load_vectors

OPERATIONS = (DECODE, VERIFY)  # not builds: mutants do not answer them


@dataclass(frozen=True)
class MutantResult:
    """One mutant's run: the cases that kill it and those it passes with another text."""

    mutant: Mutant
    cases: int  # build cases the mutant was run on
    killers: tuple[str, ...]
    text_only: tuple[str, ...]  # passed, but the token text differs from the vector's
    causes: tuple[str, ...] = ()  # the diagnosis of the killing verdicts (diagnosis ids)
    broken: tuple[str, ...] = ()  # cases where the mutant itself crashed (not kills)

    @property
    def killed(self) -> bool:
        return bool(self.killers)

    @property
    def ok(self) -> bool:
        """A mutant must be killed; a control must survive with a text-only difference;
        neither may crash."""
        if self.broken:
            return False
        if self.mutant.control:
            return not self.killed and bool(self.text_only)
        return self.killed

    @property
    def status(self) -> str:
        if self.broken:
            return f"BROKEN: the mutant crashes on {len(self.broken)} cases ({self.broken[0]})"
        if not self.mutant.control:
            return "killed" if self.killed else "SURVIVED"
        if self.killed:
            return "CONTROL KILLED (the oracle fails a correct token)"
        if not self.text_only:
            return "CONTROL NOT EXERCISED (no case saw a different token text)"
        return (f"not killed, as required: token text differs, payload equal in "
                f"{len(self.text_only)} cases")

    def to_json(self) -> dict[str, Any]:
        m = self.mutant
        return {"id": m.id, "name": m.name, "class": m.bug_class, "deviation": m.deviation,
                "origin": m.origin, "how": m.how, "control": m.control, "cases": self.cases,
                "killed": self.killed, "ok": self.ok, "status": self.status,
                "killers": list(self.killers), "causes": list(self.causes),
                "broken": list(self.broken),
                "text_only": len(self.text_only)}


@dataclass(frozen=True)
class GateResult:
    """The reference's run and one result per mutant."""

    reference: RunResult
    mutants: tuple[MutantResult, ...]
    seconds: float

    @property
    def reference_failures(self) -> list[CaseResult]:
        return [r for r in self.reference.results if r.outcome is not Outcome.PASS]

    @property
    def scored(self) -> tuple[MutantResult, ...]:
        """The mutants that count towards the score (controls excluded)."""
        return tuple(r for r in self.mutants if not r.mutant.control)

    @property
    def killed(self) -> int:
        return sum(r.killed for r in self.scored)

    @property
    def score(self) -> float:
        return self.killed / len(self.scored) if self.scored else 0.0

    @property
    def ok(self) -> bool:
        return not self.reference_failures and all(r.ok for r in self.mutants)

    def score_line(self) -> str:
        return f"mutation score: {self.killed}/{len(self.scored)} ({100 * self.score:.1f}%)"

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "killed": self.killed, "mutants": len(self.scored),
            "score": round(self.score, 4), "seconds": round(self.seconds, 3),
            "reference": {"cases": len(self.reference.results),
                          "failures": [r.case_id for r in self.reference_failures]},
            "results": [r.to_json() for r in self.mutants],
        }


def run_mutant(mutant: Mutant, cases: Sequence[Case]) -> MutantResult:
    """Run one mutant over ``cases`` (build cases the reference passes) through the runner."""
    selected = [c for c in cases if c.builder not in OPERATIONS and mutant.applies_to(c.builder)]
    run = run_cases(InProcessTestee(MutantTestee(mutant), f"mutant {mutant.label}"), selected)
    expected = {c.id: c.expect.token for c in selected}
    broken = tuple(r.case_id for r in run.results if r.outcome is Outcome.ERROR)
    killed = [r for r in run.results if not r.outcome.ok and r.outcome is not Outcome.ERROR]
    killers = tuple(r.case_id for r in killed)
    causes = tuple(dict.fromkeys(c for r in killed if r.verdict for c in r.verdict.causes))
    text_only = tuple(
        r.case_id for r in run.results
        if r.outcome is Outcome.PASS and r.token is not None
        and expected[r.case_id] not in (None, r.token))
    return MutantResult(mutant, len(selected), killers, text_only, causes, broken)


def run_gate(cases: Sequence[Case] | None = None, mutants: Sequence[Mutant] | None = None
             ) -> GateResult:
    """The reference over every case (default: the bundled set), then every mutant (default:
    the catalogue) over the cases the reference passes."""
    t0 = time.perf_counter()
    if cases is None:
        cases = load_vectors().cases
    reference = run_cases(InProcessTestee(REFERENCE, "reference"), cases)
    passing = {r.case_id for r in reference.results if r.outcome is Outcome.PASS}
    usable = [c for c in cases if c.id in passing]
    results = tuple(run_mutant(m, usable) for m in (catalogue() if mutants is None else mutants))
    return GateResult(reference, results, time.perf_counter() - t0)
