"""Lint rule `property-gaps`: a builder without a vector for a property that another builder
of its token format tests is found (a gap seeded into a scratch vector directory)."""

from __future__ import annotations

from pathlib import Path

from conformance.vectors import regen as _regen
from tests.conformance.vectors.test_lint_rules import GOOD, edit, problems, scratch

# the scratch file of test_lint_rules, for the account builder
ACCOUNT = GOOD.split("cases:")[0].replace("rtc2.build_token_with_uid",
                                          "rtc2.build_token_with_user_account") + """cases:
  - id: a-1
    description: account a
    args: {account: a}
"""


def two_builders(tmp: Path) -> tuple[Path, Path]:
    uid_file = scratch(tmp)
    account_file = tmp / "g.yaml"
    account_file.write_text(ACCOUNT, encoding="utf-8")
    regen(tmp)
    return uid_file, account_file


def regen(tmp: Path) -> None:
    _regen.apply(tmp, _regen.plan(tmp))


def test_no_gap_when_no_builder_tests_the_property(tmp_path: Path) -> None:
    two_builders(tmp_path)
    assert problems(tmp_path, "property-gaps") == []


def test_seeded_gap_is_found_and_closed(tmp_path: Path) -> None:
    uid_file, account_file = two_builders(tmp_path)
    edit(uid_file, "args: {uid: 2}", "args: {uid: 2, channel_name: \"caf\u00e9\"}")
    regen(tmp_path)
    found = problems(tmp_path, "property-gaps")
    assert found == ["[property-gaps] g.yaml: field builder: rtc2.build_token_with_user_account "
                     "has no vector with non-ASCII text, which rtc2.build_token_with_uid (same "
                     "token format) tests: add one"]
    edit(account_file, "args: {account: a}", "args: {account: \"\u00e9\"}")
    regen(tmp_path)
    assert problems(tmp_path, "property-gaps") == []


def test_zero_expiry_and_short_uid(tmp_path: Path) -> None:
    uid_file, _ = two_builders(tmp_path)
    edit(uid_file, "args: {uid: 2}", "args: {uid: 2, token_expire: 0}")
    regen(tmp_path)
    found = problems(tmp_path, "property-gaps")
    # uid 1 and 2 are short uids, but the account builder takes no uid: only the expiry gap
    assert len(found) == 1 and "with a zero expiry" in found[0]


def test_a_refusal_does_not_count(tmp_path: Path) -> None:
    uid_file, _ = two_builders(tmp_path)
    edit(uid_file, "args: {uid: 2}", "args: {uid: 2, channel_name: {repeat: x, length: 65536}}")
    regen(tmp_path)  # 65,536 bytes is refused: no builder tests text over 1,024 bytes
    assert problems(tmp_path, "property-gaps") == []
    edit(uid_file, "length: 65536", "length: 2000")
    regen(tmp_path)
    found = problems(tmp_path, "property-gaps")
    assert len(found) == 1 and "with text over 1,024 bytes" in found[0]
