"""Serve an in-process builder object over the JSON-lines testee protocol v1 (stdin/stdout).

Shared by the Python adapters; standard library only, so an adapter needs nothing but the
package it drives. The object follows docs/architecture.md's in-process builder interface:
``describe()``, ``build(builder, args, salt, now)`` and optionally ``decode(token)`` /
``verify(token, request)``. A refusal is an empty token or an exception; ``Unsupported`` and
``DecodeFailure`` name the other protocol error kinds.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from typing import Any


class Unsupported(Exception):
    """The package cannot express this request (answered as error kind ``unsupported``)."""


class DecodeFailure(Exception):
    """The package could not decode the token; ``reason`` is a vector ReasonCode value."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


Build = Callable[[dict[str, Any], "int | None", "int | None"], str]
"""One builder: ``build(args, salt, now)`` returns the token."""


def call_builder(builders: Mapping[str, Build], builder: str, args: dict[str, Any],
                 salt: int | None, now: int | None) -> str:
    """``builders[builder](args, salt, now)``; a builder id not in ``builders`` is unsupported."""
    fn = builders.get(builder)
    if fn is None:
        raise Unsupported(f"builder {builder} is not supported")
    return fn(args, salt, now)


def describe_package(package: str, homepage: str, notes: str, builders: Iterable[str]
                     ) -> dict[str, Any]:
    """``describe()`` of an adapter driving the installed PyPI ``package`` (build and decode
    operations, no verify mode)."""
    return {
        "implementation": {
            "name": package,
            "language": "python",
            "version": metadata.version(package),
            "homepage": homepage,
            "notes": f"CPython {sys.version.split()[0]}; {notes}",
        },
        "builders": list(builders),
        "operations": ["build", "decode"],
        "verify_mode": [],
    }


def text(value: bytes | str) -> Any:
    """A decoded text field: the string when the bytes are UTF-8, else ``{"hex": ...}``."""
    if isinstance(value, str):
        return value
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return {"hex": value.hex()}


def privileges(mapping: dict[Any, int]) -> dict[str, int]:
    """A privilege map keyed by the decimal id as a string, in ascending id order."""
    return {str(int(k)): v for k, v in sorted(mapping.items(), key=lambda kv: int(kv[0]))}


_FORMATS = (
    ("003", "003"),
    ("004", "004"),
    ("005", "005"),
    ("signaling", "1:"),
    ("006", "006"),
    ("007", "007"),
)


def foreign_format(token: Any, parsers: tuple[str, ...]) -> str | None:
    """Why ``token`` is unsupported: an Agora format (legacy DynamicKey 003-005, SignalingToken,
    006 or 007) the package has no parser for; None when the package should try it."""
    if not isinstance(token, str):
        return None
    for name, prefix in _FORMATS:
        if token.startswith(prefix):
            return None if name in parsers else f"this package has no parser for {name} tokens"
    return None


def _error(kind: str, exc: BaseException) -> dict[str, Any]:
    return {"kind": kind, "message": f"{type(exc).__name__}: {exc}"}


def answer(adapter: Any, request: dict[str, Any]) -> dict[str, Any]:
    """The answer line (as a dict) for one request line."""
    op, rid = request.get("op"), request.get("id")
    if op == "hello":
        return {"op": "hello", "protocol": 1, **adapter.describe()}
    try:
        if op == "build":
            token = adapter.build(
                request["builder"],
                request.get("args") or {},
                request.get("salt"),
                request.get("now"),
            )
            if isinstance(token, dict):
                return {"id": rid, **token}
            return {"id": rid, "token": token}
        if op in ("decode", "verify"):
            foreign = foreign_format(request.get("token"), getattr(adapter, "parsers", ()))
            if foreign is not None:
                return {"id": rid, "error": {"kind": "unsupported", "message": foreign}}
        if op == "decode" and hasattr(adapter, "decode"):
            return {"id": rid, "fields": adapter.decode(request["token"])}
        if op == "verify" and hasattr(adapter, "verify"):
            return {"id": rid, **adapter.verify(request["token"], request)}
        return {"id": rid, "error": {"kind": "unsupported", "message": f"operation {op!r}"}}
    except Unsupported as exc:
        return {"id": rid, "error": _error("unsupported", exc)}
    except DecodeFailure as exc:
        return {"id": rid, "error": {**_error("decode_error", exc), "reason": exc.reason}}
    except Exception as exc:  # the package's own failure is the finding: report it
        kind = "decode_error" if op == "decode" else "internal"
        return {"id": rid, "error": _error(kind, exc)}


def serve(adapter: Any) -> None:
    """Answer requests in order until ``stop`` or the end of input."""
    out = sys.stdout
    sys.stdout = sys.stderr  # packages print diagnostics; stdout belongs to the protocol
    stdin = sys.stdin
    while True:
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as exc:
            reply: dict[str, Any] = {"id": None, "error": _error("internal", exc)}
        else:
            if request.get("op") == "stop":
                break
            reply = answer(adapter, request)
        out.write(json.dumps(reply, separators=(",", ":")) + "\n")
        out.flush()
    out.flush()
