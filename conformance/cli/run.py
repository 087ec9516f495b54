"""`agora-conformance run`: check a builder (the reference by default) against the vectors."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from conformance.cli.common import (
    add_testee_options,
    bad_seconds,
    usage_error,
    write_outputs,
)

if TYPE_CHECKING:
    from conformance.compare import RunResult

DESCRIPTION = """\
Check a token builder against every golden vector and report a verdict per case.

The builder under test (the "testee") is one of:
  (nothing)                     the bundled reference implementation, in process
  --builder python:MOD:OBJ      a Python object with describe()/build()[/decode()/verify()]
  --command "PROGRAM ARGS"      any program speaking the JSON-lines testee protocol
                                (docs/testee-protocol.md), run without a shell; it stays up
                                and requests are pipelined
  --command "..." --one-shot    one process per case: one request line on stdin, one answer
                                line on stdout (the simplest shell adapters)

Comparison: 006 and legacy keys byte-exact; 007 by inflated payload (the token text may
differ: other deflate engines are correct, reported as a note). Builders the testee lists
under "verify_mode" in its hello (or every builder, with --verify) are built without a fixed
salt or clock and checked in verify mode: the token is decoded, its signature re-derived
from its own salt and timestamp, every other field checked against the vector, issue_ts
(006: ts - 86400) checked within --window seconds of the real clock, and the canonical
re-encoding of the decoded fields checked against the payload.
"""

EPILOG = """\
testee protocol (JSON lines on stdin/stdout; docs/testee-protocol.md has the schema):
  runner: {"op":"hello","protocol":1}
  testee: {"op":"hello","protocol":1,"implementation":{"name":"my-port","language":"go",
           "version":"1.2.3"},"builders":["rtc2.build_token_with_uid"],
           "operations":["build"],"verify_mode":[]}
  runner: {"op":"build","id":"rtc2-uid-0","builder":"rtc2.build_token_with_uid",
           "args":{"app_id":"...","uid":0,"role":"publisher",...},"salt":1,"now":1111111}
  testee: {"id":"rtc2-uid-0","token":"007eJx..."}
      or  {"id":"rtc2-uid-0","error":{"kind":"invalid_input","message":"..."}}  ("" = refusal)
  decode and verify requests likewise; {"op":"stop"} or end of input: exit 0. Answer each
  request with one line, in order, flushed; stderr is free-form logging.

outcomes:
  pass, fail (answer differs; the first differing fields and a likely cause are named),
  error (garbage answer, wrong id, internal error), timeout, crash (the testee exited; it is
  restarted and the run goes on), unsupported (builder not declared by the testee, or a
  case the testee answered `unsupported`), xfail (failed as the expected-failures file
  says), xpass (passed although listed).

expected-failures file (--xfail FILE, YAML):
  implementation: my-port 1.2.3
  expected_failures:
    - id: "rtc2-uid-0*"                  # fnmatch pattern over case ids
      reason: "uid 0 packs as '0'"
      evidence: "https://github.com/org/repo/issues/12"
      expires: 2027-01-31                # optional
  An entry that now passes, matches no case, or has expired fails the run; the message says
  which entry to change.

exit codes:
  0  every selected case passed (or is xfail / unsupported)
  1  conformance failures (fail, error, timeout, crash, xpass, stale expected failures)
  2  usage or data errors (bad options, bad vectors, bad expected-failures file, testee
     program not found, a testee that cannot start: reported once, a report that cannot be
     written: the others are still written)
  130  interrupted (Ctrl-C): the reports hold the cases that ran, the rest "not run"

output: every case that did not pass shows its description, inputs, vectors/FILE:LINE and
want versus got (never capped); -v adds the expected failures; colour on a terminal
(NO_COLOR turns it off, FORCE_COLOR on); off a terminal a status line every --heartbeat
seconds. Under GitHub Actions (GITHUB_ACTIONS=true) each failing case is also an error
annotation and the Markdown report is appended to $GITHUB_STEP_SUMMARY.

examples:
  agora-conformance run
  agora-conformance run --command "node adapter.js" --family rtc2 --junit report.xml
  agora-conformance run --command "python -m conformance.reference_testee"
  agora-conformance run --builder python:my_port.testee:TESTEE -k uid --report-json r.json
  agora-conformance run --command "node adapter.js" --write-xfail expected-failures.yaml
  agora-conformance run --command "./adapter.sh" --one-shot --timeout 5
