"""The rooms of ``conformance/`` (docs/architecture.md, "Rooms"), checked on the import graph.

Every module under ``conformance/`` is parsed with ``ast``; an edge is any import of another
``conformance`` module, wherever it stands (function bodies and ``TYPE_CHECKING`` blocks
included). ``from package import name`` is an edge to ``package.name`` when that is a module,
else to the package (its ``__init__``). Executing a package's ``__init__`` before one of its
submodules is not counted as an edge: that is how every door re-exports its own room.

(a) no cycle among modules; (b) a module outside a package imports it only through its
``__init__`` (the public door), with no exception; (c) rooms import only rooms of a lower rank
(``RANKS``), never one of the same rank or higher; and every module belongs to a ranked room.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

import conformance

PACKAGE = Path(conformance.__file__).resolve().parent

# Rank of each top-level entry of conformance/ (data flows upwards: vectors -> testee ->
# compare -> reports). A room imports only rooms of a strictly lower rank.
RANKS: dict[str, int] = {
    "": 0, "paths": 0, "output": 0,  # "" is conformance/__init__ (the version, old paths)
    "vectors": 1, "protocol": 1, "inspect": 1,
    "testees": 2, "reference_testee": 2,
    "compare": 3,
    "reports": 4, "mutants": 4, "differential": 4,
    "cli": 5, "pytest_plugin": 5,
    "__main__": 6,
}
MAX_LINES = 400


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = ("conformance", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The ``conformance`` modules that ``name`` (at ``path``) imports."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {m for m in found if m in known and m != name}


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    mods = modules(root)
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def room(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def container(name: str) -> str:
    """The package a module or package sits in: only modules inside it may import ``name``."""
    return name.rsplit(".", 1)[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges[v]:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def door_violations(edges: dict[str, set[str]], packages: set[str]) -> list[str]:
    out = []
    for importer, targets in sorted(edges.items()):
        for target in sorted(targets):
            if target == "conformance":
                continue
            home = container(target)
            if not (importer == home or importer.startswith(home + ".")):
                door = home if home in packages else target
                out.append(f"{importer} imports {target}: outside {home}, use its door {door}")
    return out


def layer_violations(edges: dict[str, set[str]]) -> list[str]:
    out = []
    for importer, targets in sorted(edges.items()):
        for target in sorted(targets):
            a, b = room(importer), room(target)
            if a != b and RANKS[a] <= RANKS[b]:
                out.append(f"{importer} ({a or 'conformance'}, rank {RANKS[a]}) imports "
                           f"{target} ({b or 'conformance'}, rank {RANKS[b]})")
    return out


def packages_of(root: Path = PACKAGE) -> set[str]:
    return {module_name(p, root) for p in root.rglob("__init__.py")}


# ---------------------------------------------------------------- the checks


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_other_rooms_import_only_the_public_door() -> None:
    assert door_violations(graph(), packages_of()) == []


def test_rooms_import_only_lower_rooms() -> None:
    assert layer_violations(graph()) == []


def test_every_module_is_in_a_ranked_room() -> None:
    entries = {p.stem if p.suffix == ".py" else p.name for p in PACKAGE.iterdir()
               if p.name != "__pycache__"}
    assert entries - {"__init__"} == set(RANKS) - {""}


def test_each_room_door_says_its_responsibility_and_lists_its_names() -> None:
    for package in sorted(packages_of() - {"conformance"}):
        module = importlib.import_module(package)
        assert (module.__doc__ or "").strip(), f"{package}: no docstring"
        exported = getattr(module, "__all__", None)
        assert exported, f"{package}: no __all__"
        for name in exported:
            assert getattr(module, name, None) is not None, f"{package}.{name} is missing"


def test_modules_stay_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in modules().items()}
    assert {n: s for n, s in sizes.items() if s > MAX_LINES} == {}


# ---------------------------------------------------------------- the checks catch violations


def _seed(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "conformance"
    for rel, text in {"__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_seeded_cycle_is_found(tmp_path: Path) -> None:
    root = _seed(tmp_path, {
        "testees/__init__.py": "from conformance.testees.base import Testee\n",
        "testees/base.py": "from conformance.testees.factory import open_testee\n",
        "testees/factory.py": "from conformance.testees.base import Testee\n",
    })
    found = cycles({name: imports(name, path, set(modules(root)))
                    for name, path in modules(root).items()})
    assert found == [["conformance.testees.base", "conformance.testees.factory"]]


def test_a_seeded_back_door_and_upward_import_are_found(tmp_path: Path) -> None:
    root = _seed(tmp_path, {
        "vectors/__init__.py": "from conformance.vectors.load import load_vectors\n",
        "vectors/load.py": "from conformance.compare import compare\n",
        "compare/__init__.py": "from conformance.vectors.load import load_vectors\n",
    })
    mods = modules(root)
    edges = {name: imports(name, path, set(mods)) for name, path in mods.items()}
    assert door_violations(edges, packages_of(root)) == [
        "conformance.compare imports conformance.vectors.load: outside conformance.vectors, "
        "use its door conformance.vectors"]
    assert layer_violations(edges) == [
        "conformance.vectors.load (vectors, rank 1) imports conformance.compare "
        "(compare, rank 3)"]


# ---------------------------------------------------------------- the deprecated paths


@pytest.mark.parametrize("old", sorted(conformance.MOVED))
def test_old_module_paths_still_import_with_a_deprecation(old: str) -> None:
    sys.modules.pop(f"conformance.{old}", None)
    with pytest.warns(DeprecationWarning, match=f"conformance.{old} is deprecated"):
        module = importlib.import_module(f"conformance.{old}")
    new = [importlib.import_module(f"conformance.{n}") for n in conformance.MOVED[old]]
    for source in new:
        public = [k for k in vars(source) if not k.startswith("_")]
        assert all(getattr(module, k) is getattr(source, k) for k in public)


def test_nothing_in_the_repository_imports_an_old_path() -> None:
    repo = PACKAGE.parent
    old = {f"conformance.{o}" for o in conformance.MOVED}
    for folder in ("conformance", "tests", "bench", "adapters"):
        for path in sorted((repo / folder).rglob("*.py")):
            if "node_modules" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                else:
                    continue
                bad = [n for n in names if n in old or n.rsplit(".", 1)[0] in old]
                assert not bad, f"{path}: imports {bad}"
