"""`agora-conformance run`: the reference passes in process and as a subprocess; exit codes;
reports valid against their schemas; the testee protocol doc carries its schema verbatim."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conformance.cli import main
from conformance.paths import schema_path
from tests.conformance._runner_kat import FAKES

ROOT = Path(__file__).resolve().parents[3]
REF = f"{sys.executable} -m conformance.reference_testee"


def test_reference_in_process_passes_every_vector(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "PASSED" in out and " fail" not in out and "unsupported" not in out


def test_reference_subprocess_passes_every_vector(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    assert main(["run", "--command", REF, "-q", "--report-json", str(report)]) == 0
    data = json.loads(report.read_text())
    jsonschema.Draft202012Validator(json.loads(schema_path("run-report.json").read_text())
                                    ).validate(data)
    assert data["totals"]["pass"] == len(data["cases"]) > 0
    assert data["testee"]["implementation"]["language"] == "python"
    assert data["vectors"]["digest"].startswith("sha256:")


def test_failures_exit_1_with_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = f"{sys.executable} {FAKES / 'wrong_tokens_testee.py'}"
    paths = {name: tmp_path / name for name in ("r.json", "r.xml", "r.md")}
    code = main(["run", "--command", command, "--family", "rtc2", "--report-json",
                 str(paths["r.json"]), "--junit", str(paths["r.xml"]), "--markdown",
                 str(paths["r.md"])])
    assert code == 1
    out = capsys.readouterr().out
    assert "service RTC, privilege 1 expire: want" in out and "FAILED" in out
    data = json.loads(paths["r.json"].read_text())
    jsonschema.Draft202012Validator(json.loads(schema_path("run-report.json").read_text())
                                    ).validate(data)
    failed = [c for c in data["cases"] if c["outcome"] == "fail"]
    assert failed and all(c["causes"] for c in failed)
    suite = ET.parse(paths["r.xml"]).getroot()
    assert int(suite.get("failures", "0")) == len(failed)
    assert "| case | outcome |" in paths["r.md"].read_text()


def test_verify_mode_for_declared_builders(capsys: pytest.CaptureFixture[str]) -> None:
    clockless = f"{sys.executable} {FAKES / 'clockless_testee.py'}"
    assert main(["run", "--command", clockless + " --declare", "-q"]) == 0  # every vector
    assert main(["run", "--command", clockless, "--family", "rtc2", "-q"]) == 1
    assert main(["run", "--command", clockless, "--family", "rtc2", "-q", "--verify"]) == 0
    skewed = clockless + " --declare --skew 28800"
    assert main(["run", "--command", skewed, "--family", "rtc2"]) == 1
    assert "clock_window" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["run", "--command", "/nonexistent/testee"],
    ["run", "--vectors", "/nonexistent/vectors"],
    ["run", "--builder", "nonsense"],
    ["run", "--builder", "python:no_such_module_x:OBJ"],
    ["run", "-k", "no-such-case-id-*"],
    ["run", "--xfail", "/nonexistent/xfail.yaml"],
])
def test_usage_and_data_errors_exit_2(argv: list[str]) -> None:
    assert main(argv) == 2


def test_help_is_the_manual(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = capsys.readouterr().out
    for words in ("--one-shot", "verify mode", "exit codes", "expected-failures", "xpass",
                  "--report-json", "--junit", "--markdown", "--family", "--tag", "--timeout"):
        assert words in text


def test_protocol_doc_contains_schema_verbatim() -> None:
    doc = (ROOT / "docs" / "testee-protocol.md").read_text(encoding="utf-8")
    assert schema_path("testee-protocol.json").read_text(encoding="utf-8") in doc


def test_builder_spec_may_name_a_class() -> None:
    assert main(["run", "--builder", "python:conformance.reference_testee:ReferenceTestee",
                 "-q", "--family", "rtc2"]) == 0
