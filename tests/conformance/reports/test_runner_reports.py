"""Reports over a hand-made run holding every outcome: JSON (schema), JUnit, Markdown, console."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conformance.compare import CaseResult, RunResult, Verdict
from conformance.paths import schema_path
from conformance.protocol import Outcome, TesteeInfo
from conformance.reports import ProgressLine, summary
from conformance.reports import json_report as _report_json
from conformance.reports import junit as _report_junit
from conformance.reports import markdown as _report_markdown


def make_run() -> RunResult:
    results = []
    for outcome in Outcome:
        verdict = Verdict(outcome, "payload", f"{outcome.value} detail \x01",
                          ("service RTC account: want \"\", got \"0\"",), ("uid_rendering",),
                          ("a note",))
        results.append(CaseResult(f"case-{outcome.value}", "rtc2.build_token_with_uid", "rtc2",
                                  outcome, verdict.detail, verdict, "007eJx", "why" if outcome in (
                                      Outcome.XFAIL, Outcome.XPASS) else "", 0.001))
    info = TesteeInfo({"name": "demo", "language": "c", "version": "1"}, frozenset({"x"}))
    return RunResult(results, info, vector_digest="sha256:00", started="2026-01-01T00:00:00+00:00",
                     seconds=0.5, xfail_problems=["xf.yaml: entry 1 (id 'a') matches no case"],
                     xfail_file="xf.yaml")


def test_json_report_validates_and_counts(tmp_path: Path) -> None:
    run = make_run()
    _report_json.write(run, tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    jsonschema.Draft202012Validator(json.loads(schema_path("run-report.json").read_text())
                                    ).validate(data)
    assert data["totals"] == {o.value: 1 for o in Outcome}
    assert data["exit_code"] == 1 and data["testee"]["implementation"]["name"] == "demo"
    assert data["cases"][1]["causes"] == ["uid_rendering"]


def test_junit_maps_outcomes(tmp_path: Path) -> None:
    _report_junit.write(make_run(), tmp_path / "r.xml")
    suite = ET.parse(tmp_path / "r.xml").getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"),
            suite.get("skipped")) == ("8", "2", "3", "2")
    names = [c.get("name") for c in suite.iter("testcase")]
    assert "xf.yaml" in names  # the stale expected-failures entry is a failing testcase


def test_markdown_and_console() -> None:
    run = make_run()
    md = _report_markdown.render(run)
    assert "| `case-fail` | fail |" in md and "matches no case" in md
    text = summary(run)
    assert "FAIL case-fail: fail detail" in text and "likely cause:" in text
    assert text.endswith("FAILED") and "8 cases: 1 pass, 1 fail" in text


def test_console_tells_undeclared_builders_from_unsupported_answers() -> None:
    run = make_run()
    undeclared = CaseResult("case-plan", "dynamic_key5.generate_recording_key", "dynamic_key5",
                            Outcome.UNSUPPORTED, "the testee does not declare this builder",
                            Verdict(Outcome.UNSUPPORTED, "plan",
                                    "the testee does not declare this builder"))
    run.results.append(undeclared)
    assert "2 unsupported cases of 2 builders; --show-unsupported lists them" in summary(run)
    text = summary(run, show_unsupported=True)
    # make_run's own unsupported case is an answer (tier "payload"), not a missing declaration
    assert "unsupported (not declared by the testee): dynamic_key5.generate_recording_key (1)" \
        in text
    assert "unsupported (declared, but answered unsupported by the testee): " \
        "rtc2.build_token_with_uid (1)" in text


def test_progress_line_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = ProgressLine(stream, enabled=True)
    run = make_run()
    for i, result in enumerate(run.results, 1):
        progress(result, i, len(run.results))
    assert "[1/8] 1 pass" in stream.getvalue() and stream.getvalue().endswith("\r")
    quiet = io.StringIO()
    ProgressLine(quiet, enabled=False)(run.results[0], 1, 8)
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("columns", [40, 200])
def test_progress_line_fits_the_terminal_width(columns: int,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    stream = io.StringIO()
    progress = ProgressLine(stream, enabled=True)
    run = make_run()
    for i, result in enumerate(run.results, 1):
        progress(result, i, len(run.results))
    shown = [part.rstrip() for part in stream.getvalue().split("\r") if part.strip()]
    assert max(len(part) for part in shown) <= columns - 1
    full = f"{progress.status(8, 8)}  {run.results[-1].case_id}"
    assert (full in shown) == (len(full) <= columns - 1)
