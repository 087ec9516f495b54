"""The golden vector set: what a case is, loading and validating it, lint, selection, regeneration.

The public door of the room; other rooms import only the names below. Inside, ``case`` is the
case model, ``load`` reads and validates the YAML, ``expect`` computes what the reference
expects, ``regen`` rewrites the files (with ``yaml_emit``, ``layout``, ``manifest`` and
``id_ledger``), ``selection`` picks cases, and ``lint_rules`` checks the set rule by rule.

Names load on first use (PEP 562 ``__getattr__``): a command imports only the modules of this
room that it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import lazy_door

if TYPE_CHECKING:
    from conformance.vectors.case import Case, Expect
    from conformance.vectors.expect import DECODE, VERIFY, compute_expect, ordered
    from conformance.vectors.lint_rules import (
        RULE_MODULES,
        LintContext,
        Problem,
        lint,
        rule_modules,
        rule_names,
    )
    from conformance.vectors.load import VectorError, VectorFile, VectorSet, load_vectors
    from conformance.vectors.regen import Change
    from conformance.vectors.regen import apply as apply_regen
    from conformance.vectors.regen import plan as plan_regen
    from conformance.vectors.selection import Selection, select
    from conformance.vectors.yaml_emit import emit_mapping, quote

# Public name -> (module of this room, attribute).
_EXPORTS: dict[str, tuple[str, str]] = {
    "Case": ("case", "Case"),
    "Expect": ("case", "Expect"),
    "DECODE": ("expect", "DECODE"),
    "VERIFY": ("expect", "VERIFY"),
    "compute_expect": ("expect", "compute_expect"),
    "ordered": ("expect", "ordered"),
    "RULE_MODULES": ("lint_rules", "RULE_MODULES"),
    "LintContext": ("lint_rules", "LintContext"),
    "Problem": ("lint_rules", "Problem"),
    "lint": ("lint_rules", "lint"),
    "rule_modules": ("lint_rules", "rule_modules"),
    "rule_names": ("lint_rules", "rule_names"),
    "VectorError": ("load", "VectorError"),
    "VectorFile": ("load", "VectorFile"),
    "VectorSet": ("load", "VectorSet"),
    "load_vectors": ("load", "load_vectors"),
    "Change": ("regen", "Change"),
    "apply_regen": ("regen", "apply"),
    "plan_regen": ("regen", "plan"),
    "Selection": ("selection", "Selection"),
    "select": ("selection", "select"),
    "emit_mapping": ("yaml_emit", "emit_mapping"),
    "quote": ("yaml_emit", "quote"),
}

__all__ = [
    "DECODE",
    "RULE_MODULES",
    "VERIFY",
    "Case",
    "Change",
    "Expect",
    "LintContext",
    "Problem",
    "Selection",
    "VectorError",
    "VectorFile",
    "VectorSet",
    "apply_regen",
    "compute_expect",
    "emit_mapping",
    "lint",
    "load_vectors",
    "ordered",
    "plan_regen",
    "quote",
    "rule_modules",
    "rule_names",
    "select",
]


__getattr__ = lazy_door(__name__, _EXPORTS, globals())
