"""Rule `duplicate-keys`: no mapping repeats a key (YAML loaders silently keep the last one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

from conformance.vectors.load import Loader, VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "duplicate-keys"
DESCRIPTION = "no mapping repeats a key (a second `uid:` would silently win)"


class _Duplicate(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


class _StrictLoader(Loader):  # type: ignore[misc]
    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Duplicate(str(key), key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


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
        try:
            yaml.load(vf.text, Loader=_StrictLoader)
        except _Duplicate as dup:
            yield VectorError(vf.path, _case_at(vf.text, dup.line), dup.key,
                              f"line {dup.line}: key {dup.key!r} appears twice in one mapping")
