"""Rule `schema`: every vector file validates against conformance/schemas/vector-file.json."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "schema"
DESCRIPTION = "every file validates against the vector-file JSON Schema"


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.files:
        yield from ctx.schema[vf.path]
