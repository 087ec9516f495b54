"""``agora-conformance``: a thin dispatcher; each subcommand is a module of this package.

The public door of the room is ``main`` (the ``agora-conformance`` console script) and
``build_parser``; the subcommand modules import other rooms only through their doors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from conformance import __version__

# Each subcommand is the module of that name in this package, defining
# ``register(subparsers)``; heavy imports stay inside each command's handler.
COMMANDS: tuple[str, ...] = (
    "run", "inspect", "regen", "lint", "mutants", "matrix", "interop", "fuzz",
)

DESCRIPTION = """\
Conformance suite for ports of Agora's server-side token generators.

The default job, `agora-conformance run`, checks the bundled reference implementation
against every golden vector. Point it at your own port with --builder (a Python object)
or --command (any program speaking the JSON-lines testee protocol, docs/testee-protocol.md).

Exit codes: 0 success, 1 conformance failure or invalid token, 2 usage or data error.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agora-conformance",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


__all__ = ["COMMANDS", "build_parser", "main"]


if __name__ == "__main__":
    sys.exit(main())
