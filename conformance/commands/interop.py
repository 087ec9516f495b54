"""`agora-conformance interop` (placeholder until implemented)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("interop", help="(not implemented yet)")
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    print("agora-conformance interop: not implemented yet", file=sys.stderr)
    return 2
