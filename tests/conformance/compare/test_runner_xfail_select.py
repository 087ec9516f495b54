"""Expected-failures files and case selection."""

from __future__ import annotations

import datetime as dt

import pytest

from conformance.compare import RunOptions, XfailError, run_cases
from conformance.compare.xfail import parse_xfail
from conformance.protocol import Outcome
from conformance.reference_testee import REFERENCE
from conformance.testees import InProcessTestee
from conformance.vectors import Expect, Selection, select
from tests.conformance._runner_kat import AT1_TOKEN, many, rtc2_case

GOOD = """
implementation: demo
expected_failures:
  - id: "kat-00[01]"
    reason: "demo failure"
    evidence: "https://example.invalid/1"
    expires: 2030-01-01
"""


def test_parse_and_match() -> None:
    xf = parse_xfail(GOOD, "xf.yaml")
    assert xf.implementation == "demo" and xf.entries[0].expires == dt.date(2030, 1, 1)
    assert xf.match("kat-001") is xf.entries[0] and xf.match("kat-002") is None


@pytest.mark.parametrize(("text", "words"), [
    ("expected_failures: [{reason: r, evidence: 'https://x'}]", "entry 1: field id"),
    ("expected_failures: [{id: a, reason: r, evidence: 'not a link'}]", "field evidence"),
    ("expected_failures: [{id: a, reason: r, evidence: 'https://x', expires: soon}]",
     "field expires"),
    ("expected_failures: [{id: a, reason: r, evidence: 'https://x', colour: red}]",
     "field colour: unknown"),
    ("expected_failures: {id: a}", "expected a list"),
    ("[unclosed", "not YAML"),
])
def test_bad_files_name_entry_and_field(text: str, words: str) -> None:
    with pytest.raises(XfailError, match=r"xf\.yaml") as info:
        parse_xfail(text, "xf.yaml")
    assert words in str(info.value)


def _failing(case_id: str) -> object:
    return rtc2_case(case_id, expect=Expect(token=AT1_TOKEN))  # a 007 build never gives this


def test_xfail_xpass_and_stale_entries() -> None:
    cases = [_failing("kat-000"), *many(3)[1:]]  # kat-000 fails, kat-001/002 pass
    xf = parse_xfail(GOOD + """
  - id: "gone-*"
    reason: "old"
    evidence: "https://example.invalid/2"
  - id: "kat-002"
    reason: "expired one"
    evidence: "https://example.invalid/3"
    expires: 2020-01-01
""", "xf.yaml")
    run = run_cases(InProcessTestee(REFERENCE), cases, xfail=xf,  # type: ignore[arg-type]
                    options=RunOptions(today=dt.date(2026, 1, 1)))
    assert [r.outcome for r in run.results] == [Outcome.XFAIL, Outcome.XPASS, Outcome.XPASS]
    assert "demo failure" in run.results[0].xfail_reason
    problems = "\n".join(run.xfail_problems)
    assert "entry 1 (id 'kat-00[01]') now passes for kat-001: delete the entry" in problems
    assert "entry 2 (id 'gone-*') matches no case" in problems
    assert "entry 3 (id 'kat-002') expired on 2020-01-01" in problems
    assert run.exit_code == 1


def test_selection() -> None:
    cases = [rtc2_case("a-1"), rtc2_case("b-2")]
    cases.append(type(cases[0])(**{**cases[0].__dict__, "id": "c-3", "family": "rtc",
                                   "builder": "rtc.build_token_with_uid", "tags": ("uid",)}))
    ids = lambda sel: [c.id for c in select(cases, sel)]  # noqa: E731
    assert ids(Selection()) == ["a-1", "b-2", "c-3"]
    assert ids(Selection(families=("rtc",))) == ["c-3"]
    assert ids(Selection(builders=("rtc2.*",))) == ["a-1", "b-2"]
    assert ids(Selection(tags=("uid",))) == ["c-3"]
    assert ids(Selection(ids=("a-*", "c-*"))) == ["a-1", "c-3"]
    assert ids(Selection(families=("rtc2",), exclude=("b-*",))) == ["a-1"]
