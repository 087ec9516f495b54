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
from reference._heap import keep_heap

# Each subcommand is the module of that name in this package, defining
# ``register(subparsers)``; heavy imports stay inside each command's handler.
COMMANDS: tuple[str, ...] = (
    "run", "diff", "inspect", "regen", "lint", "mutants", "matrix", "interop", "fuzz",
)

DESCRIPTION = """\
Conformance suite for ports of Agora's server-side token generators.

The default job, `agora-conformance run`, checks the bundled reference implementation
against every golden vector. Point it at your own port with --builder (a Python object)
or --command (any program speaking the JSON-lines testee protocol, docs/testee-protocol.md).

Exit codes: 0 success, 1 conformance failure or invalid token, 2 usage or data error.
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with the one named ``only``.

    Registering a subcommand imports its module, and each module imports the rooms its command
    uses: ``main`` registers only the command on the command line, so ``inspect`` never loads
    the vectors and ``run`` never loads the fuzzer (``--help`` and a mistyped command still get
    the full list).
    """
    parser = argparse.ArgumentParser(
        prog="agora-conformance",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # dest "subcommand": subcommands own the name "command" (--command PROGRAM).
    sub = parser.add_subparsers(dest="subcommand", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    keep_heap()
    # The command is the first word that is not an option (the top level has only -h and
    # --version, neither of which takes a value).
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.subcommand is None:
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


__all__ = ["COMMANDS", "build_parser", "main"]


if __name__ == "__main__":
    sys.exit(main())
