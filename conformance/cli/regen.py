"""`agora-conformance regen`: rewrite the generated expected values and the manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error, vectors_for
from conformance.paths import is_installed_package
from conformance.vectors import VectorError

HELP = """\
Recompute the expect: block of every generated vector (source `generated` or `port-bugs:...`)
with the reference, add new case ids to vectors/_ids.txt and rewrite vectors/manifest.json.
Only those blocks change: comments and all hand-written input keep their text. With --check
nothing is written: the differences are printed as a unified diff and the exit code is 1
when there are any.

The vector directory is --vectors, else ./vectors when the current directory holds one (a
clone of the repository), else the bundled set; the first line on stderr names it. regen
never writes into an installed package: vector maintainers work in a clone with
`pip install -e .`.

exit codes: 0 up to date (or rewritten), 1 --check found drift, 2 bad vectors or an
installed package as the target.

examples:
  agora-conformance regen --check          # the drift gate, in a clone
  agora-conformance regen                  # rewrite ./vectors from the reference
  agora-conformance regen --vectors my-vectors --check
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "regen", help="rewrite generated vectors from the reference (--check: show drift)",
        description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--vectors", type=Path, default=None, metavar="DIR",
                        help="vector directory (default: ./vectors if it is one, else bundled)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; print the diff and exit 1 if files would change")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    from conformance.vectors import apply_regen, plan_regen

    directory = vectors_for("regen", args.vectors)
    if not args.check and is_installed_package(directory):
        return usage_error("regen", f"{directory} is an installed package; regen never writes "
                           "there: clone the repository, `pip install -e .` in the clone and "
                           "run regen from its root")
    try:
        changes = plan_regen(directory)
    except VectorError as exc:
        return usage_error("regen", str(exc))
    if args.check:
        for change in changes:
            sys.stdout.write(change.diff())
        if changes:
            names = ", ".join(c.path for c in changes)
            print(f"regen --check: {len(changes)} file(s) out of date: {names}; "
                  "run `agora-conformance regen`", file=sys.stderr)
            return 1
        print("regen --check: vectors are up to date", file=sys.stderr)
        return 0
    try:
        apply_regen(directory, changes)
    except OSError as exc:
        where = exc.filename or directory
        return usage_error("regen", f"{where}: cannot write: {exc.strerror or exc}; "
                                    "nothing was changed")
    print(f"regen: {len(changes)} file(s) rewritten", file=sys.stderr)
    return 0
