"""Rule `family`: a file's family is that of its builders (one family per file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "family"
DESCRIPTION = "the file's family is the prefix of its default builder and of every case's builder"


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        family = vf.data["family"]
        default = vf.data["builder"]
        if default.split(".", 1)[0] != family:
            yield VectorError(vf.path, None, "builder",
                              f"default builder {default!r} is not in family {family!r}")
        for case in vf.cases:
            if case.family != family:
                yield VectorError(vf.path, case.id, "builder",
                                  f"builder {case.builder!r} is not in family {family!r}")
