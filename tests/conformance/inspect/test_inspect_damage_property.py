"""Property: any damage to a valid token of any family ends in exit 1 with a named reason.

Also: the reason catalogue, ``--help``, docs/inspect.md and the JSON Schema list the same codes,
and every JSON document inspect prints validates against the schema.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conformance.cli import main
from conformance.inspect import REASONS
from conformance.paths import schema_path
from reference import registry
from reference.decode import verify
from reference.errors import DecodeError

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
NOW = 1_767_225_600
ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads(schema_path("inspect-output.json").read_text())

# (token, the arguments that make the undamaged token valid)
TOKENS: list[tuple[str, list[str]]] = [
    (registry.build("rtc2.build_token_with_uid", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "room 1", "uid": 42,
        "role": "publisher", "token_expire": 3600, "privilege_expire": 600}, salt=7, now=NOW),
     []),
    (registry.build("rtm2.build_token", {"app_id": APP_ID, "app_certificate": CERT,
                                         "user_id": "bob", "expire": 600}, salt=9, now=NOW),
     []),
    (registry.build("rtc.build_token_with_uid", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "room1", "uid": 42,
        "role": "publisher", "privilege_expired_ts": NOW + 600}, salt=7, now=NOW),
     ["--channel-name", "room1", "--uid", "42"]),
    (registry.build("dynamic_key5.generate_media_channel_key", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "c", "unix_ts": NOW,
        "random_int": 5, "uid": 3, "expired_ts": NOW + 60}),
     ["--channel-name", "c", "--uid", "3"]),
    (registry.build("dynamic_key3.generate", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "c", "unix_ts": NOW,
        "random_int": 5, "uid": 3, "expired_ts": NOW + 60}),
     ["--channel-name", "c", "--uid", "3"]),
    (registry.build("signaling_token.generate", {
        "account": "acc", "app_id": APP_ID, "app_certificate": CERT, "expired_ts": NOW + 60}),
     ["--account", "acc"]),
]
ALPHABET = "ABCDEFabcdef0123456789+/=-_%: \n\"'"


def inspect_json(token: str, extra: list[str]) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["inspect", "--certificate", CERT, "--now", str(NOW), "--json", *extra,
                     "--", token])  # "--": a damaged token may start with "-"
    data = json.loads(out.getvalue())
    jsonschema.validate(data, SCHEMA)
    return code, data


@pytest.mark.parametrize("token, extra", TOKENS, ids=[t[:3] for t, _ in TOKENS])
def test_undamaged_tokens_are_valid(token: str, extra: list[str]) -> None:
    code, data = inspect_json(token, extra)
    assert code == 0 and data["valid"] is True and data["reasons"] == []


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    token, extra = draw(st.sampled_from(TOKENS))
    at = draw(st.integers(0, len(token)))
    char = draw(st.sampled_from(ALPHABET))
    kind = draw(st.sampled_from(["cut", "delete", "insert", "replace", "swapcase", "space",
                                 "percent", "quote", "wrap", "prefix"]))
    if kind == "cut":
        result = token[:at]
    elif kind == "delete":
        result = token[:at] + token[at + 1:]
    elif kind == "insert":
        result = token[:at] + char + token[at:]
    elif kind == "replace":
        result = token[:at] + char + token[at + 1:]
    elif kind == "swapcase":
        result = token[:at] + token[at:at + 1].swapcase() + token[at + 1:]
    elif kind == "space":
        result = token.replace("+", " ").replace("/", " ") + " " * (at % 2)
    elif kind == "percent":
        result = token.replace("+", "%2B").replace("=", "%3D").replace(":", "%3A") + "%0A"
    elif kind == "quote":
        result = f"'{token}'"
    elif kind == "wrap":
        result = token[:at] + "\r\n" + token[at:]
    else:
        result = token[at % 4:]
    return token, result, extra


def _equivalent(token: str, extra: list[str]) -> bool:
    """True for another spelling the reference itself accepts (a SignalingToken's signature
    hex in upper case): not damage."""
    args = dict(zip(extra[::2], extra[1::2], strict=True))
    who: int | str | None = args.get("--account")
    if "--uid" in args:
        who = int(args["--uid"])
    try:
        verify(token, CERT, now=NOW, channel_name=args.get("--channel-name"), uid=who)
    except DecodeError:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_any_damage_is_invalid_with_a_named_reason(case: tuple[str, str, list[str]]) -> None:
    token, broken, extra = case
    assume(broken != token and not _equivalent(broken, extra))
    code, data = inspect_json(broken, extra)
    assert code == 1, data
    assert data["valid"] is False and data["reason"] in REASONS
    assert REASONS[data["reason"]].severity.value == "invalid"
    assert data["detail"] and data["fix"]


def test_every_reason_code_is_documented() -> None:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        main(["inspect", "--help"])
    doc = (ROOT / "docs" / "inspect.md").read_text()
    for code in REASONS:
        assert code in out.getvalue(), code
        assert f"| `{code}` |" in doc, code
    assert SCHEMA["$defs"]["code"]["enum"] == list(REASONS)
    assert "docs/inspect.md" in (ROOT / "README.md").read_text()
