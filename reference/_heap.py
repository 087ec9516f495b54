"""Keep zlib's freed deflate state in the heap instead of giving it back to the OS every token.

Each ``zlib.compress`` allocates about 256 KiB of deflate state and frees it on return. glibc
trims the top of the heap back to the OS whenever more than ``M_TRIM_THRESHOLD`` (128 KiB by
default) is free there, so a process that builds one 007 token at a time pays page faults on
every token and runs 2-3x slower than a microbenchmark (docs/performance.md §3.1). Raising
the threshold to 64 MiB keeps that memory for the next token. ``MALLOC_TRIM_THRESHOLD_`` in the
environment does the same and wins: this module then changes nothing. Elsewhere than glibc it
does nothing either.
"""

from __future__ import annotations

import os

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameter number
TRIM_THRESHOLD = 64 << 20

_state: list[str] = []


def keep_heap() -> str:
    """Set glibc's trim threshold once per process; says what was done (for benchmarks)."""
    if not _state:
        _state.append(_set_threshold())
    return _state[0]


def _set_threshold() -> str:
    if "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return f"MALLOC_TRIM_THRESHOLD_={os.environ['MALLOC_TRIM_THRESHOLD_']} (environment)"
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return "mallopt unavailable (not glibc): heap left as it is"
    if mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) != 1:
        return "mallopt(M_TRIM_THRESHOLD) refused: heap left as it is"
    return f"mallopt(M_TRIM_THRESHOLD, {TRIM_THRESHOLD})"
