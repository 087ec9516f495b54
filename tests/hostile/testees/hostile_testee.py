"""A testee that answers like the reference except where its MODE makes it hostile.

Usage: python hostile_testee.py MODE [CASE_ID]. The misbehaviour hits the request whose id is
CASE_ID (every request when none is given):
  deep            the answer carries a JSON value nested 10,000 deep
  bad_services    a decode answer whose ``services`` holds non-objects (1, "x", null, [])
  duplicate       the answer is written twice
  late            a stray line, then the real answer (which arrives late)
  hostile_text    hello and error messages carry newlines, carriage returns, ANSI escapes
  stop_after_one  answers one request per process, then stops itself (SIGSTOP)
  orphan_after_one answers one request per process, then exits leaving a grandchild that
                  holds stdout open (its pid is appended to $HOSTILE_PIDS)
  close_stdout    answers the hello, then closes stdout and keeps reading stdin
  huge_line       answers the hello, then writes a 200 MB line and exits
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

from conformance.reference_testee import answer

EVIL = "evil\ninjected: true\n# heading\r\x1b[31mRED\x1b[0m\x07|pipe|<b>html</b>"


def out(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def line(reply: Any) -> bytes:
    return json.dumps(reply).encode() + b"\n"


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _hello(mode: str, reply: dict[str, Any]) -> dict[str, Any]:
    if mode == "hostile_text":
        reply = {**reply, "implementation": {**reply["implementation"], "name": EVIL,
                                             "version": "1\r\n2"}}
    return reply


def _hostile(mode: str, request: dict[str, Any], reply: dict[str, Any]) -> bytes | None:
    """The bytes to write instead of the good answer (None: write nothing)."""
    if mode == "deep":
        return b'{"id":' + json.dumps(request["id"]).encode() + b',"token":"x","extra":' \
            + _deep(10_000) + b"}\n"
    if mode == "bad_services" and request["op"] == "decode" and "fields" in reply:
        reply["fields"]["services"] = [1, "x", None, [], {"type": "1"}]
    if mode == "duplicate":
        return line(reply) * 2
    if mode == "late":
        return b"debug: working on it\n" + line(reply)
    if mode == "hostile_text":
        return line({"id": request["id"], "error": {"kind": "invalid_input", "message": EVIL}})
    return line(reply)


def main() -> int:
    mode = sys.argv[1]
    target = sys.argv[2] if len(sys.argv) > 2 else None
    answered = 0
    for raw in sys.stdin.buffer:
        request = json.loads(raw)
        if request.get("op") == "stop":
            return 0
        reply = answer(request)
        if request.get("op") == "hello":
            out(line(_hello(mode, reply or {})))
            if mode == "close_stdout":
                os.close(1)
            continue
        if mode == "close_stdout":
            continue
        if mode == "huge_line":
            chunk = b"x" * (1 << 20)
            for _ in range(200):
                sys.stdout.buffer.write(chunk)
            out(b"\n")
            return 0
        hit = target is None or request.get("id") == target
        out((_hostile(mode, request, reply or {}) if hit else line(reply)) or b"")
        answered += 1
        if mode == "stop_after_one":
            os.kill(os.getpid(), signal.SIGSTOP)
        if mode == "orphan_after_one":
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            with open(os.environ["HOSTILE_PIDS"], "a", encoding="ascii") as pids:
                pids.write(f"{child.pid}\n")
            os._exit(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
