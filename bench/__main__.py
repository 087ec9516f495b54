"""Run every ``bench/bench_*.py`` module's ``main()`` in name order (``python -m bench [NAME...]``).

Optional arguments select modules by name (``python -m bench reference`` runs
``bench_reference``). Benchmarks print figures and ``ratio NAME: X.XX`` lines; they never
pass or fail.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(p.stem for p in here.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    wanted = {a if a.startswith("bench_") else f"bench_{a}" for a in argv}
    names = [n for n in modules() if not wanted or n in wanted]
    unknown = wanted - set(names)
    if unknown:
        print(f"python -m bench: no such benchmark: {', '.join(sorted(unknown))}",
              file=sys.stderr)
        return 2
    for name in names:
        print(f"== {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
