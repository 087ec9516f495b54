"""`vectors/_ids.txt`: every case id ever published, so ids are never dropped or reused."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conformance.vectors.load import VectorError

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
    """The ledger of ``directory`` (empty when absent); ``VectorError`` when unreadable."""
    path = directory / LEDGER_NAME
    if not path.is_file():
        return {}
    try:
        return parse_ledger(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise VectorError(LEDGER_NAME, None, None,
                          f"not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except OSError as exc:
        raise VectorError(LEDGER_NAME, None, None, f"cannot read: {exc.strerror or exc}") from None


def ledger_text(old: dict[str, bool], names: Iterable[str]) -> str:
    """The ledger after publishing ``names``: old entries kept, new ones added, sorted."""
    entries = dict(old)
    for name in names:
        entries.setdefault(name, False)
    lines = (f"{n} {RETIRED}" if entries[n] else n for n in sorted(entries))
    return HEADER + "".join(line + "\n" for line in lines)
