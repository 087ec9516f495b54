"""Expected-failures files: which cases of one implementation are known to fail, and why."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TODO = "TODO"  # the placeholder reason and evidence of a baseline (run --write-xfail)


class XfailError(ValueError):
    """An unusable expected-failures file; the message names the file, entry and field."""


@dataclass(frozen=True)
class XfailEntry:
    index: int  # 1-based position in the file
    pattern: str
    reason: str
    evidence: str
    expires: dt.date | None = None

    def matches(self, case_id: str) -> bool:
        return fnmatch.fnmatchcase(case_id, self.pattern)

    def label(self, path: str) -> str:
        return f"{path}: entry {self.index} (id {self.pattern!r})"


@dataclass(frozen=True)
class XfailFile:
    path: str
    entries: tuple[XfailEntry, ...]
    implementation: str = ""

    def match(self, case_id: str, aliases: Iterable[str] = ()) -> XfailEntry | None:
        for entry in self.entries:
            if entry.matches(case_id) or any(entry.matches(a) for a in aliases):
                return entry
        return None

    def placeholders(self) -> list[str]:
        """Entries whose reason or evidence is still the baseline's TODO (lint flags them)."""
        return [f"{entry.label(self.path)}: field {name}: still {TODO}: say why the case "
                "fails and link the evidence" for entry in self.entries
                for name, value in (("reason", entry.reason), ("evidence", entry.evidence))
                if value.strip() == TODO]

    def problems(
        self, known_ids: Iterable[str], passed: Mapping[XfailEntry, list[str]], today: dt.date
    ) -> list[str]:
        """Entries that fail the run: expired, matching no case, or matching passing cases."""
        ids = list(known_ids)
        out = []
        for entry in self.entries:
            where = entry.label(self.path)
            if entry.expires is not None and entry.expires < today:
                out.append(f"{where} expired on {entry.expires}: check whether the failure "
                           "remains, then extend 'expires' or delete the entry")
            if not any(entry.matches(i) for i in ids):
                out.append(f"{where} matches no case of the vector set: correct the pattern "
                           "or delete the entry")
            if passed.get(entry):
                names = ", ".join(passed[entry][:5]) + (" ..." if len(passed[entry]) > 5 else "")
                out.append(f"{where} now passes for {names}: delete the entry, or narrow its "
                           "pattern to the cases that still fail")
        return out


def _entry(raw: Any, index: int, path: str) -> XfailEntry:
    where = f"{path}: entry {index}"
    if not isinstance(raw, Mapping):
        raise XfailError(f"{where}: expected a mapping with id, reason, evidence[, expires]")
    unknown = set(raw) - {"id", "reason", "evidence", "expires"}
    if unknown:
        raise XfailError(f"{where}: field {sorted(unknown)[0]}: unknown field")
    for name in ("id", "reason", "evidence"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise XfailError(f"{where}: field {name}: required, a non-empty string")
    if raw["evidence"].strip() != TODO and not raw["evidence"].startswith(("https://",
                                                                          "http://")):
        raise XfailError(f"{where}: field evidence: must be a link (http:// or https://)")
    expires = raw.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            raise XfailError(f"{where}: field expires: not a YYYY-MM-DD date") from None
    if expires is not None and (not isinstance(expires, dt.date)
                                or isinstance(expires, dt.datetime)):
        raise XfailError(f"{where}: field expires: not a YYYY-MM-DD date (a date, no time)")
    return XfailEntry(index, raw["id"], raw["reason"], raw["evidence"], expires)


def parse_xfail(text: str, path: str) -> XfailFile:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise XfailError(f"{path}: not YAML: {str(exc).splitlines()[0]}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. expires: 2027-02-30
        raise XfailError(f"{path}: a value YAML cannot read ({exc}); a date such as "
                         "expires is YYYY-MM-DD") from None
    implementation = ""
    if isinstance(data, Mapping):
        implementation = str(data.get("implementation", ""))
        data = data.get("expected_failures")
    if data is None:
        data = []
    if not isinstance(data, list):
        raise XfailError(f"{path}: field expected_failures: expected a list of entries")
    entries = tuple(_entry(raw, i, path) for i, raw in enumerate(data, 1))
    return XfailFile(path, entries, implementation)


def baseline_text(implementation: str, case_ids: Iterable[str]) -> str:
    """An expected-failures file listing ``case_ids``, reason and evidence left as TODO."""
    entries = {"implementation": implementation,
               "expected_failures": [{"id": i, "reason": TODO, "evidence": TODO}
                                     for i in case_ids]}
    header = ("# Baseline written by `agora-conformance run --write-xfail`: replace every TODO\n"
              "# with the reason and a link to the evidence (`agora-conformance lint --xfail`).\n")
    return header + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=100)


def load_xfail(path: str | Path) -> XfailFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise XfailError(f"{path}: cannot read: {exc}") from None
    return parse_xfail(text, str(path))
