"""A small deterministic YAML emitter for machine-written ``expect:`` blocks (fixed style)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Keys that stay plain; anything else (e.g. privilege ids "1") is double-quoted.
_PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
# YAML 1.1 words a loader would turn into booleans or null.
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# A mapping or list of scalars rendered on one line when it fits in this many characters.
FLOW_LIMIT = 80
_UNSAFE = frozenset("\x85\u2028\u2029\ufeff")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def quote(text: str) -> str:
    """A YAML double-quoted scalar; non-printable characters as ``\\uXXXX``/``\\UXXXXXXXX``."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() and ch not in _UNSAFE and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def key(name: Any) -> str:
    """A mapping key: plain when it is a lower-case identifier, otherwise quoted."""
    text = str(name)
    if _PLAIN_KEY.match(text) and text not in _RESERVED:
        return text
    return quote(text)


def scalar(value: Any) -> str:
    """A scalar value: strings are always double-quoted, so they never change type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot emit {type(value).__name__} in an expect block")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, str))


def _flow(value: Any) -> str | None:
    """One-line form of an empty container or a container of scalars, if short enough."""
    if isinstance(value, Mapping):
        if not all(_is_scalar(v) for v in value.values()):
            return None
        text = "{" + ", ".join(f"{key(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, Sequence) and not isinstance(value, str):
        if not all(_is_scalar(v) for v in value):
            return None
        text = "[" + ", ".join(scalar(v) for v in value) + "]"
    else:
        return scalar(value)
    return text if len(text) <= FLOW_LIMIT or not value else None


def _mapping_lines(value: Mapping[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for k, v in value.items():
        flow = _flow(v)
        if flow is not None:
            lines.append(f"{pad}{key(k)}: {flow}")
        else:
            lines.append(f"{pad}{key(k)}:")
            lines.extend(_block_lines(v, indent + 2))
    return lines


def _block_lines(value: Any, indent: int) -> list[str]:
    if isinstance(value, Mapping):
        return _mapping_lines(value, indent)
    pad = " " * indent
    lines: list[str] = []
    for item in value:
        flow = _flow(item)
        if flow is not None:
            lines.append(f"{pad}- {flow}")
            continue
        inner = _block_lines(item, indent + 2)
        lines.append(f"{pad}- {inner[0].lstrip()}")
        lines.extend(inner[1:])
    return lines


def emit_mapping(value: Mapping[str, Any], indent: int) -> str:
    """Block-style text of a mapping at the given indentation, ending with a newline."""
    return "".join(line + "\n" for line in _mapping_lines(value, indent))
