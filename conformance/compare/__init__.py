"""Judging a testee against the cases: expected values, comparison, diagnosis, verdicts, runs.

The public door of the room; other rooms import only the names below. Inside, ``expected``
derives what a case expects, ``comparison`` turns one reply into a ``Verdict``, ``diagnosis``
names the likely causes of a difference, ``verdict`` holds ``Verdict`` and ``CaseResult``,
``xfail`` reads expected-failures files, and ``run`` runs cases through a testee.
"""

from conformance.compare.comparison import DEFAULT_WINDOW, Options, compare, identity_006
from conformance.compare.diagnosis import CATALOGUE, describe_cause
from conformance.compare.run import RunOptions, RunResult, plan, run_cases, run_implementation
from conformance.compare.verdict import CaseResult, Verdict
from conformance.compare.xfail import XfailEntry, XfailError, XfailFile, load_xfail

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
    "compare",
    "describe_cause",
    "identity_006",
    "load_xfail",
    "plan",
    "run_cases",
    "run_implementation",
]
