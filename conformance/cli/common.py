"""Helpers shared by the subcommand modules: usage errors and the testee-selection options."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from conformance.paths import working_vectors_dir


def usage_error(command: str, message: str) -> int:
    """Print ``agora-conformance COMMAND: MESSAGE`` on stderr and return the usage exit code 2."""
    print(f"agora-conformance {command}: {message}", file=sys.stderr)
    return 2


def vectors_for(command: str, explicit: Path | None) -> Path:
    """The vector directory a maintainer command works on, announced on stderr."""
    directory, why = working_vectors_dir(explicit)
    print(f"agora-conformance {command}: vectors: {directory} ({why})", file=sys.stderr)
    return directory


def add_testee_options(group: Any, command_dest: str = "testee_command") -> None:
    """``--builder python:MODULE:OBJECT`` and ``--command "PROGRAM ARGS"`` on ``group`` (a
    parser, an argument group or a mutually exclusive group); ``--command`` is stored as
    ``command_dest``."""
    group.add_argument("--builder", metavar="python:MODULE:OBJECT",
                       help="an in-process Python builder object")
    group.add_argument("--command", metavar='"PROGRAM ARGS"', dest=command_dest,
                       help="a program speaking the JSON-lines testee protocol (no shell)")


def bad_seconds(args: argparse.Namespace, *names: str) -> str | None:
    """Why one of the options ``names`` (dests holding seconds) is unusable, or None: each must
    be a finite number above 0 (``nan`` would silently disable a check)."""
    for name in names:
        value = getattr(args, name, None)
        if value is not None and not (math.isfinite(value) and value > 0):
            option = "--" + name.replace("_", "-")
            return f"{option} {value:g}: must be a finite number of seconds above 0"
    return None


def write_outputs(command: str, outputs: Sequence[tuple[str | Path | None, Callable[[Path], None]]]
                  ) -> int:
    """Write every output whose path is given, each on its own (one that fails does not stop
    the others); a failure is one line naming the file. 0, or 2 when any failed."""
    code = 0
    for path, writer in outputs:
        if not path:
            continue
        try:
            writer(Path(path))
        except OSError as exc:
            code = usage_error(command, f"{path}: cannot write: {exc.strerror or exc}")
    return code
