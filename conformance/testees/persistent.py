"""A program speaking the JSON-lines protocol, kept running: pipelined, timed, restarted."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from conformance.protocol import (
    HELLO_LINE,
    MAX_LINE,
    Answer,
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
    answer_from,
    request_line,
    with_stderr,
    wrong_id,
)
from conformance.testees.pipes import EOF, TOO_LONG, TesteeProcess

WINDOW = 1024  # requests in flight (sent, their answers not yet taken)
FIRST = 16  # requests in the first write of a session (the testee starts on them at once)
STEP = 128  # requests per later write
MAX_CRASHES = 100  # crashes (exits, closed stdout, lines too long) over a run, then give up
MAX_TIMEOUTS = 3  # timeouts over a run: then the testee is taken to hang, and given up
MAX_FRUITLESS = 10  # processes in a row that failed before answering HEALTHY cases: give up
HEALTHY = 4  # good answers a process must give to count as working (one per process is not)


class SubprocessTestee(Testee):
    """Persistent testee (docs/testee-protocol.md): one process for many requests.

    A process that times out or crashes is killed with its whole process group and replaced.
    The restart budget counts timeouts and crashes apart, over the whole run, and also the
    processes in a row that failed before answering :data:`HEALTHY` cases; none of them is
    reset by an answer, so a testee that fails in every process ends in bounded time."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        window: int = WINDOW,
        env: dict[str, str] | None = None,
        max_crashes: int = MAX_CRASHES,
        max_timeouts: int = MAX_TIMEOUTS,
    ) -> None:
        self.argv = list(argv)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.window = max(1, window)
        self.env = env
        self.max_crashes = max_crashes
        self.max_timeouts = max_timeouts
        self.crashes = 0
        self.timeouts = 0
        self.fruitless = 0  # processes in a row that failed before answering HEALTHY cases
        self.proc: TesteeProcess | None = None
        self._last_tail = ""
        self._answered: set[str] = set()  # ids settled by a well-formed answer
        self._twice: dict[str, str] = {}

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

    def misbehaviour(self) -> dict[str, str]:
        return dict(self._twice)

    def _given_up(self) -> Failure | None:
        """Why no new process is started (the restart budget is spent), or None."""
        if self.timeouts >= self.max_timeouts:
            return Failure(Outcome.TIMEOUT, f"not run: the testee timed out {self.timeouts} "
                           "times, giving up")
        if self.crashes >= self.max_crashes:
            return Failure(Outcome.CRASH, f"not run: the testee crashed {self.crashes} times, "
                           "giving up")
        if self.fruitless >= MAX_FRUITLESS:
            return Failure(Outcome.CRASH, f"not run: {self.fruitless} testee processes in a row "
                           f"failed before answering {HEALTHY} cases ({self.crashes} crashes, "
                           f"{self.timeouts} timeouts), giving up")
        return None

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
                given_up = self._given_up()
                if given_up is not None:
                    for _ in range(pos, len(requests)):
                        yield given_up
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
        good = 0
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
                self._failed(good, timeout=True)
                return
            if line == TOO_LONG:
                yield Failure(Outcome.ERROR, f"garbage answer: line longer than {MAX_LINE} "
                              "bytes (the testee is restarted)")
                self._failed(good, timeout=False)
                return
            if line == EOF or not line.endswith(b"\n"):
                what = "exited after a partial answer line" if line else proc.exit_text()
                yield Failure(Outcome.CRASH, with_stderr(
                    f"the testee {what} while this case was pending", proc.stderr_tail()))
                self._failed(good, timeout=False)
                return
            replies = self._match(line, requests, start, pos, sent)
            for reply in replies:
                if isinstance(reply, Answer):
                    good += 1
                    self._answered.add(reply.id)
                yield reply
            pos += len(replies)
        self._note_duplicates(proc, requests, start, end)

    def _failed(self, good: int, timeout: bool) -> None:
        """Count a timeout or a crash against the budget and kill the process (group)."""
        if timeout:
            self.timeouts += 1
        else:
            self.crashes += 1
        self.fruitless = self.fruitless + 1 if good < HEALTHY else 0
        self._kill()

    def _note_duplicates(self, proc: TesteeProcess, requests: Sequence[Request], start: int,
                         end: int) -> None:
        """Lines already read after the last answer of a session: a second answer to a
        settled case is recorded (:meth:`misbehaviour`)."""
        proc.poll_now()
        while proc.ready and proc.ready[0] not in (EOF, TOO_LONG):
            answer_id = _id_of(proc.ready.popleft())
            if answer_id is not None and self._settled(answer_id, requests, start, end):
                self._twice.setdefault(answer_id, "the testee answered this case twice")

    def _settled(self, answer_id: str, requests: Sequence[Request], start: int, pos: int) -> bool:
        """Whether ``answer_id`` is a request of this session before ``pos`` (in the window)."""
        return any(r.id == answer_id for r in requests[max(start, pos - self.window):pos])

    def _match(
        self, line: bytes, requests: Sequence[Request], start: int, pos: int, sent: int
    ) -> list[Reply]:
        """Replies that this line settles: usually one; more when the testee skipped ids;
        none when it answers a settled case again (late, after a stray line, or twice).
        The answer is read against the operation of the request its id names. ``sent``:
        requests before this index were sent."""
        expected = requests[pos]
        try:
            obj = decode_line(line)
        except ProtocolError as exc:
            return [Failure(Outcome.ERROR, f"garbage answer: {exc}")]
        answer_id = obj.get("id") if isinstance(obj, dict) else None
        if answer_id == expected.id or not isinstance(answer_id, str):
            return [answer_from(obj, expected.op)]
        if self._settled(answer_id, requests, start, pos):
            if answer_id in self._answered:
                self._twice.setdefault(answer_id, "the testee answered this case twice")
            return []
        for later in range(pos + 1, min(sent, pos + self.window)):
            if requests[later].id == answer_id:
                skipped = Failure(
                    Outcome.ERROR, f"no answer: the testee answered {answer_id!r} first"
                )
                return [*([skipped] * (later - pos)), answer_from(obj, requests[later].op)]
        return [wrong_id(answer_id, expected)]


def _id_of(line: bytes) -> str | None:
    try:
        obj = decode_line(line)
    except ProtocolError:
        return None
    answer_id = obj.get("id") if isinstance(obj, dict) else None
    return answer_id if isinstance(answer_id, str) else None


def _line(
    requests: Sequence[Request], lines: list[bytes | Failure | None], i: int
) -> bytes | Failure:
    """Request ``i`` as a protocol line (encoded once), or why it cannot be sent."""
    line = lines[i]
    if line is None:
        line = lines[i] = request_line(requests[i])
    return line
