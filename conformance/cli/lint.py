"""`agora-conformance lint`: check the vector files (schema, ids, layout, credentials, values)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error, vectors_for
from conformance.compare import XfailError, load_xfail
from conformance.vectors import RULE_MODULES, VectorError, lint, rule_modules, rule_names

EPILOG = """\
The vector directory is --vectors, else ./vectors when the current directory holds one,
else the bundled set; the first line on stderr names it. --xfail FILE checks an
expected-failures file instead: its syntax, and the TODO placeholders a baseline written by
`run --write-xfail` leaves until each entry has a reason and evidence.

exit codes: 0 clean, 1 problems found (one line each: file, case, field), 2 usage error.

examples:
  agora-conformance lint
  agora-conformance lint --rule schema --rule unique-ids
  agora-conformance lint --xfail adapters/my-port/expected-failures.yaml
"""


def register(sub: Any) -> None:
    rules = "\n".join(f"  {m.NAME:17} {m.DESCRIPTION}" for m in rule_modules())
    parser = sub.add_parser(
        "lint", help="check the golden vector files",
        description=f"Check a vector directory. Rules (docs/vector-format.md):\n{rules}",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--vectors", type=Path, default=None, metavar="DIR",
                        help="vector directory (default: ./vectors if it is one, else bundled)")
    parser.add_argument("--xfail", type=Path, metavar="FILE",
                        help="check this expected-failures file instead of the vectors")
    parser.add_argument("--rule", action="append", default=[], metavar="NAME",
                        help="run only this rule (repeatable)")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    known = set(rule_names())
    unknown = [r for r in args.rule if r not in known]
    if unknown:
        return usage_error("lint", f"unknown rule(s) {', '.join(unknown)}; "
                                   f"known: {', '.join(sorted(known))}")
    if args.xfail is not None:
        return _lint_xfail(args.xfail)
    if args.vectors is not None and not args.vectors.is_dir():
        return usage_error("lint", f"{args.vectors}: vector directory not found")
    try:
        problems = lint(vectors_for("lint", args.vectors), args.rule)
    except VectorError as exc:  # a file the rules rely on is unusable (_credentials.yaml, ...)
        return usage_error("lint", str(exc))
    for problem in problems:
        print(problem)
    ran = len(args.rule) or len(RULE_MODULES)
    if problems:
        print(f"lint: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"lint: clean ({ran} rules)", file=sys.stderr)
    return 0


def _lint_xfail(path: Path) -> int:
    try:
        placeholders = load_xfail(path).placeholders()
    except XfailError as exc:
        print(exc)
        return 1
    for line in placeholders:
        print(line)
    if placeholders:
        print(f"lint: {len(placeholders)} placeholder(s) in {path}", file=sys.stderr)
        return 1
    print(f"lint: {path} clean", file=sys.stderr)
    return 0
