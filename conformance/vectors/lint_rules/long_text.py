"""Rule `long-text`: a case written with repeated text expects the token, not its bytes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.expect import LONG_TEXT_OMITS
from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "long-text"
DESCRIPTION = ("a case whose args use {repeat, length} expects a token or an error, "
               "never payload or fields")


def check(ctx: LintContext) -> Iterator[VectorError]:
    for vf in ctx.valid_files:
        for case in vf.cases:
            if not case.repeated_text:
                continue
            expect = case.expect
            for name in LONG_TEXT_OMITS:
                if getattr(expect, name) is not None:
                    yield VectorError(vf.path, case.id, f"expect.{name}",
                                      "a case with repeated text expects the token only "
                                      "(its content is the inflated token)")
            if expect.token is None and expect.error is None:
                yield VectorError(vf.path, case.id, "expect",
                                  "a case with repeated text needs expect.token or expect.error")
