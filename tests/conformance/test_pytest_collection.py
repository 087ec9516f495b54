"""The pytest plugin collects like any pytest project: a collector per vector file, an item per
case, so counts, --co, -k, deselection, -x, --lf and xdist behave; a testee that cannot start
is reported once; a project with its own `conformance` package is not disturbed.

The plugin is loaded with ``-p agora_conformance_pytest`` (its entry-point name), so these
tests also run from a checkout that is not pip-installed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
FAKES = ROOT / "tests" / "fakes"
PLUGIN = ("-p", "agora_conformance_pytest", "-p", "no:cacheprovider")
REFERENCE = ("--agora-builder", "python:conformance.reference_testee:REFERENCE")
WRONG = f"{sys.executable} {FAKES / 'wrong_tokens_testee.py'}"
MISBEHAVING = f"{sys.executable} {FAKES / 'misbehaving_testee.py'}"
TOTAL = json.loads((ROOT / "vectors" / "manifest.json").read_text())["cases"]
FILES = json.loads((ROOT / "vectors" / "manifest.json").read_text())["files"]


@pytest.fixture(autouse=True)
def importable_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(ROOT), path) if p))


def test_collect_only_counts_every_case(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, *REFERENCE, "--co", "-q")
    out = result.stdout.str()
    assert result.ret == 0
    assert f"{TOTAL} tests collected" in out and "no tests collected" not in out
    first = FILES[0]
    assert f"{first['path']}::" in out  # node ids name the vector file


def test_counts_and_deselection_add_up(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, *REFERENCE, "-k", "rtc2-uid-0")
    out = result.stdout.str()
    assert f"collected {TOTAL} items" in out and "-" + str(TOTAL) not in out
    outcomes = result.parseoutcomes()
    assert outcomes["passed"] + outcomes["deselected"] == TOTAL
    assert outcomes["passed"] >= 1


def test_k_matches_substrings_of_case_ids(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, *REFERENCE, "--co", "-q", "-k", "uid-0")
    ids = [line.rsplit("::", 1)[-1] for line in result.stdout.lines if "::" in line]
    assert "rtc2-uid-0" in ids and all("uid-0" in i for i in ids)


def test_x_and_last_failed(pytester: pytest.Pytester) -> None:
    args = ("-p", "agora_conformance_pytest", "--agora-command", WRONG, "-k", "rtc2")
    first = pytester.runpytest_subprocess(*args, "-x")
    assert first.ret == 1 and first.parseoutcomes()["failed"] == 1
    full = pytester.runpytest_subprocess(*args)
    failed = full.parseoutcomes()["failed"]
    assert failed > 1
    again = pytester.runpytest_subprocess("-p", "agora_conformance_pytest",
                                          "--agora-command", WRONG, "--lf")
    assert again.parseoutcomes()["failed"] == failed
    assert "passed" not in again.parseoutcomes()


def test_xdist(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    result = pytester.runpytest_subprocess(*PLUGIN, "--agora-command",
                                           f"{sys.executable} -m conformance.reference_testee",
                                           "-n", "2", "-k", "rtc2")
    assert result.ret == 0 and result.parseoutcomes()["passed"] > 10


def test_a_testee_that_cannot_start_is_reported_once(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, "--agora-command",
                                           f"{MISBEHAVING} import_error")
    text = result.stdout.str() + result.stderr.str()
    assert result.ret == 2
    assert text.count("ModuleNotFoundError") == 1
    assert "failed" not in result.stdout.lines[-1]


def test_a_silent_testee_costs_the_startup_timeout_once(pytester: pytest.Pytester) -> None:
    t0 = time.monotonic()
    result = pytester.runpytest_subprocess(*PLUGIN, "--agora-command", f"{MISBEHAVING} silent",
                                           "--agora-startup-timeout", "1",
                                           "--agora-timeout", "1", "-k", "rtc2")
    assert result.ret == 2
    assert result.stdout.str().count("did not answer the hello") == 1
    # 66 rtc2 items: one startup timeout per item would take over a minute
    assert time.monotonic() - t0 < 60


def test_a_project_with_its_own_conformance_package(pytester: pytest.Pytester) -> None:
    pytester.mkpydir("conformance")
    (pytester.path / "conformance" / "__init__.py").write_text("VALUE = 42\n")
    pytester.makepyfile(test_own="""
        import conformance

        def test_own_package():
            assert conformance.VALUE == 42
    """)
    result = pytester.runpytest_subprocess("-p", "agora_conformance_pytest")
    result.assert_outcomes(passed=1)


def test_inactive_without_options_collects_nothing_extra(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest_subprocess(*PLUGIN)
    result.assert_outcomes(passed=1)
    assert "collected 1 item" in result.stdout.str()


def test_failure_text_is_the_runner_diagnosis(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, "--agora-command", WRONG, "-k",
                                           "rtc2-uid-0")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*FAIL rtc2-uid-0*", "*inputs:*uid: 0*"])
