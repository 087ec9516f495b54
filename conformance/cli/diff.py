"""`agora-conformance diff`: the cases whose outcome changed between two JSON reports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from conformance.cli.common import usage_error

DESCRIPTION = """\
Compare two reports written by `agora-conformance run --report-json` (say, the last release
of your port and the current branch) and list every case whose outcome changed, as
`CASE  OLD -> NEW` ("absent" when a case is in only one report).

exit codes: 0 nothing got worse, 1 a case fails now that did not (a regression), 2 a file
is not a run report.

examples:
  agora-conformance diff main.json branch.json
  agora-conformance run --command "node my-adapter.js" --report-json new.json &&
      agora-conformance diff old.json new.json
"""


def register(sub: Any) -> None:
    p = sub.add_parser("diff", help="cases whose outcome changed between two JSON reports",
                       description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old", type=Path, metavar="OLD.json")
    p.add_argument("new", type=Path, metavar="NEW.json")
    p.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    from conformance.reports import ReportError, diff_reports

    try:
        changes = diff_reports(args.old, args.new)
    except ReportError as exc:
        return usage_error("diff", str(exc))
    width = max((len(c.case_id) for c in changes), default=0)
    for change in changes:
        mark = "  (regression)" if change.regression else ""
        print(f"{change.case_id:<{width}}  {change.old} -> {change.new}{mark}")
    regressions = sum(c.regression for c in changes)
    print(f"{len(changes)} case(s) changed outcome, {regressions} regression(s)")
    return 1 if regressions else 0
