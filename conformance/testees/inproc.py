"""A Python object as the builder under test (``--builder python:MODULE:OBJECT``)."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from conformance.protocol import (
    PROTOCOL_VERSION,
    Answer,
    Failure,
    Outcome,
    ProtocolError,
    Reply,
    Request,
    TesteeInfo,
    parse_answer,
    parse_hello,
)
from conformance.testees.base import Testee, TesteeError


def _exception_text(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a hostile __str__
        text = "<unprintable>"
    return f"{type(exc).__name__}: {text}"


def _reason_of(exc: BaseException) -> str | None:
    reason = getattr(exc, "reason", None)
    value = getattr(reason, "value", reason)
    return value if isinstance(value, str) else None


def _import_from_cwd(spec: str, name: str) -> Any:
    """Import ``name`` with the current directory first on the path, as ``python -m`` does."""
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        return importlib.import_module(name)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit at import time included
        raise TesteeError(f"--builder {spec!r}: cannot import {name}: {_exception_text(exc)} "
                          f"(looked in the current directory {cwd} and the installed "
                          "packages: run from the folder that holds the package, or pip "
                          "install it)") from None


class InProcessTestee(Testee):
    """Calls ``describe``/``build``/``decode``/``verify`` on an object (docs/architecture.md).

    A refusal raises any exception or returns ``""``. There is no timeout in process: a
    builder that hangs hangs the run (use ``--command`` for untrusted code).
    """

    def __init__(self, obj: Any, name: str = "") -> None:
        self.obj = obj
        self.name = name or repr(obj)

    @classmethod
    def from_spec(cls, spec: str) -> InProcessTestee:
        parts = spec.split(":")
        if len(parts) != 3 or parts[0] != "python" or not parts[1] or not parts[2]:
            raise TesteeError(f"--builder {spec!r}: expected python:MODULE:OBJECT")
        module = _import_from_cwd(spec, parts[1])
        obj: Any = module
        for attr in parts[2].split("."):
            if not hasattr(obj, attr):
                raise TesteeError(f"--builder {spec!r}: {parts[1]} has no attribute {parts[2]}")
            obj = getattr(obj, attr)
        if isinstance(obj, type):  # a class: use an instance
            try:
                obj = obj()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                raise TesteeError(f"--builder {spec!r}: {parts[2]}() raised {exc!r}") from None
        return cls(obj, spec)

    def start(self) -> TesteeInfo:
        try:
            described = self.obj.describe()
            self.info = parse_hello({"op": "hello", "protocol": PROTOCOL_VERSION, **described})
        except ProtocolError as exc:
            raise TesteeError(f"{self.name}: describe() {exc}") from None
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            raise TesteeError(f"{self.name}: describe() raised {_exception_text(exc)}") from None
        return self.info

    def execute(self, requests: Sequence[Request]) -> Iterator[Reply]:
        for request in requests:
            yield self.call(request)

    def call(self, request: Request) -> Reply:
        """Answer one request by calling the object; exceptions become refusals, and any other
        ``BaseException`` (``SystemExit``, ...) but ``KeyboardInterrupt`` a crash of the case."""
        message = request.message
        try:
            if request.op == "build":
                out = self.obj.build(
                    message["builder"], message["args"], message["salt"], message["now"]
                )
                if isinstance(out, str):
                    return Answer(id=request.id, token=out)
                return self._parsed(request, out)
            if request.op == "decode":
                return self._parsed(request, {"fields": self.obj.decode(message["token"])})
            if request.op == "verify":
                args = {k: v for k, v in message.items() if k not in ("op", "id")}
                out = self.obj.verify(message["token"], args)
                if isinstance(out, bool):
                    return Answer(id=request.id, valid=out)
                return self._parsed(request, out)
        except Exception as exc:
            kind = "invalid_input" if request.op == "build" else "decode_error"
            if request.op == "verify":
                kind = "internal"
            return Answer(id=request.id, error_kind=kind, error_message=_exception_text(exc),
                          reason=_reason_of(exc))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            return Failure(Outcome.CRASH, f"{request.op}() raised {_exception_text(exc)}")
        return Failure(Outcome.ERROR, f"unknown operation {request.op!r}")

    @staticmethod
    def _parsed(request: Request, out: Any) -> Reply:
        if not isinstance(out, Mapping):
            return Failure(Outcome.ERROR, f"{request.op}() returned {type(out).__name__}")
        try:
            return parse_answer({**out, "id": request.id}, request.op)
        except ProtocolError as exc:
            return Failure(Outcome.ERROR, f"{request.op}() returned a bad answer: {exc}")
