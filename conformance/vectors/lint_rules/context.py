"""What every lint rule sees and reports: the parsed vector set and one finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from conformance.vectors.load import VectorError, VectorFile, schema_errors


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

    @cached_property
    def valid_files(self) -> tuple[VectorFile, ...]:
        """Files without schema violations; rules other than ``schema`` look only at these."""
        return tuple(vf for vf in self.files if next(schema_errors(vf.data, vf.path), None) is None)
