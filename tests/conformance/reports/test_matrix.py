"""The matrix renderer: verdict per cell, Markdown, self-contained HTML, README block update."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.protocol import Outcome
from conformance.reports import Row, group_of, replace_block
from conformance.reports.matrix import README_END, README_START, to_html, to_markdown, verdict


def _row() -> Row:
    row = Row("impl-a", "npm impl-a 1.0")
    for outcome in (Outcome.PASS, Outcome.PASS, Outcome.XFAIL):
        row.add("rtc2", outcome)
    row.add("chat2", Outcome.PASS)
    row.add("chat2", Outcome.UNSUPPORTED)
    row.add("apaas2", Outcome.FAIL)
    row.add("fpa2", Outcome.UNSUPPORTED)
    return row


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, "n/a"),
        ({Outcome.PASS: 3}, "pass"),
        ({Outcome.PASS: 3, Outcome.UNSUPPORTED: 1}, "pass"),
        ({Outcome.PASS: 3, Outcome.XFAIL: 1}, "xfail"),
        ({Outcome.XFAIL: 1, Outcome.CRASH: 1}, "fail"),
        ({Outcome.XPASS: 1}, "fail"),
        ({Outcome.TIMEOUT: 1}, "fail"),
        ({Outcome.UNSUPPORTED: 2}, "unsupported"),
    ],
)
def test_verdict_is_the_worst_outcome(counts: dict[Outcome, int], expected: str) -> None:
    assert verdict(Counter(counts)) == expected


def test_group_of_splits_token_operations() -> None:
    assert group_of("rtc2", "rtc2.build_token_with_uid") == "rtc2"
    assert group_of("token", "token.verify") == "token.verify"


def test_markdown_table_has_one_row_per_implementation() -> None:
    absent = Row("impl-b", "Go impl-b", note="skipped: go not found")
    text = to_markdown([_row(), absent], groups=["rtc2", "chat2", "apaas2", "fpa2", "rtm2"])
    lines = text.splitlines()
    assert lines[0] == "| implementation | rtc2 | chat2 | apaas2 | fpa2 | rtm2 | totals |"
    row_a = lines[2]
    assert "| ⚠️ 2/3 | ✅ 1/1 | ❌ 0/1 | — | · |" in row_a
    assert row_a.endswith("| 3 pass, 1 fail, 1 xfail, 2 unsupported |")
    assert "skipped: go not found" in lines[3]


def test_html_is_self_contained_and_escaped() -> None:
    row = _row()
    row.name = "<script>alert(1)</script>"
    page = to_html([row])
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert page.count("<tr>") == 2  # header + one implementation
    assert "✅ pass 1/1 (+1 unsupported)" in page and "⚠️ xfail 2/3" in page


def test_replace_block_keeps_the_rest_of_the_readme() -> None:
    readme = f"# Title\n\nintro\n{README_START}\nold table\n{README_END}\n\nmore\n"
    updated = replace_block(readme, "| new |\n")
    assert updated == f"# Title\n\nintro\n{README_START}\n| new |\n{README_END}\n\nmore\n"
    assert replace_block(updated, "| new |\n") == updated  # idempotent


def test_replace_block_without_markers_is_an_error() -> None:
    with pytest.raises(ValueError, match="matrix:start"):
        replace_block("# no markers\n", "x")


def _registry(tmp_path: Path, command: str) -> Path:
    (tmp_path / "adapters").mkdir()
    registry = tmp_path / "adapters" / "registry.yaml"
    registry.write_text(
        "implementations:\n"
        f"  - {{name: ref, package: the reference, command: '{command}',\n"
        "     expected_failures: adapters/none.yaml, requires: []}\n"
        "  - {name: absent, command: 'x', expected_failures: adapters/none.yaml,\n"
        "     requires: [no-such-toolchain-xyz]}\n"
        "not_driven:\n"
        "  - {name: up-cs, package: upstream csharp @ x, language: c#,\n"
        "     reason: 'no adapter: no .NET SDK here'}\n",
        encoding="utf-8",
    )
    return registry


def test_matrix_command_updates_the_readme_block(tmp_path: Path) -> None:
    registry = _registry(tmp_path, "{python} -m conformance.reference_testee")
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n{README_START}\nold\n{README_END}\ntail\n", encoding="utf-8")
    html_page = tmp_path / "m.html"
    code = main(["matrix", "--registry", str(registry), "--update-readme", str(readme),
                 "--html", str(html_page)])
    assert code == 0
    text = readme.read_text(encoding="utf-8")
    assert "old" not in text and text.endswith(f"{README_END}\ntail\n")
    ref_row = next(line for line in text.splitlines() if line.startswith("| **ref**"))
    assert "❌" not in ref_row and "✅" in ref_row  # the reference conforms
    assert "toolchain 'no-such-toolchain-xyz' not found" in text
    cs_row = next(line for line in text.splitlines() if line.startswith("| **up-cs**"))
    assert "(upstream csharp @ x)" in cs_row and "not run: no adapter: no .NET SDK here" in cs_row
    assert "✅" not in cs_row and "❌" not in cs_row  # no outcome pretended
    assert html_page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_matrix_command_reports_a_missing_registry(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", "--registry", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: cannot read" in capsys.readouterr().err
