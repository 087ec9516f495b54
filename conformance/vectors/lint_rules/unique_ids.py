"""Rule `unique-ids`: case ids and aliases are unique across the whole vector set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError, duplicate_ids

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "unique-ids"
DESCRIPTION = "ids and aliases share one namespace; none is used twice"


def check(ctx: LintContext) -> Iterator[VectorError]:
    yield from duplicate_ids(ctx.valid_files)
