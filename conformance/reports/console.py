"""Console output: a live progress line (or a CI heartbeat), and the readable summary."""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Mapping
from typing import TextIO

from conformance.compare import CaseResult, RunResult
from conformance.output import printable
from conformance.protocol import OUTCOME_ORDER, Outcome

HEARTBEAT = 5.0  # seconds between status lines when stderr is not a terminal
XFAIL_SHOWN = 200  # expected failures listed by -v; failures are never capped

_COLOURS = {Outcome.PASS: "32", Outcome.XFAIL: "33", Outcome.UNSUPPORTED: "2",
            Outcome.FAIL: "31", Outcome.ERROR: "31", Outcome.TIMEOUT: "31",
            Outcome.CRASH: "31", Outcome.XPASS: "35"}


def use_colour(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """NO_COLOR (any value) turns colour off, FORCE_COLOR on; else colour on a terminal."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return stream.isatty()


def paint(text: str, outcome: Outcome, colour: bool) -> str:
    return f"\x1b[{_COLOURS[outcome]}m{text}\x1b[0m" if colour else text


class ProgressLine:
    """On a terminal, rewrites one status line (``\\r``, the terminal's width) at most ten
    times a second; elsewhere (a CI log) prints a status line every ``heartbeat`` seconds."""

    def __init__(self, stream: TextIO, enabled: bool | None = None,
                 heartbeat: float | None = None) -> None:
        self.stream = stream
        self.live = stream.isatty() if enabled is None else enabled
        self.heartbeat = (HEARTBEAT if heartbeat is None else heartbeat) if enabled is None else 0.0
        self.counts: Counter[Outcome] = Counter()
        self.last = 0.0 if self.live else time.monotonic()  # a heartbeat waits its interval
        self.width = 0

    def status(self, done: int, total: int) -> str:
        parts = [f"{self.counts[o]} {o.value}" for o in OUTCOME_ORDER if self.counts[o]]
        return f"[{done}/{total}] " + ", ".join(parts)

    def __call__(self, result: CaseResult, done: int, total: int) -> None:
        self.counts[result.outcome] += 1
        now = time.monotonic()
        if not self.live:
            if self.heartbeat > 0 and now - self.last >= self.heartbeat:
                self.last = now
                self.stream.write(self.status(done, total) + "\n")
                self.stream.flush()
            return
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        columns = shutil.get_terminal_size(fallback=(120, 24)).columns - 1
        text = f"{self.status(done, total)}  {printable(result.case_id)}"[:columns]
        self.stream.write("\r" + text.ljust(self.width))
        self.width = len(text)
        if done == total:
            self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def totals_line(run: RunResult) -> str:
    totals = run.totals()
    parts = [f"{n} {name}" for name, n in totals.items() if n]
    return f"{len(run.results)} cases: " + (", ".join(parts) or "none") + f" in {run.seconds:.2f} s"


def _block(result: CaseResult, colour: bool) -> str:
    head, _, rest = result.text().partition(" ")
    return paint(head, result.outcome, colour) + " " + rest


def summary(run: RunResult, *, verbose: bool = False, show_unsupported: bool = False,
            colour: bool = False) -> str:
    """The end-of-run report: every case that did not pass (never capped), with ``verbose``
    the expected failures, problems, totals and verdict."""
    lines: list[str] = []
    who = run.testee.label if run.testee else "(testee did not start)"
    lines.append(f"testee: {printable(who)}")
    if run.vector_digest:
        lines.append(f"vectors: {run.vector_digest}")
    if run.testee_error:
        lines.append(f"testee error: {printable(run.testee_error)}")
    failures = run.failures()
    xfails = [r for r in run.results if r.outcome is Outcome.XFAIL]
    shown = failures + (xfails[:XFAIL_SHOWN] if verbose else [])
    if shown:
        lines.append("")
    lines.extend(_block(r, colour) for r in shown)
    if verbose and len(xfails) > XFAIL_SHOWN:
        lines.append(f"... and {len(xfails) - XFAIL_SHOWN} more expected failures "
                     "(see --report-json)")
    lines += _unsupported_lines(run, show_unsupported)
    if xfails and not verbose:
        lines += ["", f"{len(xfails)} expected failures ({run.xfail_file}); -v lists them"]
    if run.xfail_problems:
        lines += ["", "expected-failures file problems (each fails the run):"]
        lines += [f"  {printable(p)}" for p in run.xfail_problems]
    if run.stderr_tail and failures:
        lines += ["", "testee stderr (last lines):"]
        lines += [f"  | {printable(line)}" for line in run.stderr_tail.splitlines()[-10:]]
    if run.stopped:
        lines += ["", f"run stopped early: {printable(run.stopped)} "
                      f"({run.not_run} cases not run)"]
    elif run.not_run:
        lines += ["", f"stopped after {len(failures)} failing case(s): {run.not_run} cases "
                      "not run"]
    verdict = "PASSED" if run.passed else "FAILED"
    lines += ["", totals_line(run),
              paint(verdict, Outcome.PASS if run.passed else Outcome.FAIL, colour)]
    return "\n".join(lines)


def _unsupported_lines(run: RunResult, listed: bool) -> list[str]:
    """The unsupported cases: one count line, or grouped by builder with ``--show-unsupported``.

    Two kinds: a builder the hello does not declare (never sent), and a case of a declared
    builder that the testee answered ``unsupported`` (e.g. a token format its parser cannot
    read). Counting the second as "not declared" would misstate the hello.
    """
    undeclared: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for r in run.results:
        if r.outcome is Outcome.UNSUPPORTED:
            planned = r.verdict is None or r.verdict.tier == "plan"
            (undeclared if planned else answered)[r.builder] += 1
    if not undeclared and not answered:
        return []
    if not listed:
        total = sum(undeclared.values()) + sum(answered.values())
        return ["", f"{total} unsupported cases of {len(undeclared | answered)} builders; "
                    "--show-unsupported lists them"]
    lines = [""]
    if undeclared:
        builders = ", ".join(f"{b} ({n})" for b, n in sorted(undeclared.items()))
        lines.append(f"unsupported (not declared by the testee): {builders}")
    if answered:
        builders = ", ".join(f"{b} ({n})" for b, n in sorted(answered.items()))
        lines.append(f"unsupported (declared, but answered unsupported by the testee): {builders}")
    return lines
