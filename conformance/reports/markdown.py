"""A Markdown summary (for pull-request comments and CI step summaries)."""

from __future__ import annotations

from pathlib import Path

from conformance.compare import RunResult
from conformance.output import markdown_cell as _cell
from conformance.output import write_atomic
from conformance.protocol import OUTCOME_ORDER


def render(run: RunResult) -> str:
    who = run.testee.label if run.testee else "testee did not start"
    verdict = "passed" if run.passed else "failed"
    lines = [f"## Conformance: {_cell(who)} {verdict}", ""]
    if run.vector_digest:
        lines += [f"Vectors `{run.vector_digest}`, runner {run.runner_version}.", ""]
    if run.testee_error:
        lines += [f"Testee error: {_cell(run.testee_error)}", ""]
    totals = run.totals()
    shown = [o.value for o in OUTCOME_ORDER if totals[o.value]]
    lines += ["| " + " | ".join(shown) + " |", "|" + "---:|" * len(shown),
              "| " + " | ".join(str(totals[o]) for o in shown) + " |", ""]
    failures = run.failures()
    if failures:
        lines += ["| case | outcome | detail | likely cause |", "|---|---|---|---|"]
        for r in failures[:100]:
            causes = ", ".join(r.verdict.causes) if r.verdict else ""
            lines.append(f"| `{_cell(r.case_id)}` | {r.outcome.value} | {_cell(r.detail)} | "
                         f"{_cell(causes)} |")
        if len(failures) > 100:
            lines.append(f"\n... and {len(failures) - 100} more.")
        lines.append("")
    if run.xfail_problems:
        lines += ["Expected-failures file problems:", ""]
        lines += [f"- {_cell(p)}" for p in run.xfail_problems]
        lines.append("")
    return "\n".join(lines)


def write(run: RunResult, path: str | Path) -> None:
    """Write the summary all or nothing (``OSError`` when it cannot be written)."""
    write_atomic(path, render(run))
