"""Testee text made safe for a terminal, Markdown and comments: every control shown escaped."""

from __future__ import annotations

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` on one line with no terminal effect: control, format and separator characters
    (newlines, ANSI escapes, bidi overrides, ...) written as backslash escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def markdown_cell(text: str, limit: int = 200) -> str:
    """``text`` as the content of one Markdown table cell: printable, no table or HTML syntax."""
    safe = printable(text)[:limit]
    return (safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|"))
