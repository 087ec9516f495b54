"""Times for people: UTC dates and "in 3h 2m" / "5m ago" spans relative to a clock."""

from __future__ import annotations

from datetime import datetime, timezone


def utc(ts: int) -> str:
    """``YYYY-MM-DD HH:MM:SS UTC`` for a UNIX time."""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def span(seconds: int) -> str:
    """``1d 2h 3m 4s`` for a non-negative number of seconds (``0s`` for zero)."""
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return " ".join(parts) or "0s"


def relative(ts: int, now: int) -> str:
    """``in 10m``, ``3h ago`` or ``now``."""
    delta = ts - now
    if delta == 0:
        return "now"
    return f"in {span(delta)}" if delta > 0 else f"{span(-delta)} ago"


def when(ts: int, now: int) -> str:
    """``2026-01-01 00:00:00 UTC (1767225600; in 2h)``."""
    return f"{utc(ts)} ({ts}; {relative(ts, now)})"
