"""Helpers shared by the subcommand modules: usage errors and the testee-selection options."""

from __future__ import annotations

import sys
from typing import Any


def usage_error(command: str, message: str) -> int:
    """Print ``agora-conformance COMMAND: MESSAGE`` on stderr and return the usage exit code 2."""
    print(f"agora-conformance {command}: {message}", file=sys.stderr)
    return 2


def add_testee_options(group: Any, command_dest: str = "command") -> None:
    """``--builder python:MODULE:OBJECT`` and ``--command "PROGRAM ARGS"`` on ``group`` (a
    parser, an argument group or a mutually exclusive group); ``--command`` is stored as
    ``command_dest``."""
    group.add_argument("--builder", metavar="python:MODULE:OBJECT",
                       help="an in-process Python builder object")
    group.add_argument("--command", metavar='"PROGRAM ARGS"', dest=command_dest,
                       help="a program speaking the JSON-lines testee protocol (no shell)")
