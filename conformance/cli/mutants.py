"""`agora-conformance mutants`: the mutation score of the vector set, and who kills each mutant."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error, vectors_for

DESCRIPTION = """\
Measure the power of the golden vectors: run the reference and every mutant (a realistic
port bug from docs/port-bugs.md, applied to the reference while it builds) through the runner's
normal comparison, and print the mutation score and, per mutant, the builders it reaches
(derived from the code each builder runs) and where it was caught or SURVIVED. A port has a
bug in the builders it wrote, so a mutant must be caught in every builder it reaches. Each
builder stops at its first killing vector unless --every-killer is given. The control mutant
(zlib level 9) builds correct tokens and must NOT be caught: it is reported as "token text
differs, payload equal".

The vector directory is --vectors, else ./vectors when the current directory holds one,
else the bundled set; the first line on stderr names it.

exit codes: 0 every mutant caught in every builder it reaches, the control not caught and the
reference passes every vector; 1 otherwise; 2 bad vectors or an unknown mutant id.

examples:
  agora-conformance mutants
  agora-conformance mutants -m M01 -m M02 --verbose
  agora-conformance mutants --json > mutants.json
"""

SHOWN = 6  # killer ids listed per mutant without --verbose


def register(sub: Any) -> None:
    p = sub.add_parser("mutants", help="mutation score of the vectors (which vectors catch "
                       "which port bug)", description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--vectors", type=Path, metavar="DIR",
                   help="vector directory (default: ./vectors if it is one, else bundled)")
    p.add_argument("-m", "--mutant", action="append", default=[], metavar="ID",
                   help="run only this mutant (repeatable), e.g. M01")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every builder and killing vector, and each mutant's deviation")
    p.add_argument("--every-killer", action="store_true",
                   help="run every case of every builder reached (slower), so the killers "
                   "listed are all the vectors that catch each mutant")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=_main)


def _ids(ids: tuple[str, ...], verbose: bool) -> str:
    if verbose or len(ids) <= SHOWN:
        return ", ".join(ids)
    return f"{', '.join(ids[:SHOWN])}, ... (+{len(ids) - SHOWN} more, --verbose for all)"


def _caught_line(result: Any, verbose: bool) -> str:
    reached = len(result.by_builder)
    survived = result.survived_in
    if not reached:
        return "SURVIVED: reaches no builder with vectors"
    if survived:
        return (f"SURVIVED in {len(survived)} of {reached} builders: "
                f"{_ids(survived, verbose)}")
    return f"caught in {reached}/{reached} builders by {_ids(result.killers, verbose)}"


def render(gate: Any, verbose: bool = False) -> str:
    """The console report of a :class:`~conformance.mutants.GateResult`."""
    failures = gate.reference_failures
    lines = [f"reference: {len(gate.reference.results) - len(failures)}/"
             f"{len(gate.reference.results)} vectors pass"]
    lines.extend(f"  reference FAILS {r.case_id}: {r.detail}" for r in failures)
    lines.append(gate.score_line())
    for result in gate.mutants:
        m = result.mutant
        head = f"  {m.id} {m.name:<30} [{m.bug_class}]"
        if result.broken:
            lines.append(f"{head} {result.status}")
        elif m.control:
            lines.append(f"{head} control: {result.status}")
        else:
            lines.append(f"{head} {_caught_line(result, verbose)}")
        if verbose:
            lines.append(f"      {m.deviation} (origin: {m.origin}; applied via {m.how})")
            lines.append(f"      reaches: {', '.join(result.by_builder) or '-'}")
            if result.spared:
                lines.append(f"      spared (the bug cannot show): {', '.join(result.spared)}"
                             f" ({m.spared_because})")
            if result.causes:
                lines.append(f"      diagnosed as: {', '.join(result.causes)}")
    survivors = [r.mutant.id for r in gate.mutants if not r.ok]
    verdict = "PASS" if gate.ok else "FAIL"
    lines.append(f"gate: {verdict} ({gate.seconds:.2f} s)"
                 + (f"; not ok: {', '.join(survivors)}" if survivors else ""))
    return "\n".join(lines)


def _main(args: argparse.Namespace) -> int:
    from conformance.mutants import catalogue, run_gate
    from conformance.vectors import VectorError, load_vectors

    mutants = catalogue()
    if args.mutant:
        known = {m.id for m in mutants}
        unknown = [i for i in args.mutant if i not in known]
        if unknown:
            return usage_error("mutants", f"unknown mutant id {unknown[0]!r} "
                               f"(known: {', '.join(sorted(known))})")
        mutants = tuple(m for m in mutants if m.id in args.mutant)
    try:
        cases = load_vectors(vectors_for("mutants", args.vectors)).cases
    except VectorError as exc:
        return usage_error("mutants", str(exc))
    gate = run_gate(cases, mutants, every_killer=args.every_killer)
    if args.json:
        print(json.dumps(gate.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render(gate, args.verbose))
    return 0 if gate.ok else 1
