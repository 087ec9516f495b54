"""Protocol overhead: the whole suite against npm agora-token in persistent mode vs a Node loop.

Prints the suite's rate (cases per second: runner + JSON-lines protocol + adapter + comparison,
requests pipelined, one persistent adapter process) beside the rate of the same requests
called directly on the adapter's functions in a plain Node loop, and
``ratio protocol_overhead: X.XX`` (the loop's rate over the suite's; target <= 1.25).
The two are measured in alternating short rounds (which half goes first alternates too), and
the ratio is the median of the per-round ratios, so a burst of load from other processes on a
shared machine (which slows both halves of a round alike) disturbs it as little as possible.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from conformance.compare import plan, run_cases
from conformance.testees import Testee, load_registry, open_testee
from conformance.vectors import Case, load_vectors

ROOT = Path(__file__).resolve().parent.parent
NAME = "node-agora-token"
ROUNDS = 11
ROUND_SECONDS = 0.3


def _suite_round(testee: Testee, cases: Sequence[Case]) -> float:
    """Cases per second of repeated full-suite runs for one round."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < ROUND_SECONDS:
        done += len(run_cases(testee, cases).results)
    return done / (time.perf_counter() - start)


def _loop_round(node: str, requests: Path) -> float:
    proc = subprocess.run([node, str(ROOT / "bench" / "node_build_loop.js"), str(requests),
                           str(ROUND_SECONDS)], capture_output=True, text=True, check=True)
    return float(json.loads(proc.stdout.splitlines()[-1])["rate"])


def _rounds(rates: Sequence[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def main() -> None:
    impl = next(i for i in load_registry(ROOT / "adapters" / "registry.yaml") if i.name == NAME)
    node = shutil.which("node")
    missing = impl.missing() or (None if node else "node not found on PATH")
    if missing or node is None:
        print(f"bench_protocol_overhead: skipped: {missing}")
        return
    cases = load_vectors().cases
    testee = open_testee(command=impl.argv())
    with tempfile.TemporaryDirectory() as tmp:
        try:
            info = testee.start()
            planned = [(c, r) for c in cases if (r := plan(c, info, False)) is not None]
            supported = [c for c, _ in planned]
            requests = Path(tmp) / "requests.jsonl"
            requests.write_text("".join(json.dumps(dict(r.message)) + "\n" for _, r in planned),
                                encoding="utf-8")
            # Warm-up: JIT, per-salt 006 module copies, heap sizing. One round, not one run:
            # a persistent adapter keeps speeding up over its first few hundred ms of runs.
            _suite_round(testee, supported)
            suite, loop = [], []
            for i in range(ROUNDS):
                if i % 2:
                    loop.append(_loop_round(node, requests))
                    suite.append(_suite_round(testee, supported))
                else:
                    suite.append(_suite_round(testee, supported))
                    loop.append(_loop_round(node, requests))
        finally:
            testee.close()
    print(f"suite (persistent, pipelined) against {NAME}: {len(supported)} cases/run, "
          f"median {statistics.median(suite):,.0f} cases/s (rounds: {_rounds(suite)})")
    print(f"plain Node loop, same requests: median {statistics.median(loop):,.0f} requests/s "
          f"(rounds: {_rounds(loop)})")
    ratio = statistics.median(lo / su for lo, su in zip(loop, suite, strict=True))
    print(f"ratio protocol_overhead: {ratio:.2f}")


if __name__ == "__main__":
    main()
