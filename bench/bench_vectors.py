"""Vector set: loading with and without the vector cache, ten times the set, and `regen --check`.

Prints, for the bundled set, load + schema validation without the cache (first call, schema
compile included, then the median of 5) against the 2 s budget; a load from a warm cache (the
median of 5, thread CPU time) against 0.05 s; and the same two for a set ten times as large
(every file copied ten times, ids suffixed), the cached load against 1 s:

    ratio vectors_load_vs_2s_budget: X.XX         (no cache)
    ratio vectors_load_cached_vs_budget: X.XX     (cache hit / 0.05 s)
    ratio vectors_10x_load_cached_vs_budget: X.XX (cache hit, 10x the vectors / 1 s)
    ratio vectors_regen_check_vs_2s_budget: X.XX
    ratio vectors_regen_check_cli_vs_2s_budget: X.XX
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BUDGET_S = 2.0
CACHED_BUDGET_S = 0.05
TENFOLD_BUDGET_S = 1.0
_ID = re.compile(r"^(  - id: )([a-z0-9][a-z0-9._-]*)", re.MULTILINE)


def _median(fn: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
            ) -> float:
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


def tenfold(source: Path, target: Path) -> None:
    """Ten copies of every vector file below ``target``, each copy's ids suffixed."""
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if path.is_dir() or path.name.startswith("_") or path.suffix != ".yaml":
            continue
        text = path.read_text(encoding="utf-8")
        for k in range(10):
            out = target / f"copy{k}" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(_ID.sub(rf"\g<1>\g<2>-x{k}", text), encoding="utf-8")
    shutil.copy(source / "_credentials.yaml", target / "_credentials.yaml")


def main() -> None:
    from conformance.paths import default_vectors_dir
    from conformance.vectors import load_vectors
    from conformance.vectors import regen as _regen

    saved = os.environ.get("AGORA_CONFORMANCE_CACHE")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["AGORA_CONFORMANCE_CACHE"] = "off"
        start = time.perf_counter()
        vs = load_vectors()
        cold = time.perf_counter() - start
        load = _median(load_vectors, 5)
        check = _median(_regen.plan, 3)
        big = Path(tmp) / "tenfold"
        tenfold(default_vectors_dir(), big)
        big_uncached = _median(lambda: load_vectors(big), 1)

        os.environ["AGORA_CONFORMANCE_CACHE"] = str(Path(tmp) / "cache")
        load_vectors()  # fills the cache
        cached = _median(load_vectors, 5, time.thread_time)
        big_vs = load_vectors(big)
        big_cached = _median(lambda: load_vectors(big), 5, time.thread_time)
    if saved is None:
        os.environ.pop("AGORA_CONFORMANCE_CACHE", None)
    else:
        os.environ["AGORA_CONFORMANCE_CACHE"] = saved

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "conformance", "regen", "--check"],
                          capture_output=True, check=False)
    cli = time.perf_counter() - start
    print(f"vector set: {len(vs.files)} files, {len(vs.cases)} cases, {vs.digest[:19]}...")
    print(f"load + validate, no cache (first call, schema compile included): {cold:.3f} s")
    print(f"load + validate, no cache (median of 5):                         {load:.3f} s")
    print(f"load from the cache (median of 5, CPU time):                     {cached:.3f} s")
    print(f"10x the set ({len(big_vs.cases)} cases): no cache {big_uncached:.3f} s, "
          f"from the cache {big_cached:.3f} s (median of 5, CPU time)")
    print(f"regen --check in process (median of 3):                          {check:.3f} s")
    print(f"`python -m conformance regen --check` end to end:                {cli:.3f} s "
          f"(exit {proc.returncode})")
    print(f"ratio vectors_load_vs_2s_budget: {load / BUDGET_S:.2f}")
    print(f"ratio vectors_load_cached_vs_budget: {cached / CACHED_BUDGET_S:.2f}")
    print(f"ratio vectors_10x_load_cached_vs_budget: {big_cached / TENFOLD_BUDGET_S:.2f}")
    print(f"ratio vectors_regen_check_vs_2s_budget: {check / BUDGET_S:.2f}")
    print(f"ratio vectors_regen_check_cli_vs_2s_budget: {cli / BUDGET_S:.2f}")


if __name__ == "__main__":
    main()