"""


def register(sub: Any) -> None:
    p = sub.add_parser("run", help="check a builder against the golden vectors",
                       description=DESCRIPTION, epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    t = p.add_argument_group("testee")
    add_testee_options(t)
    t.add_argument("--one-shot", action="store_true",
                   help="with --command: one process per case")
    t.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="with --one-shot: processes in parallel (default 1)")
    t.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                   help="per-case timeout for subprocess testees (default 10)")
    t.add_argument("--startup-timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time allowed for the hello handshake (default 30)")
    t.add_argument("--max-time", type=float, default=None, metavar="SECONDS",
                   help="wall-clock budget of the whole run; cases left then end as timeouts "
                        "(default: 60 + 1 per selected case)")
    s = p.add_argument_group("selection (fnmatch patterns; -k also substrings; repeat to OR)")
    s.add_argument("--vectors", metavar="DIR", help="vector directory (default: bundled)")
    s.add_argument("--family", action="append", default=[], metavar="NAME",
                   help="a family such as rtc2, access_token, dynamic_key5")
    s.add_argument("--only-builder", action="append", default=[], metavar="ID",
                   help="a builder id such as rtc2.build_token_with_uid or 'rtc2.*'")
    s.add_argument("--tag", action="append", default=[], metavar="TAG", help="a vector tag")
    s.add_argument("-k", "--id", action="append", default=[], metavar="PATTERN", dest="ids",
                   help="case id or alias: a substring like pytest's -k ('uid'), or an "
                        "fnmatch pattern ('rtc2-uid-*')")
    s.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="leave out case ids matching PATTERN")
    s.add_argument("--list", action="store_true", help="list the selected cases and exit")
    c = p.add_argument_group("comparison")
    c.add_argument("--verify", action="store_true",
                   help="verify mode for every builder with a salt or clock")
    c.add_argument("--window", type=float, default=300.0, metavar="SECONDS",
                   help="verify mode: allowed distance of issue_ts from the clock (default 300)")
    c.add_argument("--xfail", metavar="FILE", help="expected-failures file (YAML)")
    c.add_argument("--write-xfail", metavar="FILE",
                   help="write the failing cases as an expected-failures file (a baseline; "
                        "reason and evidence TODO)")
    c.add_argument("-x", "--fail-fast", action="store_const", const=1, dest="max_fail",
                   help="stop at the first failing case")
    c.add_argument("--max-fail", type=int, default=0, metavar="N",
                   help="stop after N failing cases")
    r = p.add_argument_group("reports")
    r.add_argument("--report-json", metavar="FILE", help="write the JSON report")
    r.add_argument("--junit", metavar="FILE", help="write JUnit XML")
    r.add_argument("--markdown", metavar="FILE", help="write a Markdown summary")
    r.add_argument("-q", "--quiet", action="store_true", help="print only the totals")
    r.add_argument("-v", "--verbose", action="store_true", help="also list xfail cases")
    r.add_argument("--show-unsupported", action="store_true",
                   help="list the builders the testee does not declare (one line)")
    r.add_argument("--no-progress", action="store_true",
                   help="no progress line and no heartbeat")
    r.add_argument("--heartbeat", type=float, metavar="SECONDS",
                   help="off a terminal: a status line every SECONDS (default 5)")
    p.set_defaults(func=_main)


def _usage(message: str) -> int:
    return usage_error("run", message)


def _main(args: argparse.Namespace) -> int:
    from conformance.compare import RunOptions, XfailError, load_xfail, run_cases
    from conformance.reports import (
        ProgressLine,
        report_to_github,
        summary,
        totals_line,
        use_colour,
        write_json,
        write_junit,
        write_markdown,
    )
    from conformance.testees import TesteeError, open_testee, split_command
    from conformance.vectors import Selection, VectorError, load_vectors, select

    problem = bad_seconds(args, "timeout", "startup_timeout", "window", "max_time")
    if problem:
        return _usage(problem)
    try:
        if args.testee_command is not None:
            argv = split_command(args.testee_command)
            if not argv or not (shutil.which(argv[0]) or os.path.isfile(argv[0])):
                return _usage(f"--command: program {argv[0] if argv else ''!r} not found")
        vectors = load_vectors(args.vectors)
        xfail = load_xfail(args.xfail) if args.xfail else None
        testee = open_testee(builder=args.builder, command=args.testee_command,
                             one_shot=args.one_shot, timeout=args.timeout,
                             startup_timeout=args.startup_timeout, jobs=args.jobs)
    except (VectorError, XfailError, TesteeError) as exc:
        return _usage(str(exc))
    selection = Selection(tuple(args.family), tuple(args.only_builder), tuple(args.tag),
                          tuple(args.ids), tuple(args.exclude))
    cases = select(vectors.cases, selection)
    if args.list:
        for case in cases:
            print(f"{case.id}\t{case.builder}\t{case.file}")
        return 0
    if not cases:
        return _usage("no case matches the selection")
    known = [name for case in vectors.cases for name in (case.id, *case.aliases)]
    progress = ProgressLine(sys.stderr, enabled=False if args.no_progress or args.quiet else None,
                            heartbeat=args.heartbeat)
    options = RunOptions(args.verify, args.window, max_fail=args.max_fail, max_time=args.max_time)
    with testee:
        run = run_cases(testee, cases, options=options, xfail=xfail, known_ids=known,
                        digest=vectors.digest, progress=progress)
    if run.testee is None and run.testee_error:
        return _usage(f"the testee cannot start: {run.testee_error}")
    print(totals_line(run) if args.quiet else summary(
        run, verbose=args.verbose, show_unsupported=args.show_unsupported,
        colour=use_colour(sys.stdout)))
    for line in report_to_github(run):
        print(line)
    written = write_outputs("run", [(args.report_json, lambda p: write_json(run, p)),
                                    (args.junit, lambda p: write_junit(run, p)),
                                    (args.markdown, lambda p: write_markdown(run, p))])
    if args.write_xfail:
        written = _write_baseline(run, args.write_xfail) or written
    if run.interrupted:
        done = len(run.results) - run.not_run
        _usage(f"interrupted (Ctrl-C) after {done} of {len(run.results)} cases; the reports "
               "hold what ran, the rest as \"not run\"")
        return 130
    return written or run.exit_code


def _write_baseline(run: RunResult, path: str) -> int:
    """``--write-xfail``: the failing cases as an expected-failures file (reason and evidence
    TODO), written atomically; 0, or 2 when it cannot be written."""
    from conformance.compare import baseline_text
    from conformance.output import write_atomic

    label = run.testee.label if run.testee else ""
    ids = [r.case_id for r in run.failures() if r.outcome.value != "xpass"]
    code = write_outputs("run", [(path, lambda p: write_atomic(p, baseline_text(label, ids)))])
    if not code:
        print(f"wrote {len(ids)} expected failures to {path} (reason and evidence "
              "TODO: `agora-conformance lint --xfail` lists them)", file=sys.stderr)
    return code
