"""The mutation gate: a catalogue of realistic port bugs the vectors must catch, and the gate.

The public door of the room; other rooms import only the names below. Inside, ``base`` says
what a mutant is, ``bugs_identity`` / ``bugs_007`` / ``bugs_006`` / ``bugs_upstream`` are the
entries, ``registry`` collects them (``catalogue()``), ``testee`` serves one as a builder,
``reach`` derives the builders each reaches, ``suspects`` orders the cases to try, and
``gate`` runs them all, builder by builder.
"""

from conformance.mutants.base import CLASSES, Call, Mutant, mutant
from conformance.mutants.gate import GateResult, MutantResult, run_gate, run_mutant
from conformance.mutants.registry import catalogue
from conformance.mutants.testee import MutantTestee

__all__ = [
    "CLASSES",
    "Call",
    "GateResult",
    "Mutant",
    "MutantResult",
    "MutantTestee",
    "catalogue",
    "mutant",
    "run_gate",
    "run_mutant",
]
