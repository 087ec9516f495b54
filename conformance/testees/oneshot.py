"""One process per request: the simplest adapters (a shell script reading one line)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence

from conformance.protocol import (
    HELLO_LINE,
    Failure,
    Outcome,
    ProtocolError,
    Reply,
    Request,
    TesteeInfo,
    decode_line,
    parse_hello,
)
from conformance.testees.base import (
    DEFAULT_TIMEOUT,
    STDERR_KEPT,
    Testee,
    TesteeError,
    kill_group,
    read_answer,
    request_line,
    spawn,
    with_stderr,
    wrong_id,
)


class OneShotTestee(Testee):
    """Start the program once per request, write the request line, close stdin, read one line."""

    def __init__(
        self, argv: Sequence[str], *, timeout: float = DEFAULT_TIMEOUT, jobs: int = 1,
        env: dict[str, str] | None = None,
    ) -> None:
        self.argv = list(argv)
        self.timeout = timeout
        self.jobs = max(1, jobs)
        self.env = env
        self._tail = ""

    def _once(self, data: bytes) -> tuple[bytes | None, str]:
        """(first stdout line or None, problem text)."""
        proc = spawn(self.argv, self.env)
        try:
            out, err = proc.communicate(data, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            proc.communicate()
            return None, "timeout"
        finally:
            kill_group(proc)  # what the program left running (it holds no case any more)
        self._tail = err[-STDERR_KEPT:].decode("utf-8", "replace").strip()
        if not out:
            return None, with_stderr(
                f"the testee exited with status {proc.returncode} and no answer", self._tail)
        newline = out.find(b"\n")
        return (out if newline < 0 else out[: newline + 1]), ""

    def start(self) -> TesteeInfo:
        line, problem = self._once(HELLO_LINE)
        name = os.path.basename(self.argv[0])
        if line is None:
            if problem == "timeout":
                problem = f"did not answer the hello within {self.timeout:g} s"
            raise TesteeError(f"{name} (one-shot): {problem}")
        try:
            self.info = parse_hello(decode_line(line))
        except ProtocolError as exc:
            raise TesteeError(f"{name} (one-shot) sent a bad hello: {exc}") from None
        return self.info

    def stderr_tail(self) -> str:
        return self._tail

    def _one(self, request: Request) -> Reply:
        data = request_line(request)
        if isinstance(data, Failure):
            return data
        try:
            line, problem = self._once(data)
        except TesteeError as exc:
            return Failure(Outcome.CRASH, str(exc))
        if line is None:
            if problem == "timeout":
                return Failure(Outcome.TIMEOUT, f"no answer within {self.timeout:g} s")
            return Failure(Outcome.CRASH, problem)
        answer = read_answer(line, request.op)
        if isinstance(answer, Failure) or answer.id == request.id:
            return answer
        return wrong_id(answer.id, request)

    def execute(self, requests: Sequence[Request]) -> Iterator[Reply]:
        if self.jobs == 1:
            for request in requests:
                yield self._one(request)
            return
        from concurrent.futures import ThreadPoolExecutor  # only --jobs needs threads (15 ms)

        with ThreadPoolExecutor(self.jobs) as pool:
            yield from pool.map(self._one, requests)
