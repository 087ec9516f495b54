"""The requirement levels apart: passed of supported cases per level ("format 700/700")."""

from __future__ import annotations

from collections.abc import Mapping


def levels_text(level_totals: Mapping[str, Mapping[str, int]]) -> str:
    """``format 700/700, strictness 100/135``: per level, passed of supported cases (a
    strictness failure is still a failure; it is counted apart, never mixed with format)."""
    parts = []
    for level, counts in level_totals.items():
        supported = sum(counts.values()) - counts.get("unsupported", 0)
        parts.append(f"{level} {counts.get('pass', 0)}/{supported}")
    return ", ".join(parts) or "none"
