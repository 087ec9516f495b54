"""Switchable clock and salt for packages that read ``time.time()`` and ``secrets.SystemRandom()``.

Replaces the ``time`` and ``secrets`` globals of the given package modules (never the standard
library modules themselves) with one stand-in whose values are set per call: a plain attribute
write, far cheaper than unittest.mock (docs/performance.md section 3.2).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")


class Pinned:
    """``time()`` returns ``now`` and ``SystemRandom().randint()`` returns ``salt`` when set."""

    def __init__(self, *modules: ModuleType) -> None:
        self.now: int | None = None
        self.salt: int | None = None
        for module in modules:
            module.time = self  # type: ignore[attr-defined]
            module.secrets = self  # type: ignore[attr-defined]

    def time(self) -> float:
        return time.time() if self.now is None else self.now

    def SystemRandom(self) -> Pinned:
        return self

    def randint(self, low: int, high: int) -> int:
        return secrets.SystemRandom().randint(low, high) if self.salt is None else self.salt

    def call(self, salt: int | None, now: int | None, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` with the clock at ``now`` and the salt source returning ``salt``."""
        self.salt, self.now = salt, now
        try:
            return fn(*args)
        finally:
            self.salt = self.now = None
