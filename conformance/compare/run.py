"""Run selected cases against one testee: plan requests, compare answers, apply xfails; and
run a registered implementation over the whole vector set with its expected-failures file."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

from conformance import __version__
from conformance.compare.comparison import DEFAULT_WINDOW, Options, compare
from conformance.compare.verdict import CaseResult, Verdict
from conformance.compare.words import answered_words, expected_words
from conformance.compare.xfail import XfailEntry, XfailFile, load_xfail
from conformance.protocol import (
    OUTCOME_ORDER,
    Answer,
    Outcome,
    Reply,
    Request,
    TesteeInfo,
    build_request,
    decode_request,
    verify_request,
)
from conformance.testees import Implementation, Testee, TesteeError, open_testee
from conformance.vectors import Case, VectorSet, load_vectors

Progress = Callable[[CaseResult, int, int], None]  # (result, done, total)
MAX_TIME_BASE = 60.0  # seconds: the default --max-time is this plus one second per case


def default_max_time(cases: int) -> float:
    """The default wall-clock budget of a run of ``cases`` cases, in seconds."""
    return MAX_TIME_BASE + cases


@dataclass(frozen=True)
class RunOptions:
    """``verify``: verify mode for every builder with a salt or clock (besides those the testee
    declares in ``verify_mode``); ``window``: seconds allowed between issue_ts and the clock."""

    verify: bool = False
    window: float = DEFAULT_WINDOW
    clock: Callable[[], float] = time.time
    today: dt.date | None = None
    max_fail: int = 0  # stop after this many failing cases (0: run every case)
    max_time: float | None = None  # wall-clock budget in seconds (None: default_max_time)


@dataclass
class RunResult:
    """Everything a report needs; ``results`` has one entry per selected case, in order."""

    results: list[CaseResult]
    testee: TesteeInfo | None
    testee_error: str = ""
    vector_digest: str = ""
    runner_version: str = __version__
    started: str = ""
    seconds: float = 0.0
    xfail_problems: list[str] = field(default_factory=list)
    xfail_file: str = ""
    stderr_tail: str = ""
    stopped: str = ""  # why the run ended before every case had an answer, if it did
    interrupted: bool = False  # Ctrl-C (KeyboardInterrupt) stopped it
    not_run: int = 0  # cases left without a reply when it stopped, or left out by --max-fail

    def totals(self) -> dict[str, int]:
        counts = {o.value: 0 for o in OUTCOME_ORDER}
        for result in self.results:
            counts[result.outcome.value] += 1
        return counts

    @property
    def passed(self) -> bool:
        return all(r.outcome.ok for r in self.results) and not self.xfail_problems

    @property
    def exit_code(self) -> int:
        """0 every case passed (or xfail/unsupported), 1 conformance failures."""
        return 0 if self.passed else 1

    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.outcome.ok]


def plan(case: Case, info: TesteeInfo, verify: bool) -> Request | None:
    """The request for a case, or None when the testee does not support it."""
    if not info.supports(case.builder):
        return None
    args = case.args
    if case.builder == "token.decode":
        return decode_request(case.id, str(args.get("token", "")))
    if case.builder == "token.verify":
        message: dict[str, Any] = {k: args[k] for k in ("token", "app_certificate",
                                                         "channel_name", "uid") if k in args}
        message["now"] = args.get("now", case.now)
        return verify_request(case.id, message)
    if verify or case.builder in info.verify_mode:
        return build_request(case.id, case.builder, args, None, None)
    return build_request(case.id, case.builder, args, case.salt, case.now)


class _Planned(Sequence[Request]):
    """The requests of supported cases, planned when first read: a persistent testee starts
    on the first ones while the runner plans the rest."""

    def __init__(self, cases: list[Case], info: TesteeInfo, verify: bool) -> None:
        self.cases, self.info, self.verify = cases, info, verify
        self.requests: list[Request | None] = [None] * len(cases)

    def __len__(self) -> int:
        return len(self.cases)

    @overload
    def __getitem__(self, index: int) -> Request: ...

    @overload
    def __getitem__(self, index: slice) -> list[Request]: ...

    def __getitem__(self, index: int | slice) -> Request | list[Request]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.cases)))]
        request = self.requests[index]
        if request is None:
            request = plan(self.cases[index], self.info, self.verify)
            assert request is not None  # only supported cases are here
            self.requests[index] = request
        return request


def _result(case: Case, verdict: Verdict, reply: Reply | None, seconds: float) -> CaseResult:
    token = reply.token if isinstance(reply, Answer) else None
    return CaseResult(case.id, case.builder, case.family, verdict.outcome, verdict.detail,
                      verdict, token, "", seconds, case.tags, case.file, case.line,
                      case.description, case.args, expected_words(case), answered_words(reply))


def _apply_xfail(result: CaseResult, case: Case, xfail: XfailFile | None,
                 passed: dict[XfailEntry, list[str]]) -> CaseResult:
    if xfail is None or result.outcome is Outcome.UNSUPPORTED:
        return result
    entry = xfail.match(case.id, case.aliases)
    if entry is None:
        return result
    if result.outcome is Outcome.PASS:
        passed.setdefault(entry, []).append(case.id)
        return replace(result, outcome=Outcome.XPASS, xfail_reason=entry.reason,
                       detail=f"passes, but {entry.label(xfail.path)} expects a failure: delete "
                       "the entry or narrow its pattern")
    return replace(result, outcome=Outcome.XFAIL,
                   detail=f"[{result.outcome.value}] {result.detail}",
                   xfail_reason=f"{entry.reason} ({entry.evidence})")


def _blame(results: list[CaseResult | None], cases: Sequence[Case], case_id: str,
           message: str, xfail: XfailFile | None) -> None:
    """Turn the settled result of ``case_id`` into an error: the testee misbehaved on it after
    it was settled (e.g. answered it twice)."""
    for index, result in enumerate(results):
        if result is not None and result.case_id == case_id and result.outcome.ok:
            blamed = _result(cases[index], Verdict(Outcome.ERROR, "transport", message), None,
                             result.seconds)
            results[index] = _apply_xfail(blamed, cases[index], xfail, {})
            return


def run_cases(
    testee: Testee,
    cases: Sequence[Case],
    *,
    options: RunOptions | None = None,
    xfail: XfailFile | None = None,
    known_ids: Iterable[str] | None = None,
    digest: str = "",
    progress: Progress | None = None,
) -> RunResult:
    """Start the testee, run every case, and return one result per case (never raises for a
    misbehaving testee; the testee is left to the caller to close). ``known_ids`` are all the
    ids of the vector set, for spotting expected-failure entries that match nothing."""
    options = options or RunOptions()
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    run = RunResult([], None, vector_digest=digest, started=started)
    results: list[CaseResult | None] = [None] * len(cases)
    passed: dict[XfailEntry, list[str]] = {}
    done = failed = 0
    gap_outcome = Outcome.ERROR  # of the cases left without a reply
    stopped_early = False  # --max-fail reached: the cases left are not run and not reported

    def settle(index: int, result: CaseResult) -> None:
        nonlocal done, failed
        result = _apply_xfail(result, cases[index], xfail, passed)
        results[index] = result
        done += 1
        failed += not result.outcome.ok
        if progress is not None:
            progress(result, done, len(cases))

    try:
        info = testee.info or testee.start()
    except TesteeError as exc:
        run.testee_error = str(exc)
        for i, case in enumerate(cases):
            settle(i, _result(case, Verdict(Outcome.ERROR, "transport",
                                            f"testee unusable: {exc}"), None, 0.0))
        info = None
    except KeyboardInterrupt:
        run.stopped, run.interrupted = "the run was interrupted (Ctrl-C)", True
        info = None
    if info is not None:
        run.testee = info
        indices: list[int] = []
        for i, case in enumerate(cases):
            if info.supports(case.builder):
                indices.append(i)
            else:
                settle(i, _result(case, Verdict(Outcome.UNSUPPORTED, "plan",
                                                "the testee does not declare this builder"),
                                  None, 0.0))
        requests = _Planned([cases[i] for i in indices], info, options.verify)
        # With the real clock, Options(now=None) reads it at comparison: made once per run.
        fixed = {v: Options(v, None, options.window) for v in (False, True)} \
            if options.clock is time.time else None
        last = time.perf_counter()
        max_time = options.max_time or default_max_time(len(cases))
        deadline = t0 + max_time
        replies = testee.execute(requests)
        try:
            for index, reply in zip(indices, replies, strict=False):
                now = time.perf_counter()
                case = cases[index]
                verify = options.verify or case.builder in info.verify_mode
                verdict = compare(case, reply, fixed[verify] if fixed is not None
                                  else Options(verify, options.clock(), options.window))
                settle(index, _result(case, verdict, reply, now - last))
                last = now
                if options.max_fail and failed >= options.max_fail:
                    stopped_early = True  # the rest is left out, counted in not_run
                    run.not_run = results.count(None)
                    break
                if now > deadline:
                    run.stopped = f"the run took longer than its budget of {max_time:g} s"
                    gap_outcome = Outcome.TIMEOUT
                    break
        except KeyboardInterrupt:
            run.stopped, run.interrupted = "the run was interrupted (Ctrl-C)", True
        except Exception as exc:  # a broken testee class: the run still reports every case
            run.stopped = f"the testee failed: {type(exc).__name__}: {exc}"
        finally:
            getattr(replies, "close", lambda: None)()  # also stops the pipelined requests
        run.stderr_tail = testee.stderr_tail()
        for case_id, message in testee.misbehaviour().items():
            _blame(results, cases, case_id, message, xfail)
    gap = f"not run: {run.stopped}" if run.stopped else "no reply"
    for i, result in enumerate(results):  # a testee yielding too few replies: still one each
        if result is None and not stopped_early:
            run.not_run += 1
            settle(i, _result(cases[i], Verdict(gap_outcome, "transport", gap), None, 0))
    run.results = [r for r in results if r is not None]
    if xfail is not None:
        run.xfail_file = xfail.path
        ids = list(known_ids) if known_ids is not None else [c.id for c in cases]
        run.xfail_problems = xfail.problems(ids, passed, options.today or dt.date.today())
    run.seconds = time.perf_counter() - t0
    return run


def run_implementation(impl: Implementation, vectors: VectorSet | None = None,
                       timeout: float = 30.0) -> RunResult:
    """Run every case against ``impl`` with its expected-failures file (when the file exists)."""
    vectors = vectors if vectors is not None else load_vectors()
    xfail = load_xfail(impl.xfail_path()) if impl.xfail_path().exists() else None
    testee = open_testee(command=impl.argv(), timeout=timeout)
    try:
        return run_cases(testee, vectors.cases, xfail=xfail,
                         known_ids=[c.id for c in vectors.cases], digest=vectors.digest)
    finally:
        testee.close()
