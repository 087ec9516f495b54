"""Runner throughput: the reference in process, as a persistent subprocess, and one-shot.

Prints cases per second over the full vector set for each mode, the reference's own build
time per case beside the runner's own overhead per case (planning, comparison, result and
report building over precomputed answers), and the lines

    ratio persistent_vs_one_shot: X.XX      (target >= 100)
    ratio in_process_vs_persistent: X.XX    (information)
    ratio runner_overhead_vs_build: X.XX    (target <= 1.00)

Each figure is the best of a few rounds, to resist load from other processes.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence

from conformance.compare import plan, run_cases
from conformance.protocol import Reply, Request, TesteeInfo
from conformance.reference_testee import REFERENCE
from conformance.reports import json_report as _report_json
from conformance.reports import summary
from conformance.testees import InProcessTestee, OneShotTestee, SubprocessTestee, Testee
from conformance.vectors import Case, load_vectors

ROUNDS = 5
ONE_SHOT_SAMPLE = 40  # one process start per case: a sample spread over the whole set
REFERENCE_CMD = [sys.executable, "-m", "conformance.reference_testee"]


def best_rate(fn: Callable[[], int], rounds: int = ROUNDS) -> float:
    """Best cases/second of ``fn`` (which returns how many cases it did) over some rounds."""
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        done = fn()
        best = max(best, done / (time.perf_counter() - start))
    return best


class Replay(Testee):
    """A testee that answers instantly with precomputed replies (measures the runner alone)."""

    def __init__(self, info: TesteeInfo, replies: dict[str, Reply]) -> None:
        self.info = info
        self.replies = replies

    def start(self) -> TesteeInfo:
        assert self.info is not None
        return self.info

    def execute(self, requests: Sequence[Request]) -> Iterator[Reply]:
        for request in requests:
            yield self.replies[request.id]


def main() -> None:
    cases: list[Case] = load_vectors().cases
    inproc = InProcessTestee(REFERENCE)
    info = inproc.start()
    cases = [c for c in cases if info.supports(c.builder)]
    n = len(cases)
    print(f"vector set: {n} cases the reference supports")

    rate_inproc = best_rate(lambda: len(run_cases(inproc, cases).results))

    def build_all() -> int:
        for case in cases:
            if case.builder.startswith("token."):
                continue
            with contextlib.suppress(Exception):  # refusals are part of the work
                REFERENCE.build(case.builder, case.args, case.salt, case.now)
        return n

    rate_build = best_rate(build_all)

    for result in run_cases(inproc, cases).results:
        assert result.outcome.value == "pass", result.text()
    replies: dict[str, Reply] = {}
    for case in cases:
        request = plan(case, info, False)
        assert request is not None
        replies[case.id] = inproc.call(request)
    replay = Replay(info, replies)

    def overhead() -> int:
        run = run_cases(replay, cases)
        _report_json.report(run)
        summary(run)
        return n

    rate_overhead = best_rate(overhead)

    with SubprocessTestee(REFERENCE_CMD) as persistent:
        persistent.start()
        rate_persistent = best_rate(lambda: len(run_cases(persistent, cases).results))

    sample = cases[:: max(1, n // ONE_SHOT_SAMPLE)]
    one_shot = OneShotTestee(REFERENCE_CMD)
    one_shot.start()
    rate_one_shot = best_rate(lambda: len(run_cases(one_shot, sample).results), rounds=1)

    build_us = 1e6 / rate_build
    overhead_us = 1e6 / rate_overhead
    print(f"in-process reference:         {rate_inproc:10.0f} cases/s")
    print(f"persistent subprocess:        {rate_persistent:10.0f} cases/s")
    print(f"one-shot subprocess:          {rate_one_shot:10.1f} cases/s "
          f"(every {max(1, n // ONE_SHOT_SAMPLE)}th case: {len(sample)} of {n})")
    print(f"reference build time:         {build_us:10.1f} us/case")
    print(f"runner overhead (no testee):  {overhead_us:10.1f} us/case "
          "(plan, compare, results, JSON report, summary)")
    print(f"ratio persistent_vs_one_shot: {rate_persistent / rate_one_shot:.2f}")
    print(f"ratio in_process_vs_persistent: {rate_inproc / rate_persistent:.2f}")
    print(f"ratio runner_overhead_vs_build: {overhead_us / build_us:.2f}")


if __name__ == "__main__":
    main()
