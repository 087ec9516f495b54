"""The builder under test, whatever its transport: the interface and the steps the program
testees share (the factory that opens one is ``factory``, apart from the classes it builds)."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import Any

from conformance.protocol import (
    Answer,
    Failure,
    Outcome,
    ProtocolError,
    Reply,
    Request,
    TesteeInfo,
    decode_line,
    parse_answer,
)

DEFAULT_TIMEOUT = 10.0  # seconds per case
DEFAULT_STARTUP_TIMEOUT = 30.0  # seconds for the handshake (JVMs and dotnet start slowly)
STDERR_KEPT = 4096  # bytes of a testee's stderr kept
STDERR_QUOTED = 600  # characters of it quoted in a message


class TesteeError(RuntimeError):
    """The testee cannot be used at all (cannot start, bad handshake, bad --builder spec)."""

    __test__ = False  # not a pytest test class, despite the name


class Testee(ABC):
    """Runs requests against one implementation; never raises for a misbehaving testee.

    ``execute`` yields exactly one reply per request, in request order, as soon as each is
    final, so callers can show progress. Only ``start`` raises (:class:`TesteeError`).
    """

    info: TesteeInfo | None = None
    __test__ = False  # not a pytest test class, despite the name

    @abstractmethod
    def start(self) -> TesteeInfo:
        """Start the testee and perform the handshake."""

    @abstractmethod
    def execute(self, requests: Sequence[Request]) -> Iterator[Reply]:
        """One reply per request, in order."""

    def close(self) -> None:  # noqa: B027 - most testees have nothing to stop
        """Stop the testee (idempotent)."""

    def stderr_tail(self) -> str:
        """The last few KiB the testee wrote on stderr (empty for in-process testees)."""
        return ""

    def misbehaviour(self) -> dict[str, str]:
        """Case id -> what the testee did wrong on it after its reply was yielded (such as
        answering it twice); the runner turns those cases into errors."""
        return {}

    def __enter__(self) -> Testee:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# ---------------------------------------------------------------- shared by the program testees


def spawn(argv: Sequence[str], env: dict[str, str] | None, **popen: Any) -> subprocess.Popen[bytes]:
    """Start a testee program with stdin, stdout and stderr piped, in a process group of its
    own (so :func:`kill_group` also stops what it started); ``TesteeError`` if it cannot."""
    try:
        return subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, start_new_session=True, **popen)
    except OSError as exc:
        raise TesteeError(f"cannot start {argv[0]!r}: {exc.strerror or exc}") from None


def kill_group(popen: subprocess.Popen[bytes]) -> None:
    """SIGKILL the testee's whole process group (its children and grandchildren too), even
    when the testee itself has exited, then reap the testee."""
    with contextlib.suppress(OSError):
        os.killpg(popen.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        popen.kill()
    popen.wait()


def request_line(request: Request) -> bytes | Failure:
    """The request as a protocol line, or why it cannot be sent."""
    try:
        return request.line()
    except (TypeError, ValueError) as exc:
        return Failure(Outcome.ERROR, f"request is not JSON data: {exc}")


def read_answer(line: bytes, op: str) -> Answer | Failure:
    """One answer line to a request of operation ``op``, or why it is garbage."""
    try:
        return parse_answer(decode_line(line), op)
    except ProtocolError as exc:
        return Failure(Outcome.ERROR, f"garbage answer: {exc}")


def answer_from(obj: Any, op: str) -> Answer | Failure:
    """A JSON-decoded answer to a request of operation ``op``, or why it is garbage."""
    try:
        return parse_answer(obj, op)
    except ProtocolError as exc:
        return Failure(Outcome.ERROR, f"garbage answer: {exc}")


def wrong_id(answer_id: str, request: Request) -> Failure:
    return Failure(Outcome.ERROR,
                   f"answer has the wrong id {answer_id!r:.80} (expected {request.id!r})")


def with_stderr(message: str, tail: str) -> str:
    """``message``, followed by the end of the testee's stderr when it wrote any."""
    return f"{message}; stderr: {tail[-STDERR_QUOTED:]}" if tail else message


def split_command(command: str) -> list[str]:
    """``--command`` split into words as a POSIX shell would (no shell runs it);
    ``TesteeError`` on unbalanced quotes."""
    try:
        return shlex.split(command)
    except ValueError as exc:
        raise TesteeError(f"--command {command!r}: {exc} (quote it as a shell would)") from None
