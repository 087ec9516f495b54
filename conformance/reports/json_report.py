"""The machine-readable run report (schema ``conformance/schemas/run-report.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conformance.compare import CaseResult, RunResult
from conformance.output import write_atomic

SCHEMA_ID = "agora-token-conformance/run-report/v1"


def case_json(result: CaseResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": result.case_id, "builder": result.builder, "family": result.family,
        "outcome": result.outcome.value, "detail": result.detail,
        "seconds": round(result.seconds, 6),
    }
    if result.file:
        out.update(file=result.file, line=result.line)
    if result.description:
        out["description"] = result.description
    out["args"] = dict(result.args)
    if result.want:
        out.update(want=result.want, got=result.got)
    verdict = result.verdict
    if verdict is not None:
        out["tier"] = verdict.tier
        if verdict.differences:
            out["differences"] = list(verdict.differences)
        if verdict.causes:
            out["causes"] = list(verdict.causes)
        if verdict.notes:
            out["notes"] = list(verdict.notes)
    if result.token is not None:
        out["token"] = result.token
    if result.xfail_reason:
        out["xfail_reason"] = result.xfail_reason
    return out


def report(run: RunResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "runner": {"name": "agora-conformance", "version": run.runner_version},
        "vectors": {"digest": run.vector_digest},
        "testee": run.testee.to_json() if run.testee else None,
        "testee_error": run.testee_error,
        "started": run.started,
        "seconds": round(run.seconds, 3),
        "exit_code": run.exit_code,
        "totals": run.totals(),
        "not_run": run.not_run,
        "expected_failures": {"file": run.xfail_file, "problems": list(run.xfail_problems)},
        "cases": [case_json(r) for r in run.results],
    }


def write(run: RunResult, path: str | Path) -> None:
    """Write the report all or nothing (``OSError`` when it cannot be written)."""
    write_atomic(path, json.dumps(report(run), ensure_ascii=False, indent=1) + "\n")
