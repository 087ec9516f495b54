"""Choose cases by family, builder id, tag and id pattern."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conformance.vectors.case import Case

WILDCARDS = frozenset("*?[")


def _any(patterns: Sequence[str], values: Iterable[str]) -> bool:
    values = list(values)
    return any(fnmatch.fnmatchcase(v, p) for p in patterns for v in values)


def _any_id(patterns: Sequence[str], names: Iterable[str]) -> bool:
    """pytest's ``-k``: a pattern without wildcards matches as a substring, else fnmatch."""
    names = list(names)
    return any(fnmatch.fnmatchcase(n, p) if WILDCARDS & set(p) else p in n
               for p in patterns for n in names)


@dataclass(frozen=True)
class Selection:
    """Each list is OR-ed within itself and AND-ed with the others; empty lists select all.

    Families and builders are fnmatch patterns; ids match like pytest's ``-k`` (a substring,
    or fnmatch when the pattern has a wildcard) and also match aliases.
    ``exclude`` patterns remove cases by id.
    """

    families: tuple[str, ...] = ()
    builders: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def accepts(self, case: Case) -> bool:
        if self.families and not _any(self.families, [case.family]):
            return False
        if self.builders and not _any(self.builders, [case.builder]):
            return False
        if self.tags and not set(self.tags) & set(case.tags):
            return False
        names = [case.id, *case.aliases]
        if self.ids and not _any_id(self.ids, names):
            return False
        return not (self.exclude and _any(self.exclude, names))


def select(cases: Iterable[Case], selection: Selection) -> list[Case]:
    return [case for case in cases if selection.accepts(case)]
