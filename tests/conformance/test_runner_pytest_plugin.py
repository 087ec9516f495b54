"""The pytest plugin: inactive by default, one item per vector when given a testee."""

from __future__ import annotations

import sys

import pytest

from conformance.vectors import load_vectors

pytest_plugins = ["pytester"]
PLUGIN = ("-p", "agora_conformance_pytest")  # also without an installed entry point
REFERENCE = "python:conformance.reference_testee:REFERENCE"


def test_inactive_without_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_every_vector_is_an_item_named_by_id(pytester: pytest.Pytester) -> None:
    cases = load_vectors().cases
    result = pytester.runpytest(*PLUGIN, "--agora-builder", REFERENCE,
                                "--collect-only", "-q")
    out = result.stdout.str()
    assert f"agora/{cases[0].file}::{cases[0].id}" in out
    assert out.count("agora/") == len(cases)


def test_k_selects_and_subprocess_passes(pytester: pytest.Pytester) -> None:
    case = load_vectors().cases[0]
    command = f"{sys.executable} -m conformance.reference_testee"
    result = pytester.runpytest(*PLUGIN, "--agora-command", command, "-k", case.id, "-q")
    outcomes = result.parseoutcomes()
    assert result.ret == 0 and outcomes["passed"] >= 1 and outcomes["deselected"] >= 1


def test_failures_show_the_diagnosis(pytester: pytest.Pytester) -> None:
    from tests.conformance._runner_kat import FAKES

    command = f"{sys.executable} {FAKES / 'wrong_tokens_testee.py'}"
    result = pytester.runpytest(*PLUGIN, "--agora-command", command, "-k", "rtc2", "-q", "-x")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*service RTC*want*got*"])


def test_xfail_file_marks_items(pytester: pytest.Pytester) -> None:
    case = load_vectors().cases[0]
    xfail = pytester.makefile(".yaml", xf=f"""
expected_failures:
  - id: "{case.id}"
    reason: "claimed failure"
    evidence: "https://example.invalid/issue/1"
  - id: "no-such-case-*"
    reason: "stale"
    evidence: "https://example.invalid/issue/2"
""")
    result = pytester.runpytest(*PLUGIN, "--agora-builder", REFERENCE,
                                "--agora-xfail", str(xfail), "-k",
                                f"{case.id} or expected", "-q")
    out = result.stdout.str()
    assert "matches no case" in out
    assert "expects a failure" in out  # the listed case passes: xpass fails
    assert result.ret == 1


def test_xdist_distributes_vector_items(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is not installed")
    command = f"{sys.executable} -m conformance.reference_testee"
    result = pytester.runpytest_subprocess(*PLUGIN, "--agora-command", command, "-n", "2",
                                           "-k", "rtc2",
                                           "-q", "-p", "no:cacheprovider")
    assert result.ret == 0
    assert result.parseoutcomes()["passed"] > 10
