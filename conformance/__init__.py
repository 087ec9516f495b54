"""Conformance runner for Agora token generators: vectors, testees, comparison, reports.

The package is cut into rooms, one responsibility each (docs/architecture.md, "Rooms"):
``vectors`` and ``protocol`` -> ``testees`` -> ``compare`` -> ``reports`` / ``mutants`` /
``differential``, with ``cli`` and ``pytest_plugin`` on top. Each room's ``__init__`` is
its public door.

The flat modules of the old layout (``conformance._compare``, ``conformance._run``, ...) are
deprecated: importing one still works, warns, and hands out its new home (``MOVED``).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

__version__ = "0.1.0"

# Old module (under ``conformance.``) -> where its names live now. A module split in two is
# served as one merged copy of the new modules' names.
MOVED: dict[str, tuple[str, ...]] = {
    "_case": ("vectors.case",), "_vectors": ("vectors.load",), "_select": ("vectors.selection",),
    "_vector_layout": ("vectors.layout",), "_manifest": ("vectors.manifest",),
    "_id_ledger": ("vectors.id_ledger",), "_yaml_emit": ("vectors.yaml_emit",),
    "_expect": ("vectors.expect",), "_regen": ("vectors.regen",),
    "lint_rules": ("vectors.lint_rules",),
    "_protocol": ("protocol.messages",), "_testee": ("testees.base", "testees.factory"),
    "_testee_inproc": ("testees.inproc",), "_testee_oneshot": ("testees.oneshot",),
    "_testee_subprocess": ("testees.persistent",), "_testee_pipes": ("testees.pipes",),
    "_implementations": ("testees.registry", "compare.run"),
    "_outcome": ("protocol.outcome", "compare.verdict"), "_expected": ("compare.expected",),
    "_compare": ("compare.comparison",), "_diagnose": ("compare.diagnosis",),
    "_xfail": ("compare.xfail",), "_run": ("compare.run",),
    "_report_console": ("reports.console",), "_report_json": ("reports.json_report",),
    "_report_junit": ("reports.junit",), "_report_markdown": ("reports.markdown",),
    "_matrix": ("reports.matrix",), "_inspect_format": ("reports.inspect_text",),
    "_mutants": ("mutants.base", "mutants.testee", "mutants.registry"),
    "_mutants_identity": ("mutants.bugs_identity",), "_mutants_007": ("mutants.bugs_007",),
    "_mutants_006": ("mutants.bugs_006",), "_mutation_gate": ("mutants.gate",),
    "_fuzz": ("differential.fuzz",), "_fuzz_strategies": ("differential.strategies",),
    "_interop": ("differential.interop",), "commands": ("cli",),
}


def _moved(name: str) -> tuple[str, ...] | None:
    """The new modules of a deprecated ``conformance.*`` name (sub-modules of a moved package
    such as ``conformance.commands.run`` or ``conformance.lint_rules.schema`` included)."""
    rest = name.removeprefix(f"{__name__}.")
    if rest == name:
        return None
    head, _, tail = rest.partition(".")
    new = MOVED.get(head)
    if new is None or (tail and len(new) != 1):
        return None
    return tuple(f"{__name__}.{n}" + (f".{tail}" if tail else "") for n in new)


class _MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves a deprecated module name: the new module itself, or a merged copy of several
    (the new modules are never touched: their ``__spec__`` stays theirs)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if _moved(fullname) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        """The default (empty) module; ``exec_module`` fills it or replaces it."""

    def exec_module(self, module: ModuleType) -> None:
        new = _moved(module.__name__) or ()
        warnings.warn(f"{module.__name__} is deprecated: import from {' / '.join(new)} (the "
                      "room's __init__ is its public door; docs/architecture.md)",
                      DeprecationWarning, stacklevel=2)
        modules = [importlib.import_module(n) for n in new]
        if len(modules) == 1:  # the import system hands out what sys.modules holds after this
            sys.modules[module.__name__] = modules[0]
            return
        module.__doc__ = modules[0].__doc__
        for source in modules:
            module.__dict__.update({k: v for k, v in vars(source).items()
                                    if not k.startswith("__")})

# First in line: otherwise the path finder would load ``conformance.commands.run`` a second
# time from the moved package's folder instead of handing out ``conformance.cli.run``.
if not any(isinstance(f, _MovedFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _MovedFinder())


def lazy_door(package: str, exports: dict[str, tuple[str, str]],
              namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A door's PEP 562 ``__getattr__``: import the module of ``package`` that defines a public
    name (``exports``: name -> (module, attribute)) when the name is first used, and keep it in
    the door's ``namespace``, so a command imports only the modules it touches."""

    def __getattr__(name: str) -> Any:
        try:
            module, attribute = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(f"{package}.{module}"), attribute)
        namespace[name] = value
        return value

    return __getattr__
