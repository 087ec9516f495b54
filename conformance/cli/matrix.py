"""`agora-conformance matrix`: run every registered implementation and tabulate the outcomes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conformance.cli.common import bad_seconds, usage_error, write_outputs
from conformance.compare import XfailError, run_implementation
from conformance.output import write_atomic
from conformance.reports import (
    Row,
    group_of,
    replace_block,
)
from conformance.reports import (
    matrix_html as to_html,
)
from conformance.reports import (
    matrix_markdown as to_markdown,
)
from conformance.testees import RegistryError, TesteeError, load_not_driven, load_registry
from conformance.vectors import VectorError, load_vectors

HELP = """\
Run every implementation of the adapter registry (adapters/registry.yaml) against the golden
vectors, with its expected-failures file, and print a Markdown table of implementations
against builder groups: pass, fail, xfail (a documented discrepancy) or unsupported.
Implementations whose toolchain is missing get an empty row naming what is missing, and so
do the ports the registry lists under `not_driven` (no adapter: no toolchain for them).
"""


EPILOG = """\
exit codes: 0 the table was produced, 2 usage or registry error (a failing implementation
is a row of the table, not an error).

examples:
  agora-conformance matrix                                 # Markdown on stdout
  agora-conformance matrix --update-readme README.md --html matrix.html
"""


def register(sub: Any) -> None:
    parser = sub.add_parser("matrix", help="conformance matrix of the registered implementations",
                            description=HELP, epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", default="adapters/registry.yaml",
                        help="adapter registry (default: %(default)s)")
    parser.add_argument("--vectors", type=Path, default=None,
                        help="vector directory (default: the bundled vectors)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this implementation (repeatable)")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="write the Markdown table to FILE instead of stdout")
    parser.add_argument("--html", type=Path, metavar="FILE",
                        help="also write a self-contained HTML page")
    parser.add_argument("--update-readme", type=Path, metavar="FILE", action="append",
                        default=[], help="replace the block between <!-- matrix:start --> and "
                                         "<!-- matrix:end --> in FILE (repeatable)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case")
    parser.set_defaults(func=_main)


def _rows(args: argparse.Namespace) -> tuple[list[Row], list[str]]:
    impls = load_registry(args.registry)
    unknown = set(args.only) - {i.name for i in impls}
    if unknown:
        raise RegistryError(f"{args.registry}: no implementation named {sorted(unknown)[0]!r}")
    vectors = load_vectors(args.vectors)
    groups = list(dict.fromkeys(group_of(c.family, c.builder) for c in vectors.cases))
    rows = []
    for impl in impls:
        if args.only and impl.name not in args.only:
            continue
        row = Row(impl.name, impl.package)
        missing = impl.missing()
        if missing:
            row.note = f"not run: {missing}"
            print(f"matrix: {row.note}", file=sys.stderr)
            rows.append(row)
            continue
        print(f"matrix: running {impl.name} ...", file=sys.stderr)
        run = run_implementation(impl, vectors, timeout=args.timeout)
        if run.testee_error:
            row.note = f"testee unusable: {run.testee_error}"
        for result in run.results:
            row.add(group_of(result.family, result.builder), result.outcome)
        rows.append(row)
    if not args.only:
        rows += [Row(port.name, port.package, note=f"not run: {port.reason}")
                 for port in load_not_driven(args.registry)]
    return rows, groups


def _main(args: argparse.Namespace) -> int:
    problem = bad_seconds(args, "timeout")
    if problem:
        return usage_error("matrix", problem)
    try:
        rows, groups = _rows(args)
    except (RegistryError, VectorError, XfailError, TesteeError) as exc:
        return usage_error("matrix", str(exc))
    markdown = to_markdown(rows, groups)
    if not args.markdown and not args.update_readme:
        sys.stdout.write(markdown)
    outputs: list[tuple[Path | None, Callable[[Path], None]]] = [
        (args.markdown, lambda p: write_atomic(p, markdown)),
        (args.html, lambda p: write_atomic(p, to_html(rows, groups))),
    ]
    code = write_outputs("matrix", outputs)
    for path in args.update_readme:
        try:
            text = path.read_text(encoding="utf-8")
            write_atomic(path, replace_block(text, markdown))
        except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
            code = usage_error("matrix", f"{path}: {getattr(exc, 'strerror', None) or exc}")
    return code
