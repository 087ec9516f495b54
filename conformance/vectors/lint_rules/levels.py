"""Rule `levels`: every case states its requirement level, consistent with its expectation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.levels import derived_level
from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "levels"
DESCRIPTION = ("every case has a level (the file's `level:` or its own), and the level its "
               "expectation implies (a refused build: strictness; ...) is the one stated")


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        file_level = vf.data.get("level")
        for raw, case in zip(vf.data["cases"], vf.cases, strict=True):
            if not raw.get("level") and not file_level:
                yield VectorError(vf.path, case.id, "level", "no level: state `level:` "
                                  "(format or strictness) for the file or the case")
                continue
            derived = derived_level(case)
            if derived is not None and derived != case.level:
                field = "level" if raw.get("level") else "level (the file's default)"
                yield VectorError(vf.path, case.id, field,
                                  f"states {case.level} but the expectation makes it {derived} "
                                  "(docs/vector-format.md, Requirement levels)")
