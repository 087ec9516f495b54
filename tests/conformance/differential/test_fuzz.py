"""The differential fuzzer: finds, shrinks and writes out a deliberately planted difference."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.cli import main
from conformance.differential import run_fuzz, write_candidates
from conformance.differential.fuzz import candidate_yaml
from conformance.differential.strategies import args_for
from conformance.reference_testee import REFERENCE
from conformance.testees import InProcessTestee
from conformance.vectors.load import read_file
from reference.errors import InvalidInput
from reference.registry import BUILDERS

UID_BUILDER = "rtc2.build_token_with_uid"


class SignedUid:
    """The reference, except that rtc2 uids above 2^31 - 1 are formatted as a signed int
    (the Java 006 bug class D-04, planted in 007): everything else agrees."""

    def describe(self) -> dict[str, Any]:
        hello = REFERENCE.describe()
        hello["implementation"] = {"name": "signed-uid", "language": "python", "version": "1"}
        return hello

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        args = dict(args)
        if builder == UID_BUILDER and args["uid"] >= 2**31:
            args = {**args, "account": str(args.pop("uid") - 2**32)}
            builder = "rtc2.build_token_with_user_account"
        return REFERENCE.build(builder, args, salt, now)


def fuzz(obj: Any, **kwargs: Any) -> Any:
    testee = InProcessTestee(obj, "fake")
    try:
        return run_fuzz(testee, wall_clock=lambda: 1111111.0, **kwargs)
    finally:
        testee.close()


@pytest.fixture(scope="module")
def planted() -> Any:
    """One search for the planted difference (finding and shrinking it is the slow part: about
    1.5 s of CPU), shared by the tests that look at its result."""
    return fuzz(SignedUid(), examples=200, seed=7, only=[UID_BUILDER])


def test_the_planted_difference_is_found_and_shrunk_to_the_boundary(planted: Any) -> None:
    result = planted
    assert result.agreed == []
    [finding] = result.findings
    assert finding.builder == UID_BUILDER
    assert finding.args["uid"] == 2**31  # the smallest uid that shows the bug
    assert finding.args["channel_name"] == ""  # everything irrelevant shrunk away
    assert finding.verdict.outcome.value == "fail"
    assert finding.expect["fields"]["services"][0]["account"] == "2147483648"


def test_the_same_seed_gives_the_same_finding() -> None:
    one = fuzz(SignedUid(), examples=60, seed=11, only=[UID_BUILDER])
    two = fuzz(SignedUid(), examples=60, seed=11, only=[UID_BUILDER])
    assert [f.args for f in one.findings] == [f.args for f in two.findings]


def test_the_reference_agrees_with_itself_on_every_builder() -> None:
    result = fuzz(REFERENCE, examples=5, seed=1)
    assert result.findings == []
    assert sorted(result.agreed) == sorted(BUILDERS)


def test_the_candidate_is_a_valid_vector_file_with_its_provenance(tmp_path: Path,
                                                                  planted: Any) -> None:
    result = planted
    [path] = write_candidates(result, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "fuzz seed 7 examples 200 against signed-uid 1 (python)" in text
    assert text == candidate_yaml(result.findings[0], result, 1)
    [case] = read_file(path, tmp_path).cases  # schema-valid, loads like any vector
    assert case.args["uid"] == 2**31 and case.salt is not None and case.now is not None
    assert case.expect.payload == result.findings[0].expect["payload"]
    assert "fuzz" in case.tags


@settings(max_examples=60, deadline=None, database=None)
@given(st.data())
def test_generated_arguments_are_complete_and_never_crash_the_reference(data: Any) -> None:
    spec = data.draw(st.sampled_from(sorted(BUILDERS.values(), key=lambda s: s.id)))
    args = data.draw(args_for(spec))
    assert {p.name for p in spec.params if p.required} <= set(args)
    with contextlib.suppress(InvalidInput):  # valid by kind; a refusal is fine, a crash not
        REFERENCE.build(spec.id, args, 1, 1111111)


def test_the_command_reports_the_difference_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["fuzz", "--builder", "python:tests.conformance.differential.test_fuzz:SIGNED_UID",
            "--examples", "150", "--seed", "7", "--only", UID_BUILDER, "--out", str(tmp_path)]
    assert main(argv) == 1  # through the real parser
    out = capsys.readouterr().out
    assert "DIFFERENCE rtc2.build_token_with_uid: fail" in out
    assert len(list(tmp_path.glob("*.yaml"))) == 1


SIGNED_UID = SignedUid()
