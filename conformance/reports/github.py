"""GitHub Actions output: an error annotation per failing case, and the job's step summary."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from conformance.compare import RunResult
from conformance.reports.markdown import render

ANNOTATED = 50  # GitHub shows at most 50 annotations per step


def _escape(text: str, *, prop: bool = False) -> str:
    """Workflow-command escaping (``%``, CR, LF; in properties also ``:`` and ``,``)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def error_annotations(run: RunResult) -> list[str]:
    """``::error file=...,line=...,title=ID::TEXT`` for each failing case (the first 50)."""
    lines = []
    for result in run.failures()[:ANNOTATED]:
        where = f"file={_escape(result.location.rsplit(':', 1)[0], prop=True)},line={result.line},"\
            if result.line else ""
        lines.append(f"::error {where}title={_escape(result.case_id, prop=True)}::"
                     f"{_escape(result.text())}")
    return lines


def report_to_github(run: RunResult, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Under GitHub Actions: append the Markdown report to ``$GITHUB_STEP_SUMMARY`` and return
    the annotation lines to print on stdout; elsewhere nothing."""
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as stream:
            stream.write(render(run) + "\n")
    return error_annotations(run)
