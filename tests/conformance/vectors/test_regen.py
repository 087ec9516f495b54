"""regen: rewrites only machine-written expect blocks, byte-stable, keeps comments; --check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance.cli import main
from conformance.vectors import VectorError, emit_mapping, load_vectors, quote
from conformance.vectors import expect as _expect
from conformance.vectors import regen as _regen

# docs/formats.md section 10.1, KAT at2-rtc-uid: the reference must write exactly this token.
AT2_RTC_UID = (
    "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQx"
    "NDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbm"
    "xgDCaiTj"
)

SOURCE = """\
# A hand-written comment at the top.
schema: agora-token-conformance/vectors/v1
family: rtc2
builder: rtc2.build_token_with_uid
source: generated
defaults:
  args:
    app_id: 970CA35de60c44645bbae8a215061b33   # the standard fake app id
    app_certificate: 5CFd2fd1755d40ecb72977518be15d3b
    channel_name: 7d72365eb983485397e3e3f9d460bdda
  salt: 1
  now: 1111111
cases:
  # the worked example
  - id: t-kat
    description: the at2-rtc-uid worked example
    args: {uid: 2882341273, role: subscriber, token_expire: 600, privilege_expire: 600}
    expect:
      token: "stale value"   # this comment is inside the machine-written block
      fields: {version: "007"}

  # a refusal, written without expect (regen appends it)
  - id: t-refused
    description: uid 2^32 is refused
    args: {uid: 4294967296, role: publisher, token_expire: 600}
  # a hand-copied value regen never touches
  - id: t-hand
    description: copied by hand
    source: spec:docs/formats.md#at2-rtc-uid
    args: {uid: 2882341273, role: subscriber, token_expire: 600, privilege_expire: 600}
    expect:
      token: "hand-copied"
"""


def make(tmp: Path, text: str = SOURCE) -> Path:
    (tmp / "g").mkdir(exist_ok=True)
    path = tmp / "g" / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp: Path) -> None:
    _regen.apply(tmp, _regen.plan(tmp))


def test_regen_rewrites_only_owned_expect_blocks(tmp_path: Path) -> None:
    path = make(tmp_path)
    run(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A hand-written comment at the top.\n")
    assert "app_id: 970CA35de60c44645bbae8a215061b33   # the standard fake app id" in text
    assert "  # the worked example\n" in text
    assert "  # a refusal, written without expect (regen appends it)\n" in text
    assert "stale value" not in text
    assert 'token: "hand-copied"' in text  # spec: source is not regen's
    cases = {c.id: c for c in load_vectors(tmp_path).cases}
    assert cases["t-kat"].expect.token == AT2_RTC_UID
    assert cases["t-kat"].expect.payload is not None
    assert cases["t-kat"].expect.fields is not None
    assert cases["t-refused"].expect.error == "invalid_input"
    assert cases["t-hand"].expect.token == "hand-copied"
    assert (tmp_path / "manifest.json").is_file()


def test_regen_is_byte_identical_on_every_run(tmp_path: Path) -> None:
    path = make(tmp_path)
    run(tmp_path)
    first = path.read_bytes(), (tmp_path / "manifest.json").read_bytes()
    assert _regen.plan(tmp_path) == []
    run(tmp_path)
    assert (path.read_bytes(), (tmp_path / "manifest.json").read_bytes()) == first


def test_check_shows_a_diff_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(tmp_path)
    assert main(["regen", "--check", "--vectors", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "--- a/g/f.yaml" in out.out and "+++ b/g/f.yaml" in out.out
    assert '-      token: "stale value"' in out.out
    assert "out of date" in out.err
    assert main(["regen", "--vectors", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["regen", "--check", "--vectors", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_layout_violation_names_file_case_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = SOURCE.replace(
        '      fields: {version: "007"}\n',
        '      fields: {version: "007"}\n    tags: [late]\n',
    )
    make(tmp_path, bad)
    with pytest.raises(VectorError) as info:
        _regen.plan(tmp_path)
    error = info.value
    assert (error.file, error.case_id, error.field) == ("g/f.yaml", "t-kat", "expect")
    assert main(["regen", "--vectors", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "g/f.yaml: case t-kat: field expect:" in err and "Traceback" not in err


def test_case_not_starting_with_id_line_is_reported(tmp_path: Path) -> None:
    bad = SOURCE.replace("  - id: t-refused\n    description: uid 2^32 is refused\n",
                         "  - description: uid 2^32 is refused\n    id: t-refused\n")
    make(tmp_path, bad)
    with pytest.raises(VectorError) as info:
        _regen.plan(tmp_path)
    assert info.value.case_id == "t-refused"


@pytest.mark.parametrize("text", [
    "", "0", "yes", "null", "~", "1e3", "0x1f", " lead", "trail ", "a: b", "#x", "- x", "'q'",
    '"dq"', "back\\slash", "tab\there", "line\nbreak", "\x00\x01\x7f", "\u2028\u0085\ufeff",
    "中文🎉", "José", "{[,]}", "%@`!", "\U0001f600",
])
def test_quoted_strings_read_back_unchanged(text: str) -> None:
    assert yaml.safe_load(f"k: {quote(text)}") == {"k": text}
    assert yaml.load(f"k: {quote(text)}", Loader=yaml.CSafeLoader) == {"k": text}


def test_emitted_mapping_reads_back_unchanged() -> None:
    value = {
        "token": "007abc", "fields": {"version": "007", "privileges": {"1": 600, "yes": 2},
                                      "services": [{"type": 1, "resources": []}, {"t": None}],
                                      "nested": [[1, 2], {"on": True}]},
        "results": [None, False, "x"],
    }
    text = "expect:\n" + emit_mapping(value, 2)
    assert yaml.safe_load(text) == {"expect": value}


def test_reference_crash_names_the_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path)

    def boom(case: object) -> dict[str, object]:
        raise RuntimeError("bug")

    monkeypatch.setattr(_expect, "compute_expect", boom)
    with pytest.raises(VectorError) as info:
        _regen.plan(tmp_path)
    assert (info.value.file, info.value.case_id) == ("g/f.yaml", "t-kat")
    assert "RuntimeError: bug" in info.value.message
