"""What every lint rule sees and reports: the parsed vector set and one finding.

Lint parses each file once, with :class:`KeyRecordingLoader` (the suite's loader, also noting
keys repeated in one mapping), and validates each file once (:attr:`LintContext.schema`); the
rules share both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from conformance.vectors.load import Loader, VectorError, VectorFile, schema_errors


class KeyRecordingLoader(Loader):  # type: ignore[misc]
    """The suite's YAML loader, noting ``(key, line)`` for every key a mapping repeats (the
    loaders keep the last value silently)."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.repeated: list[tuple[str, int]] = []

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                self.repeated.append((str(key), key_node.start_mark.line + 1))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Problem:
    """One lint finding: the rule and a one-line error naming file, case and field."""

    rule: str
    error: VectorError

    def __str__(self) -> str:
        return f"[{self.rule}] {self.error}"


@dataclass
class LintContext:
    """The parsed vector set as every rule sees it (parsed once, without schema checks)."""

    directory: Path
    files: tuple[VectorFile, ...] = field(default=())
    repeated_keys: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """Per file path: ``(key, line)`` of each key repeated in one mapping, in document order."""

    @cached_property
    def schema(self) -> dict[str, list[VectorError]]:
        """Per file path: its schema violations (each file is validated once per lint)."""
        return {vf.path: list(schema_errors(vf.data, vf.path)) for vf in self.files}

    @cached_property
    def valid_files(self) -> tuple[VectorFile, ...]:
        """Files without schema violations; rules other than ``schema`` look only at these."""
        return tuple(vf for vf in self.files if not self.schema[vf.path])
