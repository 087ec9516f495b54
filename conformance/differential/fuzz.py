"""Differential fuzzing: hypothesis inputs, the testee against the reference, shrunk differences."""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from conformance.compare import Options, Verdict, compare, plan
from conformance.differential.strategies import args_for, clock
from conformance.output import printable, write_atomic
from conformance.protocol import Outcome, TesteeInfo
from conformance.testees import Testee
from conformance.vectors import Case, Expect, compute_expect, emit_mapping, ordered, quote
from reference.registry import BUILDERS
from reference.spec import BuilderSpec

SCHEMA = "agora-token-conformance/vectors/v1"
Example = tuple[dict[str, Any], int, int]  # args, salt, now


@dataclass(frozen=True)
class Finding:
    """A shrunk input on which the testee and the reference disagree."""

    builder: str
    args: Mapping[str, Any]
    salt: int | None
    now: int | None
    verdict: Verdict
    expect: Mapping[str, Any]

    def summary(self) -> str:
        return f"{self.builder}: {self.verdict.outcome.value}: {self.verdict.detail}"


@dataclass
class FuzzResult:
    testee: str
    seed: int
    examples: int
    findings: list[Finding] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)  # builders with no difference found
    skipped: dict[str, str] = field(default_factory=dict)  # builder -> why


def fuzzable(info: TesteeInfo, only: Sequence[str] | None = None) -> list[BuilderSpec]:
    """The reference builders the testee declares (optionally limited to ``only``)."""
    return [spec for bid, spec in sorted(BUILDERS.items())
            if info.supports(bid) and (not only or bid in only)]


def _case(spec: BuilderSpec, args: Mapping[str, Any], salt: int | None, now: int | None,
          expect: Mapping[str, Any]) -> Case:
    return Case("fuzz", "fuzz", spec.family, spec.id, dict(args), Expect(**expect),
                salt if spec.uses_salt else None, now if spec.uses_clock else None)


def _verdict(testee: Testee, info: TesteeInfo, case: Case,
             wall_clock: Callable[[], float]) -> Verdict:
    request = plan(case, info, verify=False)
    if request is None:
        return Verdict(Outcome.UNSUPPORTED, "plan", "not declared")
    reply = next(iter(testee.execute([request])))
    verify = case.builder in info.verify_mode
    return compare(case, reply, Options(verify, wall_clock()))


def differs(verdict: Verdict) -> bool:
    return verdict.outcome not in (Outcome.PASS, Outcome.UNSUPPORTED)


def fuzz_builder(testee: Testee, info: TesteeInfo, spec: BuilderSpec, *, examples: int,
                 seed: int, wall_clock: Callable[[], float]) -> Finding | None:
    """Search ``examples`` valid inputs for a difference and return it shrunk, or None."""

    def check(example: Example) -> bool:
        args, salt, now = example
        expect = compute_expect(_case(spec, args, salt, now, {}))
        if "error" in expect:  # the reference refuses it: not a valid input
            return False
        return differs(_verdict(testee, info, _case(spec, args, salt, now, expect), wall_clock))

    strategy = st.tuples(args_for(spec), clock()).map(lambda t: (t[0], t[1][0], t[1][1]))
    config = settings(max_examples=examples, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck))
    try:
        args, salt, now = find(strategy, check, settings=config, random=random.Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return None
    expect = ordered(compute_expect(_case(spec, args, salt, now, {})))
    case = _case(spec, args, salt, now, expect)
    return Finding(spec.id, args, case.salt, case.now,
                   _verdict(testee, info, case, wall_clock), expect)


def run_fuzz(testee: Testee, *, examples: int, seed: int, only: Sequence[str] | None = None,
             wall_clock: Callable[[], float] | None = None) -> FuzzResult:
    """Fuzz every builder the testee supports (each with its own derived seed)."""
    info = testee.info or testee.start()
    result = FuzzResult(info.label, seed, examples)
    for index, spec in enumerate(fuzzable(info, only)):
        finding = fuzz_builder(testee, info, spec, examples=examples, seed=seed * 1000 + index,
                               wall_clock=wall_clock or time.time)
        if finding is None:
            result.agreed.append(spec.id)
        else:
            result.findings.append(finding)
    if only:
        for bid in only:
            if bid not in BUILDERS:
                result.skipped[bid] = "not a reference builder id"
            elif not info.supports(bid):
                result.skipped[bid] = "the testee does not declare it"
    return result


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "testee"


def candidate_yaml(finding: Finding, result: FuzzResult, number: int) -> str:
    """A candidate vector file (docs/vector-format.md) for one finding, with its provenance."""
    spec = BUILDERS[finding.builder]
    provenance = printable(f"fuzz seed {result.seed} examples {result.examples} "
                           f"against {result.testee} on {dt.date.today().isoformat()}")
    case_id = f"fuzz-{spec.family.replace('_', '-')}-s{result.seed}-{number}"
    lines = [
        "# Candidate vector written by `agora-conformance fuzz`: review it, give the case a",
        "# meaningful id and description, move it into vectors/ and run `agora-conformance regen`.",
        f"# Provenance: {provenance}.",
        f"# The testee's answer: {printable(finding.summary())}"[:300],
        f"schema: {SCHEMA}",
        f"family: {spec.family}",
        f"builder: {spec.id}",
        "source: generated",
        f"description: {quote('found by ' + provenance)}",
        "cases:",
        f"  - id: {case_id}",
        "    description: " + quote(f"shrunk input on which the testee differs from the "
                                 f"reference ({provenance})"),
        "    tags: [fuzz]",
        "    args:",
    ]
    text = "\n".join(lines) + "\n" + emit_mapping(dict(finding.args), 6)
    if finding.salt is not None:
        text += f"    salt: {finding.salt}\n"
    if finding.now is not None:
        text += f"    now: {finding.now}\n"
    return text + "    expect:\n" + emit_mapping(finding.expect, 6)


def write_candidates(result: FuzzResult, out_dir: Path) -> list[Path]:
    """Write one candidate file per finding, each all or nothing (``OSError`` on failure)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, finding in enumerate(result.findings, 1):
        path = out_dir / (f"fuzz-{_slug(result.testee)}-s{result.seed}-"
                          f"{finding.builder.replace('.', '-').replace('_', '-')}.yaml")
        write_atomic(path, candidate_yaml(finding, result, number))
        paths.append(path)
    return paths
