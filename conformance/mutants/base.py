"""What a mutant is: realistic port bugs as in-process builders over the patched reference.

Each :class:`Mutant` is one deviation from ``docs/port-bugs.md`` (catalogue rows, D-xx, S-xx)
applied to the reference *while one build runs*: a patch of the module attribute the reference
looks up at call time, a transformation of the builder's arguments, or both. Between builds the
reference is untouched, so the runner's comparison (which reuses reference code) is never
affected. The entries live in ``bugs_identity``, ``bugs_007``, ``bugs_006`` and
``bugs_upstream``, which import this module; ``registry`` collects them and ``testee`` serves
one as a builder.
"""

from __future__ import annotations

import fnmatch
import struct
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from typing import Any

from reference.errors import InvalidInput

CLASSES: tuple[str, ...] = (
    "uid rendering",
    "text encoding",
    "ordering",
    "duplicates",
    "field placement",
    "roles",
    "signature derivation",
    "compression and base64",
    "expiry semantics",
    "validation",
    "simple token builder",
    "legacy keys",
)
"""The bug classes of docs/port-bugs.md section 3 (plus the SimpleTokenBuilder and legacy keys)."""


@dataclass(frozen=True)
class Call:
    """One build request as the mutant receives it (and may rewrite before the reference)."""

    builder: str
    args: Mapping[str, Any]
    salt: int | None
    now: int | None

    def with_args(self, **changes: Any) -> Call:
        return replace(self, args={**self.args, **changes})


Apply = Callable[[Call], AbstractContextManager[Call]]
Target = tuple[object, str, object]  # (owner, attribute, replacement) for ``patched``
RECORDER: list[Target] | None = None
"""While a list, ``patched`` appends its targets to it (``reach`` reads the seams)."""

REFUSALS = (InvalidInput, ValueError, OverflowError, struct.error)
"""What a build may raise to refuse an input; anything else in a mutant is a mutant bug."""


@dataclass(frozen=True)
class Mutant:
    """One realistic port bug. ``apply`` wraps a single build; ``builders`` limits where it
    applies (fnmatch patterns over builder ids); ``inputs`` names the parameters (by name or
    kind) through which the bug shows, so a builder without them is not reached (see
    ``reach``); ``spares`` (patterns) names builders the seam reaches where the bug cannot
    show by construction, with the reason in ``spared_because``. A ``control`` mutant must
    *not* be killed."""

    id: str
    name: str
    bug_class: str
    deviation: str
    origin: str
    how: str
    apply: Apply
    builders: tuple[str, ...] = ("*",)
    control: bool = False
    inputs: tuple[str, ...] = ()
    spares: tuple[str, ...] = ()
    spared_because: str = ""

    @property
    def label(self) -> str:
        return f"{self.id} {self.name}"

    def applies_to(self, builder: str) -> bool:
        return any(fnmatch.fnmatchcase(builder, pattern) for pattern in self.builders)

    def spared(self, builder: str) -> bool:
        return any(fnmatch.fnmatchcase(builder, pattern) for pattern in self.spares)


def mutant(id: str, name: str, bug_class: str, deviation: str, origin: str, how: str, *,
           builders: tuple[str, ...] = ("*",), control: bool = False,
           inputs: tuple[str, ...] = (), spares: tuple[str, ...] = (),
           spared_because: str = "",
           ) -> Callable[[Callable[[Call], Iterator[Call]]], Mutant]:
    """Decorator turning a generator ``(call) -> yields call`` into a :class:`Mutant`."""
    if bug_class not in CLASSES:
        raise ValueError(f"{id}: unknown bug class {bug_class!r}")

    def wrap(fn: Callable[[Call], Iterator[Call]]) -> Mutant:
        return Mutant(id, name, bug_class, deviation, origin, how, contextmanager(fn),
                      builders, control, inputs, spares, spared_because)
    return wrap


@contextmanager
def patched(*targets: Target) -> Iterator[None]:
    """Set ``(owner, attribute, value)`` for the duration (plain setattr: ~1 us, no mock)."""
    if RECORDER is not None:
        RECORDER.extend(targets)
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in targets]
    try:
        for owner, name, value in targets:
            setattr(owner, name, value)
        yield
    finally:
        for owner, name, old in reversed(saved):
            setattr(owner, name, old)


def rebound(modules: tuple[object, ...], name: str, make: Callable[[Any], object]
            ) -> tuple[tuple[object, str, object], ...]:
    """Patch targets replacing ``name`` in every module that binds it (``make(original)``).

    A function imported with ``from x import f`` is looked up in the importing module, so
    the patch must land in each of them; the original is taken from the first module.
    """
    original = getattr(modules[0], name)
    value = make(original)
    return tuple((m, name, value) for m in modules if getattr(m, name, None) is original)


def substituted(modules: tuple[object, ...], replacements: Mapping[int, object]
                ) -> tuple[tuple[object, str, object], ...]:
    """Patch targets replacing every module attribute that *is* one of the originals.

    ``replacements`` maps ``id(original)`` to its replacement, so a seam keeps working
    whichever spelling the reference uses (``import zlib`` or ``from zlib import compress``).
    """
    return tuple((m, name, replacements[id(value)]) for m in modules
                 for name, value in list(vars(m).items()) if id(value) in replacements)
