"""Vector lint rules, one module per rule (docs/vector-format.md, "Lint"); this door runs them.

The rules import ``context`` (what they check and report), never this registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

from conformance.paths import default_vectors_dir
from conformance.vectors.lint_rules.context import KeyRecordingLoader, LintContext, Problem
from conformance.vectors.load import (
    VectorError,
    VectorFile,
    parse_file,
    read_source,
    vector_paths,
)

# Rule modules in the order they run; each defines NAME, DESCRIPTION and check(ctx).
RULE_MODULES: tuple[str, ...] = (
    "schema", "duplicate_keys", "unique_ids", "layout", "family", "builder_args",
    "fake_credentials", "long_text", "levels", "property_gaps", "reproduced", "id_ledger",
    "manifest",
)


def rule_modules() -> list[ModuleType]:
    """Every rule module, in run order."""
    return [importlib.import_module(f"{__name__}.{name}") for name in RULE_MODULES]


def rule_names() -> list[str]:
    return [str(module.NAME) for module in rule_modules()]


def load_context(directory: Path | None = None) -> LintContext:
    """Parse every vector file once, noting repeated keys (a YAML syntax error raises
    ``VectorError``); the rules validate it through the context, once per file."""
    directory = Path(directory) if directory is not None else default_vectors_dir()
    if not directory.is_dir():
        raise VectorError(str(directory), None, None, "vector directory not found")
    files: list[VectorFile] = []
    repeated: dict[str, list[tuple[str, int]]] = {}
    for path in vector_paths(directory):
        rel, _, text = read_source(path, directory)
        loader = KeyRecordingLoader(text)
        files.append(parse_file(text, rel, path, validate=False, loader=loader))
        if loader.repeated:
            repeated[rel] = loader.repeated
    return LintContext(directory=directory, files=tuple(files), repeated_keys=repeated)


def run_rule(module: ModuleType, ctx: LintContext) -> Iterator[Problem]:
    for error in module.check(ctx):
        yield Problem(str(module.NAME), error)


def lint(directory: Path | None = None, only: Sequence[str] = ()) -> list[Problem]:
    """Every problem in a vector directory, rule by rule."""
    try:
        ctx = load_context(directory)
    except VectorError as exc:
        return [Problem("load", exc)]
    problems: list[Problem] = []
    for module in rule_modules():
        if not only or module.NAME in only:
            problems.extend(run_rule(module, ctx))
    return problems


__all__ = [
    "RULE_MODULES",
    "LintContext",
    "Problem",
    "lint",
    "load_context",
    "rule_modules",
    "rule_names",
    "run_rule",
]
