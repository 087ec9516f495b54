"""The registry of mutants: every entry of the ``bugs_*`` modules, checked and in id order.

It lives apart from ``base`` (which the entries import) so that no module imports one that
imports it back.
"""

from __future__ import annotations

from conformance.mutants import bugs_006, bugs_007, bugs_identity, bugs_upstream
from conformance.mutants.base import Mutant


def catalogue() -> tuple[Mutant, ...]:
    """Every mutant, in id order."""
    found = (*bugs_identity.MUTANTS, *bugs_007.MUTANTS, *bugs_006.MUTANTS,
             *bugs_upstream.MUTANTS)
    ids = [m.id for m in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate mutant ids: {', '.join(duplicates)}")
    return tuple(sorted(found, key=lambda m: m.id))
