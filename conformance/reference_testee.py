"""The reference as a testee: ``REFERENCE`` in process, ``python -m`` as a JSON-lines server.

The server answers requests in order; it reads whatever input is available, answers every
complete line and writes the answers in one write, so a pipelining runner is served in
batches. One-shot use needs nothing special: at end of input the server exits 0.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from conformance import __version__
from conformance.protocol import PROTOCOL_VERSION, encode_answer
from reference import decode as _decode
from reference._heap import keep_heap
from reference.errors import DecodeError, InvalidInput
from reference.registry import BUILDERS
from reference.simple_token_builder import run_script

SCRIPT = "simple_token_builder.script"


class ReferenceTestee:
    """The in-process builder interface (docs/architecture.md) over ``reference.registry``."""

    def describe(self) -> dict[str, Any]:
        return {
            "implementation": {
                "name": "agora-token-conformance reference", "language": "python",
                "version": __version__,
                "homepage": "https://github.com/agora-token-conformance",
                "notes": "canonical behaviour of docs/builders.md",
            },
            "builders": sorted(BUILDERS),
            "operations": ["build", "decode", "verify"],
        }

    def build(self, builder: str, args: Mapping[str, Any], salt: int | None,
              now: int | None) -> str | dict[str, Any]:
        if builder == SCRIPT:
            token, results = run_script(args, salt, now)
            return {"token": token, "results": results}
        spec = BUILDERS.get(builder)
        if spec is None:
            return {"error": {"kind": "unsupported", "message": f"unknown builder {builder!r}"}}
        return spec.build(args, salt, now)

    def decode(self, token: str) -> dict[str, Any]:
        return _decode.decode(token).to_fields()

    def verify(self, token: str, args: Mapping[str, Any]) -> dict[str, Any]:
        try:
            _decode.verify(token, str(args.get("app_certificate", "")), now=args.get("now"),
                           channel_name=args.get("channel_name"), uid=args.get("uid"))
        except DecodeError as exc:
            return {"valid": False, "reason": exc.reason.value}
        return {"valid": True}


REFERENCE = ReferenceTestee()

HELLO = {"op": "hello", "protocol": PROTOCOL_VERSION, **REFERENCE.describe()}


def answer(request: Any) -> dict[str, Any] | None:
    """The answer to one decoded request (None for ``stop``)."""
    if not isinstance(request, dict):
        return {"id": "", "error": {"kind": "internal", "message": "request is not an object"}}
    op, case_id = request.get("op"), request.get("id", "")
    try:
        if op == "hello":
            return HELLO
        if op == "stop":
            return None
        if op == "build":
            out = REFERENCE.build(request["builder"], request.get("args") or {},
                                  request.get("salt"), request.get("now"))
            return {"id": case_id, **(out if isinstance(out, dict) else {"token": out})}
        if op == "decode":
            return {"id": case_id, "fields": REFERENCE.decode(request["token"])}
        if op == "verify":
            return {"id": case_id, **REFERENCE.verify(request.get("token", ""), request)}
    except InvalidInput as exc:
        return {"id": case_id, "error": {"kind": "invalid_input", "message": str(exc)}}
    except DecodeError as exc:
        return {"id": case_id, "error": {"kind": "decode_error", "reason": exc.reason.value,
                                         "message": str(exc)}}
    except Exception as exc:
        return {"id": case_id, "error": {"kind": "internal",
                                         "message": f"{type(exc).__name__}: {exc}"}}
    return {"id": case_id, "error": {"kind": "unsupported", "message": f"unknown op {op!r}"}}


def _reply(line: bytes) -> bytes | None:
    """The answer line to one request line (None for ``stop``)."""
    try:
        request = json.loads(line)
    except ValueError as exc:
        return encode_answer({"id": "", "error": {"kind": "internal",
                                                  "message": f"bad request: {exc}"}})
    reply = answer(request)
    return None if reply is None else encode_answer(reply)


def serve(infd: int = 0, outfd: int = 1) -> int:
    """Answer JSON lines from ``infd`` until ``stop`` or end of input."""
    keep_heap()  # zlib's deflate state stays in the heap between tokens (reference/_heap.py)
    pending = b""
    while True:
        chunk = os.read(infd, 1 << 16)
        if not chunk:
            break
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        out: list[bytes] = []
        stop = False
        for line in lines:
            if not line.strip():
                continue
            reply = _reply(line)
            if reply is None:
                stop = True
                break
            out.append(reply)
        if out:
            data = b"".join(out)
            while data:
                data = data[os.write(outfd, data):]
        if stop:
            return 0
    if pending.strip():  # a last request without newline (one-shot writers may omit it)
        reply = _reply(pending)
        if reply is not None:
            os.write(outfd, reply)
    return 0


if __name__ == "__main__":
    sys.exit(serve())
