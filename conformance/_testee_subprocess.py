"""A program speaking the JSON-lines protocol, kept running: pipelined, timed, restarted."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import math
import os
import select
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from typing import IO

from conformance._outcome import Outcome
from conformance._protocol import (
    HELLO_LINE,
    MAX_LINE,
    STOP_LINE,
    Failure,
    ProtocolError,
    Reply,
    Request,
    TesteeInfo,
    decode_line,
    parse_hello,
)
from conformance._testee import (
    DEFAULT_STARTUP_TIMEOUT,
    DEFAULT_TIMEOUT,
    STDERR_KEPT,
    Testee,
    TesteeError,
    read_answer,
    request_line,
    spawn,
    with_stderr,
    wrong_id,
)

WINDOW = 1024  # requests in flight (sent, their answers not yet taken)
FIRST = 16  # requests in the first write of a session (the testee starts on them at once)
STEP = 128  # requests per later write
PIPE_SIZE = 1 << 20  # bytes of pipe buffer asked for (Linux)
MAX_CRASHES = 100  # after this many restarts the remaining cases end as crashes
MAX_TIMEOUTS_IN_A_ROW = 3  # then the testee is taken to have stopped answering altogether

_EOF = b""
_TOO_LONG = b"\0too long"


class _Process:
    """One running testee process. Its stdin and stdout are served by the caller's thread
    (non-blocking writes, ``poll`` for reads, so no thread hand-over per batch); a daemon
    thread drains stderr."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None) -> None:
        self.popen = spawn(argv, env, bufsize=0)
        assert self.popen.stdin is not None and self.popen.stdout is not None
        assert self.popen.stderr is not None
        self.in_fd = self.popen.stdin.fileno()
        self.out_fd = self.popen.stdout.fileno()
        os.set_blocking(self.in_fd, False)
        for fd in (self.in_fd, self.out_fd):
            _grow_pipe(fd)
        self.poller = select.poll()
        self.poller.register(self.out_fd, select.POLLIN)
        self.watching = {self.out_fd}
        self.pending = bytearray()  # written by the caller, not yet taken by the pipe
        self.broken = False  # stdin cannot be written any more
        self.ready: collections.deque[bytes] = collections.deque()
        self.partial = b""
        self.skipping = False  # inside a line longer than MAX_LINE
        self.tail: collections.deque[bytes] = collections.deque()
        self.tail_size = 0
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self._drain_stderr, args=(self.popen.stderr,),
                                        daemon=True)
        self._thread.start()

    def _read_stdout(self) -> None:
        """Read what stdout has (one chunk) and queue its complete lines."""
        try:
            chunk = os.read(self.out_fd, 1 << 16)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self.poller.unregister(self.out_fd)
            self.watching.discard(self.out_fd)
            tail = [_TOO_LONG] if self.skipping else [self.partial] if self.partial else []
            self.ready.extend([*tail, _EOF])
            return
        lines = (self.partial + chunk).split(b"\n") if self.partial else chunk.split(b"\n")
        self.partial = lines.pop()
        ready = self.ready
        for line in lines:
            if self.skipping:
                self.skipping = False
                ready.append(_TOO_LONG)
            elif len(line) >= MAX_LINE:
                ready.append(_TOO_LONG)
            else:
                ready.append(line + b"\n")
        if len(self.partial) >= MAX_LINE:
            self.partial, self.skipping = b"", True

    def _drain_stderr(self, stream: IO[bytes]) -> None:
        try:
            while True:
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    return
                with self.lock:
                    self.tail.append(chunk)
                    self.tail_size += len(chunk)
                    while self.tail_size - len(self.tail[0]) >= STDERR_KEPT:
                        self.tail_size -= len(self.tail.popleft())
        except (OSError, ValueError):
            return

    def stderr_tail(self) -> str:
        with self.lock:
            data = b"".join(self.tail)[-STDERR_KEPT:]
        return data.decode("utf-8", "replace").strip()

    def write(self, data: bytes) -> bool:
        """Queue data for stdin and send what the pipe takes now; False once stdin is broken."""
        if self.broken:
            return False
        waiting = bool(self.pending)
        self.pending += data
        if not waiting:
            self._flush()
        return not self.broken

    def _flush(self) -> None:
        """Send queued stdin data until the pipe is full; poll for room while some is left."""
        pending = self.pending
        waiting = self.in_fd in self.watching
        try:
            while pending:
                del pending[:os.write(self.in_fd, pending)]
        except BlockingIOError:
            pass
        except (OSError, ValueError):
            self.broken = True
            pending.clear()
        if pending and not waiting:
            self.poller.register(self.in_fd, select.POLLOUT)
            self.watching.add(self.in_fd)
        elif not pending and waiting:
            self.poller.unregister(self.in_fd)
            self.watching.discard(self.in_fd)

    def next_line(self, timeout: float) -> bytes | None:
        """The next stdout line, ``_EOF`` when it ended, ``None`` on timeout; meanwhile feeds
        stdin with whatever :meth:`write` could not send at once."""
        ready = self.ready
        if ready:
            return ready.popleft()
        if self.pending:
            self._flush()
        deadline = time.monotonic() + timeout
        while not ready:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            for fd, _ in self.poller.poll(math.ceil(remaining * 1000)):
                if fd == self.out_fd:
                    self._read_stdout()
                else:
                    self._flush()
        return ready.popleft()

    def exit_text(self) -> str:
        try:
            code = self.popen.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "closed its stdout but is still running"
        return f"exited with status {code}"

    def stop(self, graceful: bool) -> None:
        if graceful and self.popen.poll() is None:
            self.write(STOP_LINE)
        with contextlib.suppress(OSError, ValueError):
            assert self.popen.stdin is not None
            self.popen.stdin.close()
        try:
            self.popen.wait(timeout=2 if graceful else 0.01)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
        self._thread.join(timeout=2)
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _grow_pipe(fd: int) -> None:
    """Ask for a 1 MiB pipe buffer (Linux), so a whole window of requests goes in one write."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setpipe, PIPE_SIZE)


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
        self.proc: _Process | None = None
        self._last_tail = ""

    def _spawn(self) -> TesteeInfo:
        proc = _Process(self.argv, self.env)
        self.proc = proc
        if not proc.write(HELLO_LINE):
            line: bytes | None = _EOF
        else:
            line = proc.next_line(self.startup_timeout)
        name = os.path.basename(self.argv[0])
        if line is None:
            self._kill()
            raise TesteeError(with_stderr(
                f"{name} did not answer the hello within {self.startup_timeout:g} s",
                proc.stderr_tail()))
        if line == _EOF:
            text = proc.exit_text()
            self._kill()
            raise TesteeError(with_stderr(f"{name} {text} during the handshake",
                                          proc.stderr_tail()))
        try:
            return parse_hello(decode_line(line) if line != _TOO_LONG else None)
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
            if line == _EOF or (line != _TOO_LONG and not line.endswith(b"\n")):
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
        if line == _TOO_LONG:
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
