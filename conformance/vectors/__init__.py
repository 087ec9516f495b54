"""The golden vector set: what a case is, loading and validating it, lint, selection, regeneration.

The public door of the room; other rooms import only the names below. Inside, ``case`` is the
case model, ``load`` reads and validates the YAML, ``expect`` computes what the reference
expects, ``regen`` rewrites the files (with ``yaml_emit``, ``layout``, ``manifest`` and
``id_ledger``), ``selection`` picks cases, and ``lint_rules`` checks the set rule by rule.
"""

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
