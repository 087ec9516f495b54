"""Protocol messages: the hand-written validation agrees with the shipped JSON Schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conformance.compare import CATALOGUE
from conformance.paths import schema_path
from conformance.protocol import (
    ProtocolError,
    build_request,
    decode_line,
    decode_request,
    parse_answer,
    parse_hello,
    verify_request,
)
from conformance.reference_testee import HELLO, answer
from tests.conformance._runner_kat import AT1_TOKEN, AT2_TOKEN, at1_case, rtc2_case

SCHEMA = json.loads(schema_path("testee-protocol.json").read_text())
ROOT = Path(__file__).resolve().parents[3]


def validator(part: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{part}"})


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"].endswith("2020-12/schema")


def test_runner_requests_validate() -> None:
    case = rtc2_case()
    for request in (build_request(case.id, case.builder, case.args, 1, 1111111),
                    build_request(case.id, case.builder, case.args, None, None),
                    decode_request("d", AT2_TOKEN),
                    verify_request("v", {"token": AT1_TOKEN, "app_certificate": "c", "now": 5,
                                         "channel_name": "x", "uid": 0})):
        validator("request").validate(json.loads(request.line()))
    validator("request").validate({"op": "hello", "protocol": 1})
    validator("request").validate({"op": "stop"})


def reference_answers() -> list[tuple[str, dict[str, Any]]]:
    case = at1_case()
    out = [("hello", HELLO)]
    for op, request in (
        ("build", {"op": "build", "id": "b", "builder": case.builder, "args": dict(case.args),
                   "salt": 1, "now": None}),
        ("build", {"op": "build", "id": "r", "builder": case.builder,
                   "args": {**case.args, "uid": -1}, "salt": 1, "now": None}),
        ("decode", {"op": "decode", "id": "d", "token": AT2_TOKEN}),
        ("decode", {"op": "decode", "id": "e", "token": "007!!"}),
        ("verify", {"op": "verify", "id": "v", "token": AT2_TOKEN,
                    "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b", "now": 2**31}),
    ):
        reply = answer(request)
        assert reply is not None
        out.append((op, reply))
    return out


@pytest.mark.parametrize(("op", "message"), reference_answers())
def test_reference_answers_validate_and_parse(op: str, message: dict[str, Any]) -> None:
    validator("answer").validate(message)
    if op == "hello":
        assert "rtc2.build_token_with_uid" in parse_hello(message).builders
    else:
        assert parse_answer(message, op).id == message["id"]


@pytest.mark.parametrize(("message", "op"), [
    ({"id": "x"}, "build"),
    ({"token": "007"}, "build"),
    ({"id": "x", "token": 5}, "build"),
    ({"id": "x", "error": {"kind": "oops"}}, "build"),
    ({"id": "x", "fields": []}, "decode"),
    ({"id": "x", "valid": "yes"}, "verify"),
    ([1, 2], "build"),
])
def test_bad_answers_rejected_by_both(message: Any, op: str) -> None:
    with pytest.raises(ProtocolError):
        parse_answer(message, op)
    assert not validator("answer").is_valid(message)


@pytest.mark.parametrize("hello", [
    {"op": "hello", "protocol": 2, "implementation": {"name": "a", "language": "b",
                                                      "version": "c"}, "builders": []},
    {"op": "hello", "protocol": 1, "implementation": {"name": "a"}, "builders": []},
    {"op": "hello", "protocol": 1, "implementation": {"name": "a", "language": "b",
                                                      "version": "c"}},
    {"op": "hello", "protocol": 1, "implementation": {"name": "a", "language": "b",
                                                      "version": "c"}, "builders": [],
     "operations": ["decode"]},
])
def test_bad_hellos_rejected_by_both(hello: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError):
        parse_hello(hello)
    assert not validator("answer").is_valid(hello)


@pytest.mark.parametrize(("line", "words"), [
    (b"\xff\n", "not UTF-8"), (b"{\n", "not JSON"), (b'{"id": "a"}', "partial"),
])
def test_decode_line_errors(line: bytes, words: str) -> None:
    with pytest.raises(ProtocolError, match=words):
        decode_line(line)


def test_reference_server_one_shot_without_newline() -> None:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "conformance.reference_testee"],
                         input=b'{"op":"decode","id":"d","token":"' + AT2_TOKEN.encode() + b'"}',
                         capture_output=True, check=True).stdout
    assert json.loads(out)["fields"]["issue_ts"] == 1111111  # docs/formats.md section 10.1


def test_runner_doc_lists_every_cause() -> None:
    doc = (ROOT / "docs" / "runner.md").read_text(encoding="utf-8")
    assert all(f"`{cause}`" in doc for cause in CATALOGUE)
