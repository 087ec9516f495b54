"""`agora-conformance fuzz`: differential fuzzing of a testee against the reference."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from conformance.cli.common import add_testee_options, bad_seconds, usage_error
from conformance.output import printable
from conformance.testees import TesteeError, open_testee

EPILOG = """\
exit codes: 0 the testee agrees with the reference, 1 a difference was found (candidate
vectors written to --out), 2 usage error or a testee that cannot start.

examples:
  agora-conformance fuzz --command "node my-adapter.js" --examples 500
  agora-conformance fuzz --builder python:my_port.adapter:BUILDER --only rtc2.build_token_with_uid
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "fuzz",
        help="generate valid inputs for every builder the testee supports, compare its tokens "
             "with the reference's, shrink any difference and write it as a candidate vector",
        description="Hypothesis draws valid arguments (by parameter kind), a salt and a clock "
                    "for each builder the testee declares; the testee's answer is judged by the "
                    "runner's comparison against the reference. The first difference per builder "
                    "is shrunk to a minimal input and written to --out as a candidate vector "
                    "file (docs/vector-format.md).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_testee_options(parser.add_mutually_exclusive_group(required=True))
    parser.add_argument("--examples", type=int, default=100, metavar="N",
                        help="inputs tried per builder before giving up (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help="random seed: the same seed and testee give the same inputs")
    parser.add_argument("--only", action="append", metavar="BUILDER",
                        help="fuzz only this builder id (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-candidates"), metavar="DIR",
                        help="where candidate vector files go (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds per request (default: %(default)s)")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    # hypothesis takes ~0.4 s to import: only fuzzing pays for it.
    from conformance.differential import run_fuzz, write_candidates

    if args.examples < 1:
        return usage_error("fuzz", "--examples must be at least 1")
    problem = bad_seconds(args, "timeout")
    if problem:
        return usage_error("fuzz", problem)
    try:
        testee = open_testee(builder=args.builder, command=args.testee_command,
                             timeout=args.timeout)
        try:
            result = run_fuzz(testee, examples=args.examples, seed=args.seed, only=args.only)
        finally:
            testee.close()
    except TesteeError as exc:
        return usage_error("fuzz", str(exc))
    print(printable(f"fuzz: {result.testee}, seed {result.seed}, {result.examples} examples "
                    "per builder"))
    for builder, why in result.skipped.items():
        print(printable(f"  skipped {builder}: {why}"))
    print(f"  agree with the reference: {len(result.agreed)} builder(s)")
    try:
        paths = write_candidates(result, args.out)
    except OSError as exc:
        return usage_error("fuzz", f"{args.out}: cannot write: {exc.strerror or exc}")
    for finding, path in zip(result.findings, paths, strict=True):
        print(printable(f"  DIFFERENCE {finding.summary()}"))
        print(f"    candidate vector: {path}")
    return 1 if result.findings else 0
