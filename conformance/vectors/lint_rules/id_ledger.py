"""Rule `id-ledger`: a published id never disappears (alias or `retired`) and is never reused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance.vectors.id_ledger import LEDGER_NAME, read_ledger
from conformance.vectors.load import VectorError

if TYPE_CHECKING:
    from conformance.vectors.lint_rules.context import LintContext

NAME = "id-ledger"
DESCRIPTION = f"ids in {LEDGER_NAME} still exist (as id or alias) unless retired, never reused"


def check(ctx: LintContext) -> Iterator[VectorError]:
    ledger = read_ledger(ctx.directory)
    current: dict[str, str] = {}
    for vf in ctx.files:
        for case in vf.cases:
            for name in (case.id, *case.aliases):
                current[name] = vf.path
    for name, retired in ledger.items():
        if retired and name in current:
            yield VectorError(current[name], name, "id",
                              f"id {name!r} is retired in {LEDGER_NAME} and may not be reused")
        elif not retired and name not in current:
            yield VectorError(LEDGER_NAME, name, None,
                              "a published id is gone: keep it in the `aliases:` of the case "
                              "that replaces it, or mark it `retired` in the ledger")
    missing = sorted(set(current) - set(ledger))
    if missing:
        yield VectorError(LEDGER_NAME, missing[0], None,
                          f"{len(missing)} id(s) not in the ledger; run `agora-conformance regen`")
