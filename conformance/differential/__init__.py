"""Differential checks beyond the golden vectors: fuzzing a testee against the reference, and
tokens crossed between implementations (interop).

The public door of the room; other rooms import only the names below. Inside, ``strategies``
generates builder arguments, ``fuzz`` compares a testee with the reference on them and writes
candidate vectors, and ``interop`` has every parser decode and verify every builder's tokens.
The fuzz names load on first use: they import hypothesis (about 0.2 s), which the CLI's other
commands (``interop`` among them) never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conformance.differential.interop import (
    REFERENCE,
    InteropResult,
    Participant,
    run_interop,
)
from conformance.differential.interop import (
    WORKERS as INTEROP_WORKERS,
)
from conformance.differential.interop import to_markdown as interop_markdown

if TYPE_CHECKING:
    from conformance.differential.fuzz import FuzzResult, run_fuzz, write_candidates

_FUZZ = ("FuzzResult", "run_fuzz", "write_candidates")


def __getattr__(name: str) -> Any:
    if name in _FUZZ:
        from conformance.differential import fuzz

        return getattr(fuzz, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "INTEROP_WORKERS",
    "REFERENCE",
    "FuzzResult",
    "InteropResult",
    "Participant",
    "interop_markdown",
    "run_fuzz",
    "run_interop",
    "write_candidates",
]
