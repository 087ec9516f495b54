"""`vectors/_ids.txt`: every case id ever published, so ids are never dropped or reused."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

LEDGER_NAME = "_ids.txt"
RETIRED = "retired"
HEADER = (
    "# Every case id and alias ever published, one per line (append-only; regen adds new ids).\n"
    "# An id whose case is deleted stays here marked `retired` and is never used again;\n"
    "# a renamed case keeps its old id in `aliases:` instead.\n"
)


def parse_ledger(text: str) -> dict[str, bool]:
    """id -> retired?"""
    entries: dict[str, bool] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, mark = line.partition(" ")
        entries[name] = mark.strip() == RETIRED
    return entries


def read_ledger(directory: Path) -> dict[str, bool]:
    path = directory / LEDGER_NAME
    return parse_ledger(path.read_text(encoding="utf-8")) if path.is_file() else {}


def ledger_text(old: dict[str, bool], names: Iterable[str]) -> str:
    """The ledger after publishing ``names``: old entries kept, new ones added, sorted."""
    entries = dict(old)
    for name in names:
        entries.setdefault(name, False)
    lines = (f"{n} {RETIRED}" if entries[n] else n for n in sorted(entries))
    return HEADER + "".join(line + "\n" for line in lines)
