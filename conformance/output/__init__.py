"""Output made safe: all-or-nothing file writes, and testee text escaped before it is shown.

The public door of the room; other rooms import only the names below. Inside, ``atomic``
writes one file (temporary file, fsync, rename) or a whole tree (staged, then committed) so
that an interrupted write leaves the old content or the new, and ``text`` escapes control
characters for a terminal, a Markdown cell, a YAML comment or HTML.
"""

from conformance.output.atomic import recover, write_atomic, write_tree
from conformance.output.text import markdown_cell, printable

__all__ = ["markdown_cell", "printable", "recover", "write_atomic", "write_tree"]
