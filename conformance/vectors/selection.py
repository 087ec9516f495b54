"""Choose cases by family, builder id, tag and id pattern."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conformance.vectors.case import Case


def _any(patterns: Sequence[str], values: Iterable[str]) -> bool:
    values = list(values)
    return any(fnmatch.fnmatchcase(v, p) for p in patterns for v in values)


@dataclass(frozen=True)
class Selection:
    """Each list is OR-ed within itself and AND-ed with the others; empty lists select all.

    Families, builders and ids are fnmatch patterns; ids also match aliases.
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
        if self.ids and not _any(self.ids, names):
            return False
        return not (self.exclude and _any(self.exclude, names))


def select(cases: Iterable[Case], selection: Selection) -> list[Case]:
    return [case for case in cases if selection.accepts(case)]
