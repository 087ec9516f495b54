"""Which builders a mutant reaches, derived from the reference's code paths and parameters.

A mutant *reaches* a builder when three things hold, none of them a hand-written builder list:

1. its ``builders`` patterns admit the builder (``*`` unless the bug is confined by
   construction, e.g. the SimpleTokenBuilder's own methods);
2. building the builder's cases with the *unpatched* reference runs a seam the mutant patches:
   a patched function, or a function that reads a patched constant (``sys.setprofile`` records
   the code objects each builder runs; a mutant that only rewrites arguments has no seam);
3. the bug can show in that builder: the builder takes a parameter named in the mutant's
   ``inputs`` (a parameter name or kind, e.g. ``text``: the bug needs text to show), or the
   mutant changes the builder's first case whatever its inputs (e.g. a wrong service order in
   a builder that always adds services out of order). A mutant without ``inputs`` relies on the
   second test alone; one with neither seam nor ``inputs`` reaches the builders where it
   rewrites the arguments of some case.
"""

from __future__ import annotations

import functools
import inspect
import sys
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from conformance.mutants import base
from conformance.mutants.base import Call, Mutant, Target
from conformance.mutants.testee import MutantTestee
from conformance.reference_testee import REFERENCE
from conformance.vectors import Case
from reference.registry import BUILDERS, build

Seam = object  # a code object, or a builtin the reference calls


def _module_codes(module: types.ModuleType) -> Iterator[types.CodeType]:
    """Every code object defined in ``module`` (functions, methods, nested functions)."""
    def walk(code: types.CodeType) -> Iterator[types.CodeType]:
        yield code
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                yield from walk(const)

    for value in vars(module).values():
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            yield from walk(value.__code__)
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            for member in vars(value).values():
                if inspect.isfunction(member):
                    yield from walk(member.__code__)


@functools.cache
def _seam(owner: object, name: str) -> frozenset[Seam]:
    original = getattr(owner, name)
    code = getattr(original, "__code__", None)
    if isinstance(code, types.CodeType):
        return frozenset({code})
    seams: set[Seam] = set()
    if callable(original) and not isinstance(original, type):
        seams.add(original)
    # a constant, a module or a builtin: the functions that read the name in its module, or
    # as an attribute of its module elsewhere in the reference (``access_token.TOKEN_LIFETIME``)
    module = owner if isinstance(owner, types.ModuleType) else sys.modules[owner.__module__]
    for reader in _reference_modules():
        aliases = {alias for alias, value in vars(reader).items() if value is module}
        seams.update(code for code in _module_codes(reader) if name in code.co_names
                     and (reader is module or aliases.intersection(code.co_names)))
    return frozenset(seams)


def _reference_modules() -> tuple[types.ModuleType, ...]:
    package = __import__("reference")
    prefix = package.__name__ + "."
    return tuple(m for key, m in sorted(sys.modules.items())
                 if key.startswith(prefix) and isinstance(m, types.ModuleType))


def seams_of(targets: Iterable[Target]) -> frozenset[Seam]:
    """The code a patch replaces: a patched function's code, a patched builtin itself, and
    the functions of the patched module that read a patched name (a constant, a module)."""
    return frozenset().union(*(_seam(owner, name) for owner, name, _ in targets))


def executed(cases: Iterable[Case]) -> dict[str, frozenset[Seam]]:
    """The code objects (and builtins) the unpatched reference runs, per builder."""
    runs: dict[str, set[Seam]] = {}
    for case in cases:
        seen = runs.setdefault(case.builder, set())

        def profile(frame: types.FrameType, event: str, arg: Any, seen: set[Seam] = seen
                    ) -> None:
            if event == "call":
                seen.add(frame.f_code)
            elif event == "c_call":
                seen.add(arg)

        sys.setprofile(profile)
        try:
            build(case.builder, case.args, salt=case.salt, now=case.now)
        except Exception:  # a refused build still ran its seams
            pass
        finally:
            sys.setprofile(None)
    return {builder: frozenset(seen) for builder, seen in runs.items()}


@contextmanager
def _recording() -> Iterator[list[Target]]:
    """Collect the targets every ``patched(...)`` is given while the block runs."""
    recorded: list[Target] = []
    previous = base.RECORDER
    base.RECORDER = recorded
    try:
        yield recorded
    finally:
        base.RECORDER = previous


def _probe(mutant: Mutant, case: Case) -> tuple[tuple[Target, ...], bool]:
    """The mutant's patch targets for ``case``, and whether it rewrites the case's arguments."""
    call = Call(case.builder, case.args, case.salt, case.now)
    try:
        with _recording() as recorded, mutant.apply(call) as rewritten:
            changed = dict(rewritten.args) != dict(call.args)
    except Exception:  # a mutant that crashes reaches the builder: the gate reports it broken
        return (), True
    return tuple(recorded), changed


def _changes_output(mutant: Mutant, case: Case) -> bool:
    def outcome(obj: Any) -> object:
        try:
            return obj.build(case.builder, case.args, case.salt, case.now)
        except Exception as exc:
            return type(exc)
    return outcome(MutantTestee(mutant)) != outcome(REFERENCE)


def _takes(builder: str, inputs: Sequence[str]) -> bool:
    return any(p.name in inputs or p.kind in inputs for p in BUILDERS[builder].params)


@dataclass(frozen=True)
class Reach:
    """The builders each mutant reaches, with the cases of every builder."""

    by_mutant: Mapping[str, tuple[str, ...]]
    cases: Mapping[str, tuple[Case, ...]]
    spared: Mapping[str, tuple[str, ...]]  # reached, but the bug cannot show (Mutant.spares)


def derive(mutants: Sequence[Mutant], cases: Sequence[Case]) -> Reach:
    """Derive the builders each mutant reaches from the build ``cases`` (see the module doc)."""
    by_builder: dict[str, list[Case]] = {}
    for case in cases:
        if case.builder in BUILDERS:
            by_builder.setdefault(case.builder, []).append(case)
    runs = executed(c for group in by_builder.values() for c in group)
    reached: dict[str, tuple[str, ...]] = {}
    spared: dict[str, tuple[str, ...]] = {}
    for mutant in mutants:
        builders: list[str] = []
        kept: list[str] = []
        for builder, group in by_builder.items():
            if not mutant.applies_to(builder):
                continue
            targets, _ = _probe(mutant, group[0])
            if targets:
                if not seams_of(targets) & runs.get(builder, frozenset()):
                    continue
            elif not _takes(builder, mutant.inputs) \
                    and not any(_probe(mutant, case)[1] for case in group):
                continue  # no seam, no input named, and no case whose arguments it rewrites
            if mutant.inputs and not _takes(builder, mutant.inputs) \
                    and not _changes_output(mutant, group[0]):
                continue
            (kept if mutant.spared(builder) else builders).append(builder)
        reached[mutant.id] = tuple(builders)
        spared[mutant.id] = tuple(kept)
    return Reach(reached, {b: tuple(g) for b, g in by_builder.items()}, spared)
