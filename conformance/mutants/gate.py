"""The mutation gate: the reference and every mutant through the runner's normal path.

Each mutant runs in process (``MutantTestee``) over the cases of the builders it reaches
(``reach``) with the default (exact/payload) comparison of ``compare.run_cases``; a case
*kills* a mutant in its builder when the reference passes it and the mutant does not. A mutant
must be killed in every builder it reaches: one it survives in is a coverage gap. A control
mutant must survive everywhere, passing at least one case with a different token text (007:
"text differs, payload equal"). Without ``every_killer`` a builder stops at its first killer.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from conformance.compare import CaseResult, RunResult, run_cases
from conformance.mutants.base import Mutant
from conformance.mutants.reach import Reach, derive
from conformance.mutants.registry import catalogue
from conformance.mutants.suspects import suspects
from conformance.mutants.testee import MutantTestee
from conformance.protocol import Outcome
from conformance.reference_testee import REFERENCE
from conformance.testees import InProcessTestee
from conformance.vectors import DECODE, VERIFY, Case, load_vectors

OPERATIONS = (DECODE, VERIFY)  # not builds: mutants do not answer them


@dataclass(frozen=True)
class MutantResult:
    """One mutant's run: per builder it reaches, the cases that kill it there (none: it
    survived in that builder), and the cases it passes with another text."""

    mutant: Mutant
    cases: int  # build cases the mutant was run on
    killers: tuple[str, ...]
    text_only: tuple[str, ...]  # passed, but the token text differs from the vector's
    causes: tuple[str, ...] = ()  # the diagnosis of the killing verdicts (diagnosis ids)
    broken: tuple[str, ...] = ()  # cases where the mutant itself crashed (not kills)
    by_builder: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    spared: tuple[str, ...] = ()  # reached, but the bug cannot show there (Mutant.spares)

    @property
    def survived_in(self) -> tuple[str, ...]:
        """The reached builders where no vector kills the mutant."""
        return tuple(b for b, killers in self.by_builder.items() if not killers)

    @property
    def caught_in(self) -> tuple[str, ...]:
        return tuple(b for b, killers in self.by_builder.items() if killers)

    @property
    def killed(self) -> bool:
        """Killed in every builder it reaches (and it reaches at least one)."""
        return bool(self.by_builder) and not self.survived_in

    @property
    def ok(self) -> bool:
        """A mutant must be killed; a control must survive with a text-only difference;
        neither may crash."""
        if self.broken:
            return False
        if self.mutant.control:
            return not self.killers and bool(self.text_only)
        return self.killed

    @property
    def status(self) -> str:
        if self.broken:
            return f"BROKEN: the mutant crashes on {len(self.broken)} cases ({self.broken[0]})"
        if not self.mutant.control:
            if self.killed:
                return "killed"
            if not self.by_builder:
                return "SURVIVED: reaches no builder with vectors"
            return f"SURVIVED in {len(self.survived_in)} of {len(self.by_builder)} builders"
        if self.killers:
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
                "builders": {b: {"caught": bool(k), "killers": list(k)}
                             for b, k in self.by_builder.items()},
                "survived_in": list(self.survived_in), "spared": list(self.spared),
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

    @property
    def pairs(self) -> tuple[int, int]:
        """(caught, reached) over every (scored mutant, builder it reaches) pair."""
        reached = sum(len(r.by_builder) for r in self.scored)
        return reached - sum(len(r.survived_in) for r in self.scored), reached

    def score_line(self) -> str:
        caught, reached = self.pairs
        return (f"mutation score: {self.killed}/{len(self.scored)} mutants killed in every "
                f"builder they reach ({100 * self.score:.1f}%); {caught}/{reached} "
                "mutant x builder pairs caught")

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "killed": self.killed, "mutants": len(self.scored),
            "pairs": {"caught": self.pairs[0], "reached": self.pairs[1]},
            "score": round(self.score, 4), "seconds": round(self.seconds, 3),
            "reference": {"cases": len(self.reference.results),
                          "failures": [r.case_id for r in self.reference_failures]},
            "results": [r.to_json() for r in self.mutants],
        }


def run_mutant(mutant: Mutant, cases: Sequence[Case], reach: Reach | None = None,
               every_killer: bool = False) -> MutantResult:
    """Run one mutant over the cases (build cases the reference passes) of the builders it
    reaches, through the runner: each builder until its first killer (likely killers first,
    ``suspects``), or every case with ``every_killer`` and for a control mutant."""
    if reach is None:
        reach = derive([mutant], cases)
    builders = reach.by_mutant.get(mutant.id, ())
    groups = {b: [c for c in reach.cases.get(b, ()) if c.builder not in OPERATIONS]
              for b in builders}
    testee = InProcessTestee(MutantTestee(mutant), f"mutant {mutant.label}")
    if every_killer or mutant.control:
        results = run_cases(testee, [c for g in groups.values() for c in g]).results
    else:
        results = _until_first_killers(testee, mutant, groups)
    expected = {c.id: c.expect.token for g in groups.values() for c in g}
    killed = _killing_results(results)
    by_builder = {b: tuple(r.case_id for r in killed if r.builder == b) for b in builders}
    broken = tuple(r.case_id for r in results if r.outcome is Outcome.ERROR)
    causes = tuple(dict.fromkeys(c for r in killed if r.verdict for c in r.verdict.causes))
    text_only = tuple(
        r.case_id for r in results
        if r.outcome is Outcome.PASS and r.token is not None
        and expected[r.case_id] not in (None, r.token))
    return MutantResult(mutant, len(results), tuple(r.case_id for r in killed), text_only,
                        causes, broken, by_builder, reach.spared.get(mutant.id, ()))


def _until_first_killers(testee: InProcessTestee, mutant: Mutant,
                         groups: Mapping[str, Sequence[Case]]) -> list[CaseResult]:
    """Each builder's cases one by one, likely killers first, up to its first killer."""
    results: list[CaseResult] = []
    killer_tags: Counter[str] = Counter()
    for group in groups.values():
        for case in suspects(mutant, group, killer_tags):
            result = run_cases(testee, [case]).results[0]
            results.append(result)
            if _killing_results([result]):
                killer_tags.update(case.tags)
                break
    return results


def _killing_results(results: Sequence[CaseResult]) -> list[CaseResult]:
    return [r for r in results if not r.outcome.ok and r.outcome is not Outcome.ERROR]


def run_gate(cases: Sequence[Case] | None = None, mutants: Sequence[Mutant] | None = None,
             every_killer: bool = False) -> GateResult:
    """The reference over every case (default: the bundled set), then every mutant (default:
    the catalogue) over the cases the reference passes, builder by builder."""
    t0 = time.perf_counter()
    if cases is None:
        cases = load_vectors().cases
    reference = run_cases(InProcessTestee(REFERENCE, "reference"), cases)
    passing = {r.case_id for r in reference.results if r.outcome is Outcome.PASS}
    usable = [c for c in cases if c.id in passing]
    chosen = catalogue() if mutants is None else tuple(mutants)
    reach = derive(chosen, usable)
    results = tuple(run_mutant(m, usable, reach, every_killer) for m in chosen)
    return GateResult(reference, results, time.perf_counter() - t0)
