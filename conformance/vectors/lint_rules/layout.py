"""Rule `layout`: the text layout regen relies on (docs/vector-format.md, "Layout")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.layout import check_layout
from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "layout"
DESCRIPTION = "cases start with `  - id:`, keys indented 4, `expect:` last; file ends in a newline"


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        try:
            check_layout(vf.text, vf.path, [case.id for case in vf.cases])
        except VectorError as exc:
            yield exc
        if not vf.text.endswith("\n"):
            yield VectorError(vf.path, None, None, "the file does not end with a newline")
