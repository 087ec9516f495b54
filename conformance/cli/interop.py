"""`agora-conformance interop`: the N x M table of who can decode and verify whose tokens."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error, write_outputs
from conformance.differential import (
    INTEROP_WORKERS,
    REFERENCE,
    InteropResult,
    Participant,
    run_interop,
)
from conformance.differential import (
    interop_markdown as to_markdown,
)
from conformance.output import write_atomic
from conformance.testees import (
    RegistryError,
    Testee,
    load_not_driven,
    load_registry,
    open_testee,
)

DEFAULT_REGISTRY = Path("adapters") / "registry.yaml"


EPILOG = """\
exit codes: 0 every cell as expected, 1 an unexplained failure, 2 usage or registry error.

examples:
  agora-conformance interop                      # every implementation of adapters/registry.yaml
  agora-conformance interop --only node-agora-token --only go-upstream
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "interop",
        help="build a fixed set of tokens with every implementation and decode + verify each "
             "with every implementation that can parse; print a Markdown table",
        description="Rows: the implementation that built the token; columns: the one that "
                    "decoded and verified it. Implementations come from the adapter registry "
                    "(those whose toolchain is missing are listed as not run). Exit 1 when a "
                    "cell has a failure that is not an expected, explained exception.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY,
                        help="adapter registry file (default: %(default)s)")
    parser.add_argument("--only", action="append", metavar="NAME", default=None,
                        help="limit to these implementations (repeatable; the reference is "
                             "always included)")
    parser.add_argument("--parser", action="append", metavar="NAME", default=None,
                        help="columns: limit to these implementations (repeatable; default: "
                             "every one whose hello offers decode and verify, one per package)")
    parser.add_argument("--output", type=Path, metavar="FILE",
                        help="also write the Markdown table to FILE")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds per request (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=INTEROP_WORKERS, metavar="N",
                        help="implementations started, building and parsing at once "
                             "(default: %(default)s)")
    parser.set_defaults(func=_main)


def _starter(argv: list[str], timeout: float) -> Callable[[], Testee]:
    return lambda: open_testee(command=argv, timeout=timeout)


def participants(registry: Path, only: list[str] | None, timeout: float
                 ) -> tuple[list[Participant], dict[str, str]]:
    """The reference plus every registry implementation that can run here."""
    found = [Participant(REFERENCE, lambda: open_testee())]
    missing: dict[str, str] = {}
    for impl in load_registry(registry):
        if only is not None and impl.name not in only:
            continue
        why = impl.missing()
        if why:
            missing[impl.name] = why
            continue
        found.append(Participant(impl.name, _starter(impl.argv(), timeout), impl.package))
    if only is None:
        missing.update({port.name: port.reason for port in load_not_driven(registry)})
    return found, missing


def interop(registry: Path, only: list[str] | None = None, timeout: float = 30.0,
            parsers: list[str] | None = None, jobs: int = INTEROP_WORKERS) -> InteropResult:
    found, missing = participants(registry, only, timeout)
    result = run_interop(found, parsers=parsers, workers=jobs)
    result.skipped.update(missing)
    return result


def _main(args: argparse.Namespace) -> int:
    try:
        if args.jobs < 1:
            raise RegistryError(f"--jobs: expected a whole number of 1 or more, got {args.jobs}")
        result = interop(args.registry, args.only, args.timeout, args.parser, args.jobs)
    except RegistryError as exc:
        return usage_error("interop", str(exc))
    text = to_markdown(result)
    print(text, end="")
    written = write_outputs("interop", [(args.output, lambda p: write_atomic(p, text))])
    return written or (1 if result.unexpected() else 0)
