"""Judging a testee against the cases: expected values, comparison, diagnosis, verdicts, runs.

The public door of the room; other rooms import only the names below. Inside, ``expected``
derives what a case expects, ``comparison`` turns one reply into a ``Verdict``, ``diagnosis``
names the likely causes of a difference, ``verdict`` holds ``Verdict`` and ``CaseResult``,
``xfail`` reads expected-failures files, and ``run`` runs cases through a testee.

Names load on first use (PEP 562 ``__getattr__``): a command imports only the modules of this
room that it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import lazy_door

if TYPE_CHECKING:
    from conformance.compare.comparison import DEFAULT_WINDOW, Options, compare, identity_006
    from conformance.compare.diagnosis import CATALOGUE, describe_cause
    from conformance.compare.run import RunOptions, RunResult, plan, run_cases, run_implementation
    from conformance.compare.verdict import CaseResult, Verdict
    from conformance.compare.xfail import (
        XfailEntry,
        XfailError,
        XfailFile,
        baseline_text,
        load_xfail,
    )

# Public name -> (module of this room, attribute).
_EXPORTS: dict[str, tuple[str, str]] = {
    "DEFAULT_WINDOW": ("comparison", "DEFAULT_WINDOW"),
    "Options": ("comparison", "Options"),
    "compare": ("comparison", "compare"),
    "identity_006": ("comparison", "identity_006"),
    "CATALOGUE": ("diagnosis", "CATALOGUE"),
    "describe_cause": ("diagnosis", "describe_cause"),
    "RunOptions": ("run", "RunOptions"),
    "RunResult": ("run", "RunResult"),
    "plan": ("run", "plan"),
    "run_cases": ("run", "run_cases"),
    "run_implementation": ("run", "run_implementation"),
    "CaseResult": ("verdict", "CaseResult"),
    "Verdict": ("verdict", "Verdict"),
    "XfailEntry": ("xfail", "XfailEntry"),
    "XfailError": ("xfail", "XfailError"),
    "XfailFile": ("xfail", "XfailFile"),
    "baseline_text": ("xfail", "baseline_text"),
    "load_xfail": ("xfail", "load_xfail"),
}

__all__ = [
    "CATALOGUE",
    "DEFAULT_WINDOW",
    "CaseResult",
    "Options",
    "RunOptions",
    "RunResult",
    "Verdict",
    "XfailEntry",
    "XfailError",
    "XfailFile",
    "baseline_text",
    "compare",
    "describe_cause",
    "identity_006",
    "load_xfail",
    "plan",
    "run_cases",
    "run_implementation",
]


__getattr__ = lazy_door(__name__, _EXPORTS, globals())
