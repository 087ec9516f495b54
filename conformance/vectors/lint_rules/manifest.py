"""Rule `manifest`: vectors/manifest.json matches the vector files (run regen after edits)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.load import VectorError
from conformance.vectors.manifest import MANIFEST_NAME, manifest_text

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "manifest"
DESCRIPTION = "manifest.json holds the current digest, file hashes and case counts"


def check(ctx: LintContext) -> Iterator[VectorError]:
    path = ctx.directory / MANIFEST_NAME
    if not path.is_file():
        yield VectorError(MANIFEST_NAME, None, None, "missing; run `agora-conformance regen`")
        return
    if path.read_text(encoding="utf-8") != manifest_text(ctx.files):
        yield VectorError(MANIFEST_NAME, None, "digest",
                          "out of date with the vector files; run `agora-conformance regen`")
