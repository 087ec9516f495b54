"""Requirement levels: derived from the expectation, stated in every file, checked by lint,
selected by `run --level`, and counted apart in the console, JSON report and matrix."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conformance.cli import main
from conformance.paths import schema_path
from conformance.protocol import Outcome
from conformance.reports import Row
from conformance.vectors import Case, Expect, load_vectors
from conformance.vectors import regen as _regen
from conformance.vectors.levels import derived_level
from tests.conformance.vectors.test_lint_rules import edit, problems, scratch


def _case(builder: str, **expect: object) -> Case:
    return Case("c", "f.yaml", builder.split(".")[0], builder, {},
                Expect(**expect))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("builder", "expect", "level"),
    [
        ("rtc2.build_token_with_uid", {"token": "007x"}, "format"),
        ("rtc2.build_token_with_uid", {"error": "invalid_input"}, "strictness"),
        ("token.decode", {"fields": {"version": "007"}}, "format"),
        ("token.decode", {"fields": {"version": "007", "unknown_service_type": 99}},
         "strictness"),
        ("token.decode", {"error": "trailing_bytes"}, "strictness"),
        ("token.decode", {"error": "bad_base64"}, "strictness"),
        ("token.decode", {"error": "bad_version"}, "format"),
        ("token.decode", {"error": "truncated"}, "format"),
        ("token.verify", {"error": "expired"}, "strictness"),
        ("token.verify", {"valid": True}, "format"),
        ("token.verify", {"error": "bad_signature"}, None),  # wrong signature vs altered CRC
        ("token.decode", {"error": "bad_zlib"}, None),  # garbage stream vs wrong Adler-32
    ],
)
def test_derived_level(builder: str, expect: dict[str, object], level: str | None) -> None:
    assert derived_level(_case(builder, **expect)) == level


def test_bundled_levels_as_decided() -> None:
    """Cases whose level the derivation leaves open carry the one docs/runner.md gives."""
    by_id = load_vectors().by_id()
    assert by_id["rtc2-uid-0"].level == "format"
    assert by_id["decode-007-whitespace"].level == "strictness"
    assert by_id["decode-007-bad-adler"].level == "strictness"
    assert by_id["decode-007-bad-zlib"].level == "format"
    assert by_id["verify-006-altered-crc-uid"].level == "strictness"
    assert by_id["verify-007-wrong-certificate"].level == "format"
    assert by_id["decode-007-unknown-service-type"].level == "strictness"


def test_lint_requires_a_level(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "level: format\n", "")
    found = problems(tmp_path, "levels")
    assert len(found) == 2 and "f.yaml: case r-1: field level: no level" in found[0]


def test_lint_finds_a_level_that_contradicts_the_expectation(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "args: {uid: 2}", "args: {uid: 4294967296}")  # regen makes it a refusal
    _regen.apply(tmp_path, _regen.plan(tmp_path))
    found = problems(tmp_path, "levels")
    assert len(found) == 1
    assert "case r-2: field level (the file's default): states format" in found[0]
    assert "makes it strictness" in found[0]
    edit(path, "  - id: r-2\n", "  - id: r-2\n    level: strictness\n")
    assert problems(tmp_path, "levels") == []


def test_lint_finds_a_case_override_that_contradicts(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "  - id: r-1\n", "  - id: r-1\n    level: strictness\n")
    found = problems(tmp_path, "levels")
    assert len(found) == 1 and "case r-1: field level: states strictness" in found[0]


def test_run_level_selects_and_reports_apart(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.json"
    assert main(["run", "--level", "strictness", "-q", "--report-json", str(report)]) == 0
    data = json.loads(report.read_text())
    jsonschema.Draft202012Validator(json.loads(schema_path("run-report.json").read_text())
                                    ).validate(data)
    strict = [c for c in load_vectors().cases if c.level == "strictness"]
    assert len(data["cases"]) == len(strict) > 50
    assert {c["level"] for c in data["cases"]} == {"strictness"}
    assert list(data["levels"]) == ["strictness"]
    assert data["levels"]["strictness"]["pass"] == len(strict)
    out = capsys.readouterr().out
    assert f"levels: strictness {len(strict)}/{len(strict)} passed" in out


def test_summary_counts_levels_apart(capsys: pytest.CaptureFixture[str]) -> None:
    main(["run", "-k", "rtc2-uid-0", "-k", "decode-007-whitespace"])
    out = capsys.readouterr().out
    assert "levels: format 1/1, strictness 1/1 passed" in out


def test_matrix_totals_give_each_level() -> None:
    row = Row("impl")
    row.add("rtc2", Outcome.PASS, "format")
    row.add("rtc2", Outcome.FAIL, "strictness")
    row.add("rtc2", Outcome.PASS, "strictness")
    row.add("rtc2", Outcome.UNSUPPORTED, "strictness")
    assert row.levels_text() == "format 1/1, strictness 1/2"
