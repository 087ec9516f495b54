"""`agora-conformance run` output a port maintainer can act on, in a terminal and in CI.

Expected values come from the vector files themselves (descriptions, line numbers found by
scanning the YAML text) and from the documented behaviour of the options.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from tests.conformance._runner_kat import FAKES

ROOT = Path(__file__).resolve().parents[3]
WRONG = f"{sys.executable} {FAKES / 'wrong_tokens_testee.py'}"
RTC2_ONLY = f"{WRONG} rtc2."
MISBEHAVING = f"{sys.executable} {FAKES / 'misbehaving_testee.py'}"
UID0_FILE = "access_token2/rtc_build_token_with_uid.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def case_line(rel: str, case_id: str) -> int:
    """The 1-based line of ``- id: CASE_ID`` in a vector file."""
    lines = (ROOT / "vectors" / rel).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"- id: {case_id}")


def case_data(rel: str, case_id: str) -> dict[str, object]:
    data = yaml.safe_load((ROOT / "vectors" / rel).read_text())
    case: dict[str, object] = next(c for c in data["cases"] if c["id"] == case_id)
    return case


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI"):
        monkeypatch.delenv(name, raising=False)


def test_a_fail_names_description_inputs_file_line_want_and_got(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0")
    assert code == 1
    block = out[out.index("FAIL rtc2-uid-0"):]
    description = str(case_data(UID0_FILE, "rtc2-uid-0")["description"])
    assert description in block
    assert f"{UID0_FILE}:{case_line(UID0_FILE, 'rtc2-uid-0')}" in block
    inputs = next(line for line in block.splitlines() if "inputs:" in line)
    assert "uid: 0" in inputs and "role: publisher" in inputs  # one compact line
    assert "want" in block and "got" in block


def test_json_and_junit_carry_the_same_fields(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    report, junit = tmp_path / "r.json", tmp_path / "r.xml"
    run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0", "--report-json", str(report),
            "--junit", str(junit))
    case = json.loads(report.read_text())["cases"][0]
    assert case["file"] == UID0_FILE and case["line"] == case_line(UID0_FILE, "rtc2-uid-0")
    assert case["description"] == case_data(UID0_FILE, "rtc2-uid-0")["description"]
    assert case["args"]["uid"] == 0
    testcase = ET.parse(junit).getroot().find("testcase")
    assert testcase is not None
    assert testcase.get("file") == f"vectors/{UID0_FILE}"
    assert testcase.get("line") == str(case["line"])
    failure = testcase.find("failure")
    assert failure is not None and failure.text and "inputs:" in failure.text


def test_the_cap_never_hides_a_failure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--command", f"{MISBEHAVING} garbage", "-v")
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("ERROR ")]
    total = json.loads((ROOT / "vectors" / "manifest.json").read_text())["cases"]
    assert len(errors) == total


def test_unsupported_builders_are_one_grouped_line_only_on_request(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "-v")
    assert code == 1
    assert "UNSUPPORTED" not in out
    assert "fpa2.build_token" not in out
    code, out, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "--show-unsupported")
    grouped = [line for line in out.splitlines() if "fpa2.build_token" in line]
    assert len(grouped) == 1 and "rtm2.build_token" in grouped[0]


def test_failures_come_before_expected_failures_with_v(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    xfail = tmp_path / "xf.yaml"
    xfail.write_text('expected_failures:\n  - id: "rtc2-uid-0"\n    reason: "uid 0 as text"\n'
                     '    evidence: "https://example.invalid/1"\n')
    code, out, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "--xfail", str(xfail), "-v")
    assert code == 1
    assert out.index("XFAIL rtc2-uid-0") > out.rindex("\nFAIL ")


def test_a_testee_that_dies_in_the_handshake_is_reported_once_with_exit_2(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "run", "--command", f"{MISBEHAVING} import_error")
    assert code == 2
    text = out + err
    assert text.count("ModuleNotFoundError") == 1
    assert len(text) < 4000


def test_no_color_off_a_terminal_and_force_color(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0")
    assert not ANSI.search(out)
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0")
    assert ANSI.search(out) and "FAIL" in ANSI.sub("", out)
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0")
    assert not ANSI.search(out)


def test_a_heartbeat_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "run", "--family", "rtc2", "--heartbeat", "0.000001")
    assert code == 0
    beats = [line for line in err.splitlines() if re.match(r"\[\d+/\d+\]", line)]
    assert len(beats) >= 2 and "\r" not in err


@pytest.mark.parametrize("option", [["--fail-fast"], ["--max-fail", "1"], ["--max-fail", "3"]])
def test_stop_after_failures(option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    limit = 1 if option == ["--fail-fast"] else int(option[1])
    code, out, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "--family", "rtc2", *option)
    assert code == 1
    assert len([line for line in out.splitlines() if line.startswith("FAIL ")]) == limit
    assert "not run" in out


def test_github_actions_annotations_and_step_summary(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run_cli(capsys, "run", "--command", WRONG, "-k", "rtc2-uid-0")
    assert code == 1
    line = case_line(UID0_FILE, "rtc2-uid-0")
    assert f"::error file=vectors/{UID0_FILE},line={line},title=rtc2-uid-0::" in out
    assert "rtc2-uid-0" in summary.read_text()


def test_write_xfail_makes_a_baseline_that_lint_flags(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "expected-failures.yaml"
    code, _, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "--write-xfail", str(baseline))
    assert code == 1
    data = yaml.safe_load(baseline.read_text())
    ids = [e["id"] for e in data["expected_failures"]]
    assert "rtc2-uid-0" in ids
    assert all(e["reason"] == "TODO" and e["evidence"] == "TODO"
               for e in data["expected_failures"])
    code, _, _ = run_cli(capsys, "run", "--command", RTC2_ONLY, "--xfail", str(baseline), "-q")
    assert code == 0
    code, out, _ = run_cli(capsys, "lint", "--xfail", str(baseline))
    assert code == 1 and "TODO" in out and "rtc2-uid-0" in out


def test_diff_shows_cases_that_changed_outcome(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    run_cli(capsys, "run", "--command", WRONG, "--family", "rtc2", "--report-json", str(old))
    run_cli(capsys, "run", "--family", "rtc2", "--report-json", str(new))
    code, out, _ = run_cli(capsys, "diff", str(old), str(new))
    assert code == 0  # only improvements
    assert re.search(r"rtc2-uid-0\s+fail -> pass", out)
    code, out, _ = run_cli(capsys, "diff", str(new), str(old))
    assert code == 1 and re.search(r"rtc2-uid-0\s+pass -> fail", out)
    assert run_cli(capsys, "diff", str(old), str(tmp_path / "missing.json"))[0] == 2


def test_verify_may_answer_decode_error_for_an_unreadable_token(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--command", f"{MISBEHAVING} verify_decode_error",
                           "--family", "token")
    assert code == 0, out
