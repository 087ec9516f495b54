"""`agora-conformance lint`: check the vector files (schema, ids, layout, credentials, values)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error
from conformance.vectors import RULE_MODULES, VectorError, lint, rule_modules, rule_names


def register(sub: Any) -> None:
    rules = "\n".join(f"  {m.NAME:17} {m.DESCRIPTION}" for m in rule_modules())
    parser = sub.add_parser(
        "lint", help="check the golden vector files",
        description=f"Check a vector directory. Rules (docs/vector-format.md):\n{rules}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--vectors", type=Path, default=None, metavar="DIR",
                        help="vector directory (default: the bundled set)")
    parser.add_argument("--rule", action="append", default=[], metavar="NAME",
                        help="run only this rule (repeatable)")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    known = set(rule_names())
    unknown = [r for r in args.rule if r not in known]
    if unknown:
        return usage_error("lint", f"unknown rule(s) {', '.join(unknown)}; "
                                   f"known: {', '.join(sorted(known))}")
    if args.vectors is not None and not args.vectors.is_dir():
        return usage_error("lint", f"{args.vectors}: vector directory not found")
    try:
        problems = lint(args.vectors, args.rule)
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
