"""Vector set: load + schema validation, and `regen --check`, against the 2 s budget."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

BUDGET_S = 2.0


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from conformance.vectors import load_vectors
    from conformance.vectors import regen as _regen

    start = time.perf_counter()
    vs = load_vectors()
    cold = time.perf_counter() - start
    load = _median(load_vectors, 5)
    check = _median(_regen.plan, 3)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "conformance", "regen", "--check"],
                          capture_output=True, check=False)
    cli = time.perf_counter() - start
    print(f"vector set: {len(vs.files)} files, {len(vs.cases)} cases, {vs.digest[:19]}...")
    print(f"load + validate (first call, schema compile included): {cold:.3f} s")
    print(f"load + validate (median of 5):                         {load:.3f} s")
    print(f"regen --check in process (median of 3):                {check:.3f} s")
    print(f"`python -m conformance regen --check` end to end:      {cli:.3f} s "
          f"(exit {proc.returncode})")
    print(f"ratio vectors_load_vs_2s_budget: {load / BUDGET_S:.2f}")
    print(f"ratio vectors_regen_check_vs_2s_budget: {check / BUDGET_S:.2f}")
    print(f"ratio vectors_regen_check_cli_vs_2s_budget: {cli / BUDGET_S:.2f}")


if __name__ == "__main__":
    main()
