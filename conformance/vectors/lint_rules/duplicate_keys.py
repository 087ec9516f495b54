"""Rule `duplicate-keys`: no mapping repeats a key (YAML loaders silently keep the last one).

The keys come from lint's one parse (``KeyRecordingLoader`` in ``context``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "duplicate-keys"
DESCRIPTION = "no mapping repeats a key (a second `uid:` would silently win)"


def _case_at(text: str, line: int) -> str | None:
    case_id = None
    for n, row in enumerate(text.splitlines(), start=1):
        if n > line:
            break
        if row.startswith("  - id: "):
            case_id = row[len("  - id: "):].split("#", 1)[0].strip()
    return case_id


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.files:
        for key, line in ctx.repeated_keys.get(vf.path, [])[:1]:  # the first one per file
            yield VectorError(vf.path, _case_at(vf.text, line), key,
                              f"line {line}: key {key!r} appears twice in one mapping")
