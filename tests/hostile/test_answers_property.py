"""One bad answer costs one case: any JSON answer gets a verdict, and nothing raises.

Hypothesis draws answers of every shape (arbitrary JSON, and decoded fields with any field
replaced by arbitrary JSON); each goes through what the transports do (line decoding and
validation against the protocol) and then the comparison with the diagnosis.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.compare import Options, compare
from conformance.protocol import Answer, Failure, Outcome, ProtocolError, decode_line, parse_answer
from conformance.vectors import Case, load_vectors

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


def _sample_cases() -> list[Case]:
    """One case of every family, and decode and verify cases of every token version."""
    chosen: dict[str, Case] = {}
    for case in load_vectors().cases:
        key = case.family if case.family != "token" \
            else f"{case.builder}:{case.expect.error is None}:{str(case.args['token'])[:3]}"
        chosen.setdefault(key, case)
    return list(chosen.values())


CASES = _sample_cases()


def _decoded_like(case: Case) -> st.SearchStrategy[dict[str, Any]]:
    """The case's expected fields with some of them (services entries too) replaced."""
    base: dict[str, Any] = dict(case.expect.fields or {"services": [{"type": 1}]})
    keys = [*base, "services", "privileges", "signature"]
    return st.fixed_dictionaries({}, optional={k: json_values for k in keys}).map(
        lambda changes: {**base, **changes})


@st.composite
def answer_lines(draw: st.DrawFn, case: Case) -> bytes:
    body: dict[str, Any] = {"id": case.id}
    extra = draw(st.dictionaries(st.sampled_from(
        ["token", "fields", "results", "valid", "reason", "error"]), json_values, max_size=3))
    body.update(extra)
    if draw(st.booleans()):
        body["fields"] = draw(_decoded_like(case))
    if draw(st.booleans()):
        body["services_deep"] = draw(st.integers(1, 3000).map(lambda n: "[" * n + "]" * n))
    text = json.dumps(body)
    if "services_deep" in body:  # an answer nested that deep, as raw JSON
        text = text.replace(json.dumps(body["services_deep"]), body["services_deep"])
    return (text + "\n").encode()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_answer_gets_one_verdict_and_nothing_raises(case: Case, data: st.DataObject) -> None:
    line = data.draw(answer_lines(case))
    op = {"token.decode": "decode", "token.verify": "verify"}.get(case.builder, "build")
    try:
        reply: Answer | Failure = parse_answer(decode_line(line), op)
    except ProtocolError as exc:
        reply = Failure(Outcome.ERROR, f"garbage answer: {exc}")
    for verify in (False, True):
        verdict = compare(case, reply, Options(verify, 1111111.0))
        assert verdict.tier != "internal", verdict.detail  # the safety net was not needed
        assert isinstance(verdict.outcome, Outcome)
