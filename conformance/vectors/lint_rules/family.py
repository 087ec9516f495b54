"""Rule `family`: a file's family is that of its builders (one family per file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError, family_errors

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "family"
DESCRIPTION = "the file's family is the prefix of its default builder and of every case's builder"


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        yield from family_errors(vf)
