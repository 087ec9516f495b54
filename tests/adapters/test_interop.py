"""Interop table: every parser decodes and verifies every builder's tokens, or a known reason."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from conformance.cli.interop import interop
from conformance.differential import REFERENCE, Participant, run_interop
from conformance.differential.interop import CASES, KNOWN, to_markdown, token_version
from conformance.reference_testee import REFERENCE as REF_OBJ
from conformance.testees import InProcessTestee, open_testee

ROOT = Path(__file__).resolve().parents[2]


class LossyParser:
    """A deliberately wrong parser: drops the last service and accepts any certificate."""

    def describe(self) -> dict[str, Any]:
        hello = REF_OBJ.describe()
        hello["implementation"] = {"name": "lossy", "language": "python", "version": "0"}
        return hello

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        return REF_OBJ.build(builder, args, salt, now)

    def decode(self, token: str) -> dict[str, Any]:
        fields = REF_OBJ.decode(token)
        if fields.get("services"):
            fields["services"] = fields["services"][:-1]
        return fields

    def verify(self, token: str, args: Mapping[str, Any]) -> dict[str, Any]:
        return {"valid": True}


def test_a_wrong_parser_shows_up_as_unexpected_failures() -> None:
    participants = [Participant(REFERENCE, lambda: open_testee()),
                    Participant("lossy", lambda: InProcessTestee(LossyParser(), "lossy"))]
    result = run_interop(participants)
    assert result.parsers == [REFERENCE, "lossy"]
    assert all(c.ok for c in result.cell(REFERENCE, REFERENCE))
    bad = result.cell(REFERENCE, "lossy")
    assert len(bad) == len(CASES) and not any(c.ok for c in bad)
    assert {c.detail.split(":")[0] for c in bad} == {
        "decode", "verify with a wrong certificate"}  # 006 has no services to drop
    table = to_markdown(result)
    assert "| reference | ok 12/12 | **FAIL** 0/12 |" in table
    assert "Unexpected failures:" in table


def test_token_versions_follow_the_family_prefix() -> None:
    assert token_version("rtc2.build_token_with_uid") == "007"
    assert token_version("access_token2.build") == "007"
    assert token_version("rtc.build_token_with_uid") == "006"
    assert token_version("rtm.build_token") == "006"


def test_every_cell_is_ok_or_an_expected_explained_exception() -> None:
    result = interop(ROOT / "adapters" / "registry.yaml")
    ran = [p for p in result.parsers if p != REFERENCE]
    if not ran:
        pytest.skip("no parser besides the reference can run here: "
                    + "; ".join(result.skipped.values()))
    table = to_markdown(result)
    print(table)
    assert not result.unexpected(), table
    for builder in result.builders:  # the reference parses everything every builder makes
        assert result.cell(builder, REFERENCE), builder
    for check in result.known_failures():
        assert check.known and any(k.reason == check.known for k in KNOWN)
    if "java-authentication" in result.builders:  # D-04 is visible, not hidden
        d04 = [c for c in result.known_failures()
               if c.builder == "java-authentication" and str(c.known).startswith("D-04")]
        assert {c.case for c in d04} == {"rtc006-uid-publisher"}
