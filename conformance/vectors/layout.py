"""Where each case and its `expect:` block sit in a vector file (the layout regen edits)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from conformance.vectors.load import VectorError

_CASES = re.compile(r"^cases:\s*(#.*)?$")
_ITEM = re.compile(r"^  -( |$)")
_CASE_START = re.compile(r"^  - id: ([a-z0-9][a-z0-9._-]*)\s*(#.*)?$")
_EXPECT = re.compile(r"^    expect:")
_TOP_LEVEL = re.compile(r"^[^\s#]")

LAYOUT_HELP = (
    "generated cases must be laid out as `  - id: <id>` with keys indented 4 spaces and "
    "`expect:` as the last key (docs/vector-format.md, 'Layout')"
)


@dataclass(frozen=True)
class CaseSpan:
    """Line indices (0-based, end exclusive) of one case in the file text."""

    case_id: str
    start: int
    end: int  # after the last line that is neither blank nor a comment
    expect_start: int | None  # the ``    expect:`` line, if any; the block runs to ``end``


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def case_spans(lines: Sequence[str], rel: str, ids: Sequence[str] = ()) -> list[CaseSpan]:
    """Locate every case; raise :class:`VectorError` when the text does not follow the layout.

    ``ids`` (the ids the YAML parser found, in order) only improves the error messages.
    """
    try:
        first = next(i for i, line in enumerate(lines) if _CASES.match(line))
    except StopIteration:
        raise VectorError(rel, None, "cases", "no top-level `cases:` line") from None
    region_end = next(
        (i for i in range(first + 1, len(lines)) if _TOP_LEVEL.match(lines[i])), len(lines)
    )
    starts = [i for i in range(first + 1, region_end) if _ITEM.match(lines[i])]
    for n, i in enumerate(starts):
        if not _CASE_START.match(lines[i]):
            case_id = ids[n] if n < len(ids) else None
            raise VectorError(rel, case_id, "id", f"line {i + 1}: the case does not start with "
                              f"`  - id: <id>`; {LAYOUT_HELP}")
    spans: list[CaseSpan] = []
    for n, start in enumerate(starts):
        match = _CASE_START.match(lines[start])
        assert match is not None
        case_id = match.group(1)
        stop = starts[n + 1] if n + 1 < len(starts) else region_end
        end = start + 1
        for i in range(start + 1, stop):
            if not _is_filler(lines[i]):
                end = i + 1
        expect_start = next((i for i in range(start + 1, end) if _EXPECT.match(lines[i])), None)
        if expect_start is not None:
            for i in range(expect_start + 1, end):
                line = lines[i]
                if not _is_filler(line) and not line.startswith("      "):
                    raise VectorError(
                        rel, case_id, "expect", f"line {i + 1}: `expect:` is not the last key; "
                        + LAYOUT_HELP,
                    )
        spans.append(CaseSpan(case_id, start, end, expect_start))
    return spans


def check_layout(text: str, rel: str, ids: Sequence[str]) -> list[CaseSpan]:
    """Spans of the cases, checked against the ids the YAML parser found (same order)."""
    spans = case_spans(text.splitlines(keepends=True), rel, ids)
    found = [span.case_id for span in spans]
    if found != list(ids):
        missing = next((i for i in ids if i not in found), None)
        detail = f"case {missing!r} does not start with `  - id: {missing}`" if missing else ""
        raise VectorError(rel, missing, "id", f"{detail or 'case ids out of step'}; {LAYOUT_HELP}")
    return spans


def replace_expects(text: str, spans: Sequence[CaseSpan], blocks: dict[str, str]) -> str:
    """Text with each named case's expect block replaced by (or extended with) ``blocks[id]``."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        block = blocks.get(span.case_id)
        if block is None:
            continue
        begin = span.expect_start if span.expect_start is not None else span.end
        lines[begin : span.end] = ["    expect:\n", block]
    return "".join(lines)
