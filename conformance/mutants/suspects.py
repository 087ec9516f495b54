"""The order in which a builder's cases are tried on a mutant: likely killers first.

The gate stops at a builder's first killer, so the order decides its speed, never its verdict
(a builder without a killer runs every case). First the cases that cite a bug the mutant
cites (``source: port-bugs:<ID>`` or ``deviations``, against the ids in the mutant's
``origin``), then those sharing most tags with the cases that caught it in other builders,
then file order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from conformance.mutants.base import Mutant
from conformance.vectors import Case

# A port-bugs catalogue row (A1..J9, docs/port-bugs.md section 2) or a deviation id (D-xx, S-xx).
_BUG_ID = re.compile(r"(?<![\w-])(?:[A-J]\d{1,2}|[DS]-\d{2})(?![\w-])")


def cited(text: str) -> frozenset[str]:
    """The bug and deviation ids named in ``text``."""
    return frozenset(_BUG_ID.findall(text))


def suspects(mutant: Mutant, cases: Sequence[Case], killer_tags: Counter[str]) -> list[Case]:
    """``cases`` in the order to try them on ``mutant`` (see the module doc)."""
    bugs = cited(mutant.origin)

    def rank(indexed: tuple[int, Case]) -> tuple[bool, int, int]:
        index, case = indexed
        own = cited(case.source) | frozenset(case.deviations)
        return (not own & bugs, -sum(killer_tags[t] for t in case.tags), index)
    return [case for _, case in sorted(enumerate(cases), key=rank)]
