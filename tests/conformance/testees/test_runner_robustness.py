"""Misbehaving subprocess testees (tests/fakes): every run ends, one result per case."""

from __future__ import annotations

import sys

import pytest

from conformance.compare import RunResult, run_cases
from conformance.protocol import Outcome
from conformance.testees import OneShotTestee, SubprocessTestee, TesteeError
from tests.conformance._runner_kat import fake, many

P = Outcome.PASS


def run(*args: str, n: int = 5, timeout: float = 5.0, startup: float = 10.0,
        max_crashes: int = 100) -> RunResult:
    testee = SubprocessTestee(fake("misbehaving_testee.py", *args), timeout=timeout,
                              startup_timeout=startup, max_crashes=max_crashes)
    with testee:
        result = run_cases(testee, many(n))
    assert len(result.results) == n
    assert [r.case_id for r in result.results] == [f"kat-{i:03d}" for i in range(n)]
    return result


def outcomes(result: RunResult) -> list[Outcome]:
    return [r.outcome for r in result.results]


def test_good_fake_passes() -> None:
    result = run("good")
    assert outcomes(result) == [P] * 5 and result.exit_code == 0


@pytest.mark.parametrize(("mode", "outcome", "words"), [
    ("crash", Outcome.CRASH, "exited with status 3"),
    ("garbage", Outcome.ERROR, "answer is not JSON"),
    ("non_utf8", Outcome.ERROR, "not UTF-8"),
    ("partial", Outcome.CRASH, "partial answer line"),
    ("wrong_id", Outcome.ERROR, "wrong id 'bogus'"),
    ("long_line", Outcome.ERROR, "longer than"),
    ("stray_line", Outcome.ERROR, "not JSON"),  # the late real answer is then skipped
])
def test_one_bad_answer_affects_only_its_case(mode: str, outcome: Outcome, words: str) -> None:
    result = run(mode, "kat-002")
    assert outcomes(result) == [P, P, outcome, P, P]
    assert words in result.results[2].detail
    assert result.exit_code == 1


def test_crash_message_carries_stderr_tail() -> None:
    result = run("crash", "kat-001")
    assert "crashing on kat-001" in result.results[1].detail


def test_hang_times_out_and_run_goes_on() -> None:
    result = run("hang", "kat-001", timeout=0.5)
    assert outcomes(result) == [P, Outcome.TIMEOUT, P, P, P]
    assert "no answer within 0.5 s" in result.results[1].detail


def test_skipped_answer_is_matched_by_id() -> None:
    result = run("skip", "kat-002")
    assert outcomes(result) == [P, P, Outcome.ERROR, P, P]
    assert "answered 'kat-003' first" in result.results[2].detail


def test_stderr_flood_is_drained_and_bounded() -> None:
    result = run("stderr_flood", n=3)
    assert outcomes(result) == [P] * 3
    assert len(result.stderr_tail) <= 4096


# Only the silent testee waits out its startup timeout; the others get the default, generous
# one, since starting Python takes seconds on a machine busy with parallel test environments.
@pytest.mark.parametrize(("mode", "startup", "words"), [
    ("exit_at_once", 10.0, "exited with status 1 during the handshake"),
    ("silent", 0.5, "did not answer the hello within 0.5 s"),
    ("bad_hello", 10.0, "bad hello"),
])
def test_unusable_testee_errors_every_case(mode: str, startup: float, words: str) -> None:
    result = run(mode, startup=startup)
    assert outcomes(result) == [Outcome.ERROR] * 5
    assert words in result.testee_error and words in result.results[0].detail
    assert result.exit_code == 1


def test_exit_at_once_reports_its_stderr() -> None:
    assert "giving up at once" in run("exit_at_once").testee_error


def test_crash_every_case_ends_and_gives_up() -> None:
    result = run("crash", n=6, max_crashes=3)
    assert outcomes(result) == [Outcome.CRASH] * 6
    assert "giving up" in result.results[5].detail


def test_timeout_every_case_ends_quickly() -> None:
    result = run("hang", n=8, timeout=0.3)  # three timeouts in a run, then give up
    assert outcomes(result) == [Outcome.TIMEOUT] * 8
    assert "no answer within 0.3 s" in result.results[2].detail
    assert "timed out 3 times, giving up" in result.results[3].detail


def test_missing_program_cannot_start() -> None:
    with pytest.raises(TesteeError, match="cannot start"):
        SubprocessTestee(["/nonexistent/testee"]).start()


def oneshot(*args: str, timeout: float = 5.0) -> RunResult:
    testee = OneShotTestee(fake("misbehaving_testee.py", *args), timeout=timeout)
    result = run_cases(testee, many(3))
    assert len(result.results) == 3
    return result


@pytest.mark.parametrize(("mode", "outcome"), [
    ("good", P), ("crash", Outcome.CRASH), ("garbage", Outcome.ERROR),
    ("wrong_id", Outcome.ERROR), ("hang", Outcome.TIMEOUT), ("skip", Outcome.CRASH),
])
def test_one_shot_mode(mode: str, outcome: Outcome) -> None:
    # Each one-shot case starts a Python: only the hanging one should wait out a timeout.
    result = oneshot(mode, "kat-001", timeout=5.0 if mode == "hang" else 10.0)
    assert outcomes(result) == [P, outcome, P]


def test_one_shot_reference_and_jobs() -> None:
    testee = OneShotTestee([sys.executable, "-m", "conformance.reference_testee"], jobs=2)
    assert outcomes(run_cases(testee, many(4))) == [P] * 4
