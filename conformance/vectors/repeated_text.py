"""The compact notation for long text in ``args``: ``{repeat: "agora-", length: 65535}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REPEAT_KEYS = frozenset({"repeat", "length"})
MAX_LENGTH = 1 << 20  # the schema's bound too: a vector never needs more than 1 MiB of text


class RepeatError(ValueError):
    """A repeated-text value that cannot be materialized; ``field`` is its path in ``args``."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def is_repeat(value: Any) -> bool:
    """True for a mapping written in the notation: one with the key ``repeat`` (no builder
    argument has a key of that name)."""
    return isinstance(value, Mapping) and "repeat" in value


def repeated(unit: str, length: int) -> str:
    """``unit`` repeated and cut to exactly ``length`` UTF-8 bytes.

    Raises ``ValueError`` when the cut would split a character or the inputs are out of range.
    """
    if not isinstance(unit, str) or not unit:
        raise ValueError("repeat must be a non-empty string")
    if type(length) is not int or not 0 <= length <= MAX_LENGTH:
        raise ValueError(f"length must be an integer 0..{MAX_LENGTH}")
    raw = unit.encode("utf-8")
    whole = (raw * (length // len(raw) + 1))[:length]
    try:
        return whole.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{length} bytes of {unit!r} repeated ends inside a character; "
                         "choose a length on a character boundary") from None


def materialize(value: Any, path: str = "args") -> tuple[Any, bool]:
    """``value`` with every repeated-text mapping (at any depth) replaced by its text, and
    whether there was one. Raises :class:`RepeatError` naming the field of a bad one."""
    if is_repeat(value):
        if set(value) != REPEAT_KEYS:
            raise RepeatError(path, "repeated text takes exactly the keys repeat and length")
        try:
            return repeated(value["repeat"], value["length"]), True
        except ValueError as exc:
            raise RepeatError(path, str(exc)) from None
    if isinstance(value, Mapping):
        pairs = [(k, materialize(v, f"{path}.{k}")) for k, v in value.items()]
        if not any(used for _, (_, used) in pairs):
            return value, False
        return {k: v for k, (v, _) in pairs}, True
    if isinstance(value, list):
        items = [materialize(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if not any(used for _, used in items):
            return value, False
        return [v for v, _ in items], True
    return value, False
