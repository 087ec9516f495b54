"""Each lint rule catches the problem it exists for (seeded into a scratch vector directory)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.vectors import lint
from conformance.vectors import regen as _regen

GOOD = """\
schema: agora-token-conformance/vectors/v1
family: rtc2
builder: rtc2.build_token_with_uid
source: generated
defaults:
  args:
    app_id: 970CA35de60c44645bbae8a215061b33
    app_certificate: 5CFd2fd1755d40ecb72977518be15d3b
    channel_name: c
    role: publisher
    token_expire: 600
  salt: 1
  now: 1111111
cases:
  - id: r-1
    description: uid 1
    args: {uid: 1}
  - id: r-2
    description: uid 2
    args: {uid: 2}
"""


def scratch(tmp: Path, text: str = GOOD) -> Path:
    credentials = Path(__file__).parents[3] / "vectors" / "_credentials.yaml"
    shutil.copy(credentials, tmp / "_credentials.yaml")
    (tmp / "f.yaml").write_text(text, encoding="utf-8")
    _regen.apply(tmp, _regen.plan(tmp))
    return tmp / "f.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(tmp: Path, rule: str) -> list[str]:
    return [str(p) for p in lint(tmp) if p.rule == rule]


def test_scratch_set_is_clean(tmp_path: Path) -> None:
    scratch(tmp_path)
    assert [str(p) for p in lint(tmp_path)] == []


# (rule, text seeded into the clean scratch file, what the first finding must name)
SEEDED = [
    pytest.param("schema", ("    description: uid 2\n", "    descriptoin: uid 2\n"),
                 "f.yaml: case r-2", id="schema"),
    pytest.param("duplicate-keys",
                 ("    args: {uid: 2}\n", "    args: {uid: 2}\n    args: {uid: 3}\n"),
                 "f.yaml: case r-2: field args: line", id="duplicate-keys"),
    pytest.param("builder-args", ("args: {uid: 2}", "args: {uid: 2, user_id: x}"),
                 "case r-2: field args.user_id", id="builder-args-unknown-parameter"),
    pytest.param("fake-credentials",
                 ("args: {uid: 2}", "args: {uid: 2, app_id: 1234567890abcdef1234567890abcdef}"),
                 "field args.app_id", id="fake-credentials"),
]


@pytest.mark.parametrize(("rule", "seeded", "named"), SEEDED)
def test_rule_names_the_seeded_problem(tmp_path: Path, rule: str, seeded: tuple[str, str],
                                       named: str) -> None:
    path = scratch(tmp_path)
    edit(path, *seeded)
    found = problems(tmp_path, rule)
    assert found and named in found[0]


def test_unique_ids(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "  - id: r-2\n", "  - id: r-1\n")
    assert any("already used" in p for p in problems(tmp_path, "unique-ids"))


def test_layout(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "    args: {uid: 2}\n", "")
    path.write_text(path.read_text(encoding="utf-8") + "    args: {uid: 2}\n", encoding="utf-8")
    found = problems(tmp_path, "layout")
    assert found and "case r-2: field expect" in found[0]


def test_family(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "family: rtc2\n", "family: rtm2\n")
    assert len(problems(tmp_path, "family")) == 3  # the default builder and both cases


def test_builder_args_unquoted_account(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "channel_name: c\n", "channel_name: 0\n")
    found = problems(tmp_path, "builder-args")
    assert len(found) == 2 and "field args.channel_name" in found[0]


def test_builder_args_unknown_builder(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "    description: uid 2\n",
         "    description: uid 2\n    builder: rtc2.build_token_with_uuid\n")
    assert any("unknown builder id" in p for p in problems(tmp_path, "builder-args"))


def test_fake_credentials_inside_a_token(tmp_path: Path) -> None:
    token = "006" + "1234567890abcdef1234567890abcdef" + "IACV0fZU"
    scratch(tmp_path, GOOD.replace("builder: rtc2.build_token_with_uid", "builder: token.decode")
            .replace("family: rtc2", "family: token")
            .replace("defaults:\n  args:\n    app_id: 970CA35de60c44645bbae8a215061b33\n"
                     "    app_certificate: 5CFd2fd1755d40ecb72977518be15d3b\n    channel_name: c\n"
                     "    role: publisher\n    token_expire: 600\n  salt: 1\n  now: 1111111\n", "")
            .replace("args: {uid: 1}", f"args: {{token: {token}}}")
            .replace("args: {uid: 2}", "args: {token: x}"))
    found = problems(tmp_path, "fake-credentials")
    assert found and "case r-1: field args.token" in found[0]


def test_reproduced(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    text = path.read_text(encoding="utf-8")
    edit(path, "      signature: \"", "      signature: \"00")
    assert text != path.read_text(encoding="utf-8")
    found = problems(tmp_path, "reproduced")
    assert found and "case r-1: field expect.signature" in found[0]


def test_manifest(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "# trailing comment\n", encoding="utf-8")
    assert problems(tmp_path, "manifest")


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scratch(tmp_path)
    assert main(["lint", "--vectors", str(tmp_path)]) == 0
    edit(path, "  - id: r-2\n", "  - id: r-1\n")
    assert main(["lint", "--vectors", str(tmp_path), "--rule", "unique-ids"]) == 1
    assert "[unique-ids] f.yaml: case r-1: field id:" in capsys.readouterr().out
    assert main(["lint", "--vectors", str(tmp_path), "--rule", "nope"]) == 2
    assert main(["lint", "--vectors", str(tmp_path / "missing")]) == 2


def test_yaml_syntax_error_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    scratch(tmp_path)
    (tmp_path / "g.yaml").write_text("cases: [\n", encoding="utf-8")
    found = [str(p) for p in lint(tmp_path)]
    assert len(found) == 1 and found[0].startswith("[load] g.yaml: line")


def test_id_ledger_deleted_case(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: r-2\n")], encoding="utf-8")
    found = problems(tmp_path, "id-ledger")
    assert found and "_ids.txt: case r-2:" in found[0] and "retired" in found[0]
    ledger = tmp_path / "_ids.txt"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("r-2\n", "r-2 retired\n"))
    assert problems(tmp_path, "id-ledger") == []
    assert "r-2 retired" in ledger.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")  # bring the retired id back
    found = problems(tmp_path, "id-ledger")
    assert found and "retired" in found[0] and "reused" in found[0]


def test_id_ledger_rename_with_alias(tmp_path: Path) -> None:
    path = scratch(tmp_path)
    edit(path, "  - id: r-2\n    description: uid 2\n",
         "  - id: r-two\n    aliases: [r-2]\n    description: uid 2\n")
    assert problems(tmp_path, "id-ledger") == [
        "[id-ledger] _ids.txt: case r-two: 1 id(s) not in the ledger; run `agora-conformance regen`"
    ]
    _regen.apply(tmp_path, _regen.plan(tmp_path))
    assert problems(tmp_path, "id-ledger") == []
    assert "r-2\nr-two\n" in (tmp_path / "_ids.txt").read_text(encoding="utf-8")
