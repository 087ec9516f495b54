"""Interop table: every parser decodes and verifies every builder's tokens, or a known reason."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from conformance.cli.interop import interop
from conformance.differential import REFERENCE, Participant, run_interop
from conformance.differential.interop import CASES, to_markdown, token_version
from conformance.differential.interop_known import KNOWN, known_reason
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


class No006Verifier(LossyParser):
    """A correct parser whose verify answers `unsupported` for 006 tokens."""

    def decode(self, token: str) -> dict[str, Any]:
        return REF_OBJ.decode(token)

    def verify(self, token: str, args: Mapping[str, Any]) -> dict[str, Any]:
        if token.startswith("006"):
            return {"error": {"kind": "unsupported", "message": "no 006 verifier"}}
        return REF_OBJ.verify(token, args)


class BuildOnly(LossyParser):
    """Declares no decode or verify in its hello."""

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "operations": ["build"]}


def _inproc(name: str, testee: Any, package: str = "") -> Participant:
    return Participant(name, lambda: InProcessTestee(testee, name), package)


def test_a_wrong_parser_shows_up_as_unexpected_failures() -> None:
    participants = [Participant(REFERENCE, lambda: open_testee()),
                    _inproc("lossy", LossyParser())]
    result = run_interop(participants)
    assert result.parsers == [REFERENCE, "lossy"]
    assert all(c.ok for c in result.cell(REFERENCE, REFERENCE))
    bad = result.cell(REFERENCE, "lossy")
    assert len(bad) == len(CASES) and not any(c.ok for c in bad)
    assert {c.detail.split(":")[0] for c in bad} == {
        "decode", "verify with a wrong certificate"}  # 006 has no services to drop
    table = to_markdown(result)
    assert "| reference | ok 14/14 | **FAIL** 0/14 |" in table
    assert "Unexpected failures:" in table


def test_columns_come_from_the_hello_one_per_package() -> None:
    participants = [Participant(REFERENCE, lambda: open_testee()),
                    _inproc("exact", No006Verifier(), "pkg 1.0"),
                    _inproc("exact-builders", No006Verifier(), "pkg 1.0"),
                    _inproc("builds-only", BuildOnly())]
    result = run_interop(participants, workers=2)
    assert result.builders == [REFERENCE, "exact", "exact-builders", "builds-only"]
    assert result.parsers == [REFERENCE, "exact"]
    assert run_interop(participants[:2], parsers=["nobody"]).parsers == [REFERENCE]


def test_an_unsupported_answer_is_shown_apart_not_as_a_failure() -> None:
    result = run_interop([Participant(REFERENCE, lambda: open_testee()),
                          _inproc("no006", No006Verifier())])
    declined = result.cell(REFERENCE, "no006")
    assert {c.case for c in declined if c.unsupported} == {
        c.id for c in CASES if token_version(c.builder) == "006"}
    assert not result.unexpected() and all(c.ok for c in declined if not c.unsupported)
    table = to_markdown(result)
    assert "| reference | ok 14/14 | ok 10/10, 4 unsupported‡ |" in table
    assert "- no006 (at006-uid, rtc006-uid-publisher, rtm006, stb006-publisher): " \
           "unsupported: no 006 verifier" in table


def test_token_versions_follow_the_builder_catalogue() -> None:
    assert token_version("rtc2.build_token_with_uid") == "007"
    assert token_version("access_token2.build") == "007"
    assert token_version("rtc.build_token_with_uid") == "006"
    assert token_version("rtm.build_token") == "006"
    assert token_version("simple_token_builder.script") == "006"
    assert token_version("dynamic_key2.generate") == ""  # a legacy key, not a "2" family


def test_known_exceptions_say_where_the_code_is() -> None:
    for known in KNOWN:  # the reason ends with its evidence: "(path/File.ext:LINE @ commit)"
        evidence = known.reason.rsplit("(", 1)[-1]
        assert evidence.endswith(")") and " @ " in evidence, known.reason
    assert str(known_reason("upstream-2020-java", REFERENCE, "at006-uid")).startswith("D-04")
    assert known_reason("upstream-python3", REFERENCE, "rtc006-uid-publisher") is None


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
        # (a builder that offers none of the interop cases, e.g. a SimpleTokenBuilder-only
        # upstream snapshot, makes nothing to parse)
        if any(result.cell(builder, parser) for parser in result.parsers):
            assert result.cell(builder, REFERENCE), builder
    for check in result.known_failures():
        assert check.known and any(k.reason == check.known for k in KNOWN)
    for java in {"java-authentication", "upstream-java", "upstream-2020-java"} & set(
            result.builders):  # D-04 is visible, not hidden
        d04 = [c for c in result.known_failures()
               if c.builder == java and str(c.known).startswith("D-04")]
        assert {c.case for c in d04} == {"rtc006-uid-publisher", "at006-uid"}, java
    upstream_parsers = {f"upstream-{lang}" for lang in (
        "cpp", "go", "java", "kotlin", "node", "python", "python3", "php", "ruby", "perl",
        "lua", "rust")}  # the list: each one that runs here is a column
    assert upstream_parsers & set(result.builders) <= set(result.parsers)
