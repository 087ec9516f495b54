"""``MutantTestee``: one mutant served through the in-process builder interface."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.mutants.base import REFUSALS, Call, Mutant
from conformance.reference_testee import REFERENCE


class MutantTestee:
    """The in-process builder interface (docs/architecture.md) for one mutant: builds only."""

    def __init__(self, mutant: Mutant) -> None:
        self.mutant = mutant

    def describe(self) -> dict[str, Any]:
        described = REFERENCE.describe()
        m = self.mutant
        described["implementation"] = {
            "name": f"mutant {m.label}", "language": "python", "version": "0",
            "notes": f"{m.bug_class}: {m.deviation} ({m.origin})",
        }
        described["operations"] = ["build"]
        return described

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        if not self.mutant.applies_to(builder):
            return REFERENCE.build(builder, args, salt, now)
        try:
            with self.mutant.apply(Call(builder, args, salt, now)) as call:
                return REFERENCE.build(call.builder, call.args, call.salt, call.now)
        except REFUSALS:
            raise
        except Exception as exc:  # a bug in the mutant itself: never a kill (see the gate)
            return {"error": {"kind": "internal", "message": f"{type(exc).__name__}: {exc}"}}
