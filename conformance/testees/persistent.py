"""A program speaking the JSON-lines protocol, kept running: pipelined, timed, restarted."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from conformance.protocol import (
    HELLO_LINE,
    MAX_LINE,
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
    DEFAULT_STARTUP_TIMEOUT,
    DEFAULT_TIMEOUT,
    Testee,
    TesteeError,
    read_answer,
    request_line,
    with_stderr,
    wrong_id,
)
from conformance.testees.pipes import EOF, TOO_LONG, TesteeProcess

WINDOW = 1024  # requests in flight (sent, their answers not yet taken)
FIRST = 16  # requests in the first write of a session (the testee starts on them at once)
STEP = 128  # requests per later write
MAX_CRASHES = 100  # after this many restarts the remaining cases end as crashes
MAX_TIMEOUTS_IN_A_ROW = 3  # then the testee is taken to have stopped answering altogether


class SubprocessTestee(Testee):
    """Persistent testee (docs/testee-protocol.md): one process for many requests."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        window: int = WINDOW,
        env: dict[str, str] | None = None,
        max_crashes: int = MAX_CRASHES,
    ) -> None:
        self.argv = list(argv)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.window = max(1, window)
        self.env = env
        self.max_crashes = max_crashes
        self.crashes = 0
        self.timeouts_in_a_row = 0
        self.proc: TesteeProcess | None = None
        self._last_tail = ""

    def _spawn(self) -> TesteeInfo:
        proc = TesteeProcess(self.argv, self.env)
        self.proc = proc
        if not proc.write(HELLO_LINE):
            line: bytes | None = EOF
        else:
            line = proc.next_line(self.startup_timeout)
        name = os.path.basename(self.argv[0])
        if line is None:
            self._kill()
            raise TesteeError(with_stderr(
                f"{name} did not answer the hello within {self.startup_timeout:g} s",
                proc.stderr_tail()))
        if line == EOF:
            text = proc.exit_text()
            self._kill()
            raise TesteeError(with_stderr(f"{name} {text} during the handshake",
                                          proc.stderr_tail()))
        try:
            return parse_hello(decode_line(line) if line != TOO_LONG else None)
        except ProtocolError as exc:
            self._kill()
            raise TesteeError(with_stderr(f"{name} sent a bad hello: {exc}",
                                          proc.stderr_tail())) from None

    def start(self) -> TesteeInfo:
        self.info = self._spawn()
        return self.info

    def _kill(self) -> None:
        if self.proc is not None:
            self._last_tail = self.proc.stderr_tail()
            self.proc.stop(graceful=False)
            self.proc = None

    def close(self) -> None:
        if self.proc is not None:
            self._last_tail = self.proc.stderr_tail()
            self.proc.stop(graceful=True)
            self.proc = None

    def stderr_tail(self) -> str:
        return self.proc.stderr_tail() if self.proc is not None else self._last_tail

    def execute(self, requests: Sequence[Request]) -> Iterator[Reply]:
        lines: list[bytes | Failure | None] = [None] * len(requests)  # encoded when sent
        pos = 0
        while pos < len(requests):
            first = _line(requests, lines, pos)
            if isinstance(first, Failure):
                yield first
                pos += 1
                continue
            if self.proc is None:
                if self.crashes >= self.max_crashes:
                    message = f"not run: the testee crashed {self.crashes} times, giving up"
                    for _ in range(pos, len(requests)):
                        yield Failure(Outcome.CRASH, message)
                    return
                if self.timeouts_in_a_row >= MAX_TIMEOUTS_IN_A_ROW:
                    message = (f"not run: the testee timed out on {self.timeouts_in_a_row} "
                               "cases in a row, giving up")
                    for _ in range(pos, len(requests)):
                        yield Failure(Outcome.TIMEOUT, message)
                    return
                try:
                    self._spawn()
                except TesteeError as exc:
                    for _ in range(pos, len(requests)):
                        yield Failure(Outcome.CRASH, f"not run: restarting failed: {exc}")
                    return
            for reply in self._session(requests, lines, pos):
                pos += 1
                yield reply

    def _session(
        self, requests: Sequence[Request], lines: list[bytes | Failure | None], start: int
    ) -> Iterator[Reply]:
        """Pipeline from ``start`` until the end, a request that cannot be encoded, or until
        the process must be replaced. Requests are encoded as they are sent: a few at first,
        so the testee starts at once, then ``STEP`` per write, up to a window in flight (sent,
        their answers not yet taken), so the testee never waits for the runner."""
        proc = self.proc
        assert proc is not None
        window = self.window
        end = len(requests)
        sent = pos = start
        while pos < end:
            top = min(end, pos + window)
            step = FIRST if sent == start else STEP
            if sent < end and top - sent >= min(step, end - sent, window):
                batch: list[bytes] = []
                for i in range(sent, min(top, sent + step)):
                    encoded = _line(requests, lines, i)
                    if isinstance(encoded, Failure):
                        end = i  # the caller reports it, then starts a new session
                        break
                    batch.append(encoded)
                if batch:
                    proc.write(b"".join(batch))
                    sent += len(batch)
                continue
            line = proc.next_line(self.timeout)
            if line is None:
                yield Failure(Outcome.TIMEOUT, f"no answer within {self.timeout:g} s")
                self.timeouts_in_a_row += 1
                self._crashed()
                return
            self.timeouts_in_a_row = 0
            if line == EOF or (line != TOO_LONG and not line.endswith(b"\n")):
                what = "exited after a partial answer line" if line else proc.exit_text()
                yield Failure(Outcome.CRASH, with_stderr(
                    f"the testee {what} while this case was pending", proc.stderr_tail()))
                self._crashed()
                return
            replies = self._match(line, requests, start, pos, sent)
            yield from replies
            pos += len(replies)

    def _crashed(self) -> None:
        self.crashes += 1
        self._kill()

    def _match(
        self, line: bytes, requests: Sequence[Request], start: int, pos: int, sent: int
    ) -> list[Reply]:
        """Replies that this line settles: usually one; more when the testee skipped ids;
        none when it is a late answer to a settled case (after a stray line on stdout).
        ``sent``: requests before this index were sent."""
        expected = requests[pos]
        if line == TOO_LONG:
            return [Failure(Outcome.ERROR, f"garbage answer: line longer than {MAX_LINE} bytes")]
        answer = read_answer(line, expected.op)
        if isinstance(answer, Failure):
            return [answer]
        if answer.id == expected.id:
            return [answer]
        if any(r.id == answer.id for r in requests[max(start, pos - self.window):pos]):
            return []
        horizon = min(sent, pos + self.window)
        for later in range(pos + 1, horizon):
            if requests[later].id == answer.id and requests[later].op == expected.op:
                skipped = Failure(
                    Outcome.ERROR, f"no answer: the testee answered {answer.id!r} first"
                )
                return [*([skipped] * (later - pos)), answer]
        return [wrong_id(answer, expected)]


def _line(
    requests: Sequence[Request], lines: list[bytes | Failure | None], i: int
) -> bytes | Failure:
    """Request ``i`` as a protocol line (encoded once), or why it cannot be sent."""
    line = lines[i]
    if line is None:
        line = lines[i] = request_line(requests[i])
    return line
