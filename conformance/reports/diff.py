"""Compare two JSON run reports: the cases whose outcome changed between them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OK = frozenset({"pass", "xfail", "unsupported"})  # outcomes that do not fail a run


class ReportError(ValueError):
    """A file that is not a run report; the message names the file and the field."""


@dataclass(frozen=True)
class Change:
    case_id: str
    old: str  # outcome, or "absent"
    new: str

    @property
    def regression(self) -> bool:
        """The case fails a run now and did not before (a new case that fails counts too)."""
        return self.new not in OK and self.new != "absent" and self.old in OK | {"absent"}


def _outcomes(path: Path) -> dict[str, str]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read a JSON report: {exc}") from None
    cases = data.get("cases") if isinstance(data, Mapping) else None
    if not isinstance(cases, list) or not all(
            isinstance(c, Mapping) and isinstance(c.get("id"), str)
            and isinstance(c.get("outcome"), str) for c in cases):
        raise ReportError(f"{path}: field cases: expected a list of {{id, outcome}} "
                          "(a report of `agora-conformance run --report-json`)")
    return {c["id"]: c["outcome"] for c in cases}


def diff_reports(old: Path, new: Path) -> list[Change]:
    """Every case whose outcome differs, in the new report's order, then removed cases."""
    before, after = _outcomes(old), _outcomes(new)
    changes = [Change(i, before.get(i, "absent"), o) for i, o in after.items()
               if before.get(i, "absent") != o]
    changes += [Change(i, o, "absent") for i, o in before.items() if i not in after]
    return changes
