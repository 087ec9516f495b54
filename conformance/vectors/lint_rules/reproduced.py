"""Rule `reproduced`: the reference reproduces every expected value of every case."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "reproduced"
DESCRIPTION = "the reference gives every expected value (007 tokens compared by payload)"


def check(ctx: LintContext) -> Iterator[VectorError]:
    from conformance.vectors.expect import mismatches, reference_expect

    for vf in ctx.valid_files:
        for case in vf.cases:
            try:
                actual = reference_expect(case)
            except VectorError as exc:  # a reference crash is a finding, not a lint crash
                yield exc
                continue
            for field, message in mismatches(case, actual):
                yield VectorError(vf.path, case.id, field, message)
