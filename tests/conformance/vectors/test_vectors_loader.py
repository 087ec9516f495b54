"""The vector loader: defaults, ids, digest, and one-line errors naming file, case and field."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conformance.vectors import VectorError, load_vectors

HEADER = """\
schema: agora-token-conformance/vectors/v1
family: rtc2
builder: rtc2.build_token_with_uid
source: generated
defaults:
  args: {app_id: 970CA35de60c44645bbae8a215061b33, channel_name: c}
  salt: 1
  now: 1111111
cases:
"""

CASE = """\
  - id: {id}
    description: d
    args: {{uid: 7}}
    expect:
      error: invalid_input
"""


def write(tmp: Path, name: str, body: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_are_merged_and_case_values_win(tmp_path: Path) -> None:
    second_case = (
        "  - id: a-2\n"
        "    description: own salt and channel\n"
        "    builder: rtc2.build_token_with_user_account\n"
        "    source: port-bugs:A3\n"
        "    tags: [x]\n"
        "    deviations: [D-01]\n"
        "    aliases: [a-old]\n"
        '    args: {channel_name: own, account: "0"}\n'
        "    salt: 9\n"
        "    now: null\n"
        '    expect: {token: t, fields: {version: "007"}}\n'
    )
    write(tmp_path, "g/a.yaml", HEADER + CASE.format(id="a-1") + second_case)
    vs = load_vectors(tmp_path)
    first, second = vs.cases
    assert first.args == {"app_id": "970CA35de60c44645bbae8a215061b33", "channel_name": "c",
                          "uid": 7}
    assert (first.salt, first.now, first.source, first.family) == (1, 1111111, "generated", "rtc2")
    assert first.expect.error == "invalid_input"
    assert second.args["channel_name"] == "own" and second.args["account"] == "0"
    assert (second.salt, second.now) == (9, None)
    assert second.builder == "rtc2.build_token_with_user_account"
    assert second.source == "port-bugs:A3"
    assert second.tags == ("x",) and second.deviations == ("D-01",)
    assert second.aliases == ("a-old",)
    assert second.expect.token == "t" and second.expect.fields == {"version": "007"}
    assert vs.by_id()["a-old"] is second
    assert [f.path for f in vs.files] == ["g/a.yaml"]
    assert first.file == "g/a.yaml"


def test_underscore_files_are_not_vectors(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEADER + CASE.format(id="a-1"))
    write(tmp_path, "_credentials.yaml", "credentials: []\n")
    assert [c.id for c in load_vectors(tmp_path).cases] == ["a-1"]


def test_digest_depends_on_content_and_path(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", HEADER + CASE.format(id="a-1"))
    first = load_vectors(tmp_path).digest
    assert first.startswith("sha256:") and len(first) == 71
    # docs/vector-format.md, "Manifest": sha256 over "path NUL file-sha256 LF" lines.
    line = f"a.yaml\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n"
    assert first == "sha256:" + hashlib.sha256(line.encode()).hexdigest()
    assert load_vectors(tmp_path).digest == first
    path.write_text(path.read_text() + "# a comment\n")
    second = load_vectors(tmp_path).digest
    assert second != first
    path.rename(tmp_path / "b.yaml")
    assert load_vectors(tmp_path).digest != second


def error_for(tmp: Path, body: str) -> VectorError:
    write(tmp, "f.yaml", body)
    with pytest.raises(VectorError) as info:
        load_vectors(tmp)
    error = info.value
    assert "\n" not in str(error)
    assert str(error).startswith("f.yaml")
    return error


def test_schema_error_names_file_case_and_field(tmp_path: Path) -> None:
    bad = CASE.format(id="a-1").replace("error: invalid_input", "error: nonsense")
    error = error_for(tmp_path, HEADER + bad)
    assert (error.file, error.case_id, error.field) == ("f.yaml", "a-1", "expect.error")
    assert "f.yaml: case a-1: field expect.error:" in str(error)


def test_missing_expect_is_reported(tmp_path: Path) -> None:
    error = error_for(tmp_path, HEADER + "  - id: a-1\n    description: d\n    args: {}\n")
    assert error.case_id == "a-1"
    assert "expect" in error.message


def test_unknown_case_key_is_reported(tmp_path: Path) -> None:
    error = error_for(tmp_path, HEADER + CASE.format(id="a-1") + "    sallt: 3\n")
    assert error.case_id == "a-1"
    assert "sallt" in error.message


def test_error_with_token_is_rejected(tmp_path: Path) -> None:
    body = HEADER + CASE.format(id="a-1") + "      token: x\n"
    assert error_for(tmp_path, body).field == "expect"


def test_wrong_schema_version(tmp_path: Path) -> None:
    body = (HEADER + CASE.format(id="a-1")).replace("vectors/v1", "vectors/v9")
    error = error_for(tmp_path, body)
    assert (error.case_id, error.field) == (None, "schema")


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, HEADER + "  - id: [unclosed\n")
    assert "line 11" in error.message


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", HEADER + CASE.format(id="a-1"))
    write(tmp_path, "b.yaml", HEADER + CASE.format(id="a-1"))
    with pytest.raises(VectorError) as info:
        load_vectors(tmp_path)
    assert (info.value.file, info.value.case_id, info.value.field) == ("b.yaml", "a-1", "id")
    assert "a.yaml" in info.value.message


def test_alias_may_not_reuse_an_id(tmp_path: Path) -> None:
    body = HEADER + CASE.format(id="a-1") + CASE.format(id="a-2") + "    aliases: [a-1]\n"
    write(tmp_path, "a.yaml", body)
    with pytest.raises(VectorError) as info:
        load_vectors(tmp_path)
    assert (info.value.case_id, info.value.field) == ("a-2", "aliases")


def test_without_validation_bad_values_pass_through(tmp_path: Path) -> None:
    bad = CASE.format(id="a-1").replace("error: invalid_input", "error: nonsense")
    write(tmp_path, "f.yaml", HEADER + bad)
    assert load_vectors(tmp_path, validate=False).cases[0].expect.error == "nonsense"


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(VectorError, match="not found"):
        load_vectors(tmp_path / "nope")


def test_bundled_set_loads() -> None:
    vs = load_vectors()
    assert vs.cases, "the bundled vector set is empty"


def test_schema_reason_codes_are_the_reference_reason_codes() -> None:
    import json

    from conformance.paths import schema_path
    from reference.errors import ReasonCode

    schema = json.loads(schema_path("vector-file.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["reason"]["enum"]) == {r.value for r in ReasonCode} | {
        "invalid_input"
    }


def test_schema_is_valid_draft_2020_12() -> None:
    import json

    import jsonschema

    from conformance.paths import schema_path

    schema = json.loads(schema_path("vector-file.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
