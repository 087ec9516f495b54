"""The long-text notation ``{repeat, length}``: materialized by the loader, compact expect blocks
written by regen, and lint rule ``long-text``."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest

from conformance.vectors import VectorError, lint, load_vectors
from conformance.vectors.repeated_text import materialize, repeated
from tests.conformance.vectors.test_lint_rules import edit, problems, scratch

LONG = "args: {uid: 2, channel_name: {repeat: \"agora-\", length: 4096}}"


def test_repeated_cuts_to_the_byte() -> None:
    assert repeated("agora-", 14) == "agora-agora-ag"
    assert repeated("ab", 0) == ""
    assert len(repeated("频", 6).encode("utf-8")) == 6  # two characters of three bytes each


def test_a_cut_inside_a_character_is_refused() -> None:
    with pytest.raises(ValueError, match="inside a character"):
        repeated("频", 4)


def test_materialize_reaches_nested_services_and_says_so() -> None:
    args = {"expire": 600, "services": [{"type": 1, "channel_name": {"repeat": "x",
                                                                      "length": 3}}]}
    value, used = materialize(args)
    assert used and value["services"][0]["channel_name"] == "xxx"
    assert materialize({"uid": 1}) == ({"uid": 1}, False)


def test_loader_materializes_and_names_the_field_of_a_bad_cut(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "args: {uid: 2}", LONG)
    case = load_vectors(tmp_path, validate=False).by_id()["r-2"]
    assert case.repeated_text and case.args["channel_name"] == ("agora-" * 683)[:4096]
    edit(path, "length: 4096", 'length: 4}, account: {repeat: "频", length: 4')
    with pytest.raises(VectorError, match=r"f.yaml: case r-2: field args.account: .*character"):
        load_vectors(tmp_path, validate=False)


def test_regen_writes_the_token_only_and_lint_accepts_it(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "args: {uid: 2}", LONG)
    scratch(tmp_path, path.read_text(encoding="utf-8"))  # regen again with the long text
    block = path.read_text(encoding="utf-8").split("id: r-2", 1)[1]
    assert "token:" in block and "signature:" in block
    assert "payload:" not in block and "fields:" not in block
    assert [str(p) for p in lint(tmp_path)] == []
    # the token alone holds the whole content: a 4,096-byte channel, built by hand here
    token = block.split('token: "', 1)[1].split('"', 1)[0]
    content = zlib.decompress(base64.b64decode(token[3:]))
    assert ("agora-" * 683)[:4096].encode() in content


def test_long_text_rule_names_a_payload_in_the_compact_form(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "args: {uid: 2}", LONG)
    scratch(tmp_path, path.read_text(encoding="utf-8"))
    head, tail = path.read_text(encoding="utf-8").rsplit("      signature: ", 1)
    path.write_text(f"{head}      payload: \"00\"\n      signature: {tail}", encoding="utf-8")
    found = problems(tmp_path, "long-text")
    assert found and "case r-2: field expect.payload" in found[0]


def test_a_half_written_notation_is_named_by_file_case_and_field(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "args: {uid: 2}", "args: {uid: 2, channel_name: {repeat: x}}")
    found = [str(p) for p in lint(tmp_path)]
    assert found and "f.yaml: case r-2: field args.channel_name: repeated text takes" in found[0]


def test_the_schema_checks_the_notation_at_the_top_of_args() -> None:
    from conformance.vectors.load import schema_errors

    data = {"schema": "agora-token-conformance/vectors/v1", "family": "rtc2",
            "builder": "rtc2.build_token_with_uid", "source": "generated",
            "cases": [{"id": "a", "description": "d", "expect": {"error": "invalid_input"},
                       "args": {"channel_name": {"repeat": "", "length": 3}}}]}
    found = [str(e) for e in schema_errors(data, "f.yaml")]
    assert found and "f.yaml: case a: field args.channel_name.repeat" in found[0]
