"""Console output: a live progress line on a terminal, and the readable summary."""

from __future__ import annotations

import time
from collections import Counter
from typing import TextIO

from conformance.compare import CaseResult, RunResult
from conformance.output import printable
from conformance.protocol import OUTCOME_ORDER, Outcome


class ProgressLine:
    """Rewrites one status line (``\\r``) at most ten times a second; silent off a terminal."""

    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.counts: Counter[Outcome] = Counter()
        self.last = 0.0
        self.width = 0

    def __call__(self, result: CaseResult, done: int, total: int) -> None:
        self.counts[result.outcome] += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        parts = [f"{self.counts[o]} {o.value}" for o in OUTCOME_ORDER if self.counts[o]]
        text = f"[{done}/{total}] " + ", ".join(parts) + f"  {printable(result.case_id)}"
        text = text[:118]
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        if done == total:
            self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def totals_line(run: RunResult) -> str:
    totals = run.totals()
    parts = [f"{n} {name}" for name, n in totals.items() if n]
    return f"{len(run.results)} cases: " + (", ".join(parts) or "none") + f" in {run.seconds:.2f} s"


def summary(run: RunResult, *, verbose: bool = False) -> str:
    """The end-of-run report: every case that did not pass, problems, totals and verdict."""
    lines: list[str] = []
    who = run.testee.label if run.testee else "(testee did not start)"
    lines.append(f"testee: {printable(who)}")
    if run.vector_digest:
        lines.append(f"vectors: {run.vector_digest}")
    if run.testee_error:
        lines.append(f"testee error: {printable(run.testee_error)}")
    if run.stopped:
        lines.append(f"run stopped early: {run.stopped} ({run.not_run} cases not run)")
    shown = [r for r in run.results if not r.outcome.ok or (verbose and r.outcome is
                                                              not Outcome.PASS)]
    if shown:
        lines.append("")
    for result in shown[:200]:
        lines.append(result.text())
    if len(shown) > 200:
        lines.append(f"... and {len(shown) - 200} more (see --report-json)")
    # Two kinds of unsupported: a builder the hello does not declare (never sent), and a case
    # of a declared builder that the testee answered `unsupported` (e.g. a token format its
    # parser cannot read). Counting the second as "not declared" would misstate the hello.
    undeclared: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for r in run.results:
        if r.outcome is Outcome.UNSUPPORTED:
            planned = r.verdict is None or r.verdict.tier == "plan"
            (undeclared if planned else answered)[r.builder] += 1
    if undeclared or answered:
        lines.append("")
    if undeclared:
        builders = ", ".join(f"{b} ({n})" for b, n in sorted(undeclared.items()))
        lines.append(f"unsupported (not declared by the testee): {builders}")
    if answered:
        builders = ", ".join(f"{b} ({n})" for b, n in sorted(answered.items()))
        lines.append(f"unsupported (declared, but answered unsupported by the testee): {builders}")
    xfails = sum(1 for r in run.results if r.outcome is Outcome.XFAIL)
    if xfails and not verbose:
        lines += ["", f"{xfails} expected failures ({run.xfail_file}); -v lists them"]
    if run.xfail_problems:
        lines += ["", "expected-failures file problems (each fails the run):"]
        lines += [f"  {printable(p)}" for p in run.xfail_problems]
    if run.stderr_tail and shown:
        lines += ["", "testee stderr (last lines):"]
        lines += [f"  | {printable(line)}" for line in run.stderr_tail.splitlines()[-10:]]
    lines += ["", totals_line(run), "PASSED" if run.passed else "FAILED"]
    return "\n".join(lines)
