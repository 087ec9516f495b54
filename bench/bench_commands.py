"""Whole commands as a user runs them: `agora-conformance run` and `mutants`, each a new process.

Each command runs once to warm up (which also fills the vector cache, kept in a temporary
folder through ``AGORA_CONFORMANCE_CACHE``), then ROUNDS more times. Prints the medians of the
child's CPU time (user + system, from ``os.wait4``) and of its wall time, and

    ratio run_process_vs_budget: X.XX     (CPU seconds of `run` / 0.35 s)
    ratio mutants_vs_budget: X.XX         (CPU seconds of `mutants` / 1 s)

The ratios use CPU time: both commands are one single-threaded process, so on a quiet machine
their wall time is their CPU time plus a few ms, while on a shared machine wall time also
counts the time other processes hold the cores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

ROUNDS = 5
COMMANDS: tuple[tuple[str, Sequence[str], float], ...] = (
    ("run_process", ("run",), 0.35),
    ("mutants", ("mutants",), 1.0),
)


def timed(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """``(cpu seconds, wall seconds, exit code)`` of one run of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, wall, proc.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "AGORA_CONFORMANCE_CACHE": cache}
        for name, args, budget in COMMANDS:
            argv = [sys.executable, "-m", "conformance", *args]
            first_cpu, first_wall, code = timed(argv, env)
            runs = [timed(argv, env) for _ in range(ROUNDS)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            codes = sorted({code, *(r[2] for r in runs)})
            print(f"agora-conformance {' '.join(args)}: first run {first_cpu:.3f} s CPU "
                  f"({first_wall:.3f} s wall); then median of {ROUNDS}: {cpu:.3f} s CPU, "
                  f"{wall:.3f} s wall (exit {', '.join(map(str, codes))})", flush=True)
            print(f"ratio {name}_vs_budget: {cpu / budget:.2f}", flush=True)


if __name__ == "__main__":
    main()
