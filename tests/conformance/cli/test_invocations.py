"""Every documented `agora-conformance` invocation, through the real argument parser.

Expected values come from the vectors (case ids, counts) and from the documented behaviour
(exit codes 0/1/2, the output naming what was checked), never from the code under test.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conformance.cli import COMMANDS, main
from tests.conformance._runner_kat import AT2_TOKEN, CERT, FAKES

ROOT = Path(__file__).resolve().parents[3]
REF = f"{sys.executable} -m conformance.reference_testee"
WRONG = f"{sys.executable} {FAKES / 'wrong_tokens_testee.py'}"
REFERENCE_SPEC = "python:conformance.reference_testee:REFERENCE"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help exits 0, a usage error exits 2
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_lists_exit_codes_and_an_example(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, command, "--help")
    assert code == 0
    assert "exit codes" in out, f"{command} --help does not list its exit codes"
    assert "example" in out and f"agora-conformance {command}" in out.split("example", 1)[1], \
        f"{command} --help shows no example invocation"


@pytest.mark.parametrize("testee", [("--builder", REFERENCE_SPEC), ("--command", REF)],
                         ids=["builder", "command"])
def test_fuzz_goes_through_the_parser(testee: tuple[str, str], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "fuzz", *testee, "--examples", "3",
                             "--only", "rtc2.build_token_with_uid", "--out", str(tmp_path))
    assert code == 0, err
    assert "agree with the reference: 1 builder(s)" in out


def test_run_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "--no-progress", "-q")
    assert code == 0 and "fail" not in out


def test_run_command_family_and_id_pattern(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "out.json"
    code, _, _ = run_cli(capsys, "run", "--command", REF, "--family", "rtc2",
                         "-k", "rtc2-uid-*", "--report-json", str(report), "-q")
    assert code == 0
    ids = [c["id"] for c in json.loads(report.read_text())["cases"]]
    assert ids and all(i.startswith("rtc2-uid-") for i in ids)


def test_run_k_matches_substrings_like_pytest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "-k", "uid", "--list")
    assert code == 0
    ids = [line.split("\t")[0] for line in out.splitlines()]
    assert "rtc2-uid-0" in ids and all("uid" in i for i in ids)


def test_run_k_keeps_fnmatch_for_wildcards(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "run", "-k", "rtc2-uid-?", "--list")
    ids = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0 and "rtc2-uid-0" in ids and all(len(i) == len("rtc2-uid-0") for i in ids)


def test_run_builder_imports_from_the_current_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "my_port").mkdir()
    (tmp_path / "my_port" / "__init__.py").write_text("")
    (tmp_path / "my_port" / "adapter.py").write_text(
        "from conformance.reference_testee import REFERENCE as BUILDER\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", ".", str(tmp_path))])
    code, _, err = run_cli(capsys, "run", "--builder", "python:my_port.adapter:BUILDER",
                             "--family", "rtc2", "-q")
    assert code == 0, err


def test_run_builder_that_cannot_import_gives_a_hint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "run", "--builder", "python:no_such_port.adapter:X")
    assert code == 2
    assert "no_such_port" in err and str(tmp_path) in err  # says where it looked


def test_run_one_shot_shell_adapter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "adapter.sh"
    script.write_text(f"#!/bin/sh\nexec {REF}\n")
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    code, _, err = run_cli(capsys, "run", "--command", "./adapter.sh", "--one-shot",
                           "-k", "rtc2-uid-0", "-q")
    assert code == 0, err


def test_run_junit_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run_cli(capsys, "run", "--command", WRONG, "--family", "rtc2",
                         "--junit", str(tmp_path / "out.xml"),
                         "--markdown", str(tmp_path / "out.md"), "-q")
    assert code == 1
    assert "<testsuite" in (tmp_path / "out.xml").read_text()
    assert "rtc2-uid-0" in (tmp_path / "out.md").read_text()


def test_inspect_decodes_and_verifies(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "inspect", AT2_TOKEN, "--certificate", CERT,
                           "--now", "1111111")  # the fixture token expired in 1970
    assert code == 0 and "1111111" in out


def test_lint_and_regen_check_on_the_checkout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "lint")[0] == 0
    assert run_cli(capsys, "regen", "--check")[0] == 0


def test_mutants_one_mutant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "mutants", "-m", "M01")
    assert code == 0 and "M01" in out and "caught in" in out


def test_matrix_of_a_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    registry = tmp_path / "adapters" / "registry.yaml"
    registry.parent.mkdir()
    registry.write_text(
        "implementations:\n"
        "  - name: reference-subprocess\n"
        "    package: the reference\n"
        "    command: \"{python} -m conformance.reference_testee\"\n"
        "    expected_failures: adapters/none.yaml\n")
    code, out, err = run_cli(capsys, "matrix", "--registry", str(registry))
    assert code == 0, err
    assert "reference-subprocess" in out and " 0 fail," in out


def test_interop_help_only_needs_no_adapters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "interop", "--help")
    assert code == 0 and "interop" in out


def test_usage_errors_are_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "run", "--vectors", "/no/such/dir")
    assert code == 2 and "/no/such/dir" in err and "Traceback" not in err

