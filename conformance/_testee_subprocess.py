"""A program speaking the JSON-lines protocol, kept running: pipelined, timed, restarted."""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import subprocess
import threading
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
    parse_answer,
    parse_hello,
)
from conformance._testee import DEFAULT_STARTUP_TIMEOUT, DEFAULT_TIMEOUT, Testee, TesteeError

STDERR_TAIL = 4096  # bytes of stderr kept for messages
WINDOW = 256  # requests in flight
BATCH = 64  # requests per write
MAX_CRASHES = 100  # after this many restarts the remaining cases end as crashes
MAX_TIMEOUTS_IN_A_ROW = 3  # then the testee is taken to have stopped answering altogether

_EOF = b""
_TOO_LONG = b"\0too long"


class _Process:
    """One running testee process with a stdout reader and a stderr drain."""

    def __init__(self, argv: Sequence[str], env: dict[str, str] | None) -> None:
        try:
            self.popen = subprocess.Popen(
                list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=env, bufsize=0,
            )
        except OSError as exc:
            raise TesteeError(f"cannot start {argv[0]!r}: {exc.strerror or exc}") from None
        self.lines: queue.Queue[list[bytes]] = queue.Queue()
        self.ready: collections.deque[bytes] = collections.deque()
        self.tail: collections.deque[bytes] = collections.deque()
        self.tail_size = 0
        self.lock = threading.Lock()
        assert self.popen.stdout is not None and self.popen.stderr is not None
        self._threads = [
            threading.Thread(target=self._read_stdout, args=(self.popen.stdout,), daemon=True),
            threading.Thread(target=self._drain_stderr, args=(self.popen.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_stdout(self, stream: IO[bytes]) -> None:
        """Read stdout in chunks; hand over complete lines in batches (one queue item each)."""
        partial = b""
        skipping = False  # inside a line longer than MAX_LINE
        try:
            while True:
                chunk = os.read(stream.fileno(), 1 << 16)
                if not chunk:
                    break
                lines = (partial + chunk).split(b"\n")
                partial = lines.pop()
                batch = []
                for line in lines:
                    if skipping:
                        skipping = False
                        batch.append(_TOO_LONG)
                    elif len(line) >= MAX_LINE:
                        batch.append(_TOO_LONG)
                    else:
                        batch.append(line + b"\n")
                if len(partial) >= MAX_LINE:
                    partial, skipping = b"", True
                if batch:
                    self.lines.put(batch)
        except (OSError, ValueError):
            pass
        tail = [_TOO_LONG] if skipping else [partial] if partial else []
        self.lines.put([*tail, _EOF])

    def _drain_stderr(self, stream: IO[bytes]) -> None:
        try:
            while True:
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    return
                with self.lock:
                    self.tail.append(chunk)
                    self.tail_size += len(chunk)
                    while self.tail_size - len(self.tail[0]) >= STDERR_TAIL:
                        self.tail_size -= len(self.tail.popleft())
        except (OSError, ValueError):
            return

    def stderr_tail(self) -> str:
        with self.lock:
            data = b"".join(self.tail)[-STDERR_TAIL:]
        return data.decode("utf-8", "replace").strip()

    def write(self, data: bytes) -> bool:
        try:
            assert self.popen.stdin is not None
            self.popen.stdin.write(data)
            return True
        except (OSError, ValueError):
            return False

    def next_line(self, timeout: float) -> bytes | None:
        """The next stdout line, ``_EOF`` when it ended, ``None`` on timeout."""
        if not self.ready:
            try:
                self.ready.extend(self.lines.get(timeout=timeout))
            except queue.Empty:
                return None
        return self.ready.popleft()

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
        for thread in self._threads:
            thread.join(timeout=2)
        for stream in (self.popen.stdout, self.popen.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


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

    def _with_tail(self, message: str, proc: _Process) -> str:
        tail = proc.stderr_tail()
        return f"{message}; stderr: {tail[-600:]}" if tail else message

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
            raise TesteeError(self._with_tail(
                f"{name} did not answer the hello within {self.startup_timeout:g} s", proc))
        if line == _EOF:
            text = proc.exit_text()
            self._kill()
            raise TesteeError(self._with_tail(f"{name} {text} during the handshake", proc))
        try:
            return parse_hello(decode_line(line) if line != _TOO_LONG else None)
        except ProtocolError as exc:
            self._kill()
            raise TesteeError(self._with_tail(f"{name} sent a bad hello: {exc}", proc)) from None

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
        lines: list[bytes | Failure] = []
        for request in requests:
            try:
                lines.append(request.line())
            except (TypeError, ValueError) as exc:
                lines.append(Failure(Outcome.ERROR, f"request is not JSON data: {exc}"))
        pos = 0
        while pos < len(requests):
            if isinstance(lines[pos], Failure):
                yield lines[pos]  # type: ignore[misc]
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
        self, requests: Sequence[Request], lines: list[bytes | Failure], start: int
    ) -> Iterator[Reply]:
        """Pipeline from ``start`` until the end, or until the process must be replaced."""
        proc = self.proc
        assert proc is not None
        end = start
        while end < len(lines) and not isinstance(lines[end], Failure):
            end += 1
        credits = threading.Semaphore(self.window)
        stop = threading.Event()
        writer = threading.Thread(
            target=_write_all, args=(proc, lines[start:end], credits, stop), daemon=True
        )
        writer.start()
        try:
            pos = start
            while pos < end:
                line = proc.next_line(self.timeout)
                if line is None:
                    yield Failure(Outcome.TIMEOUT, f"no answer within {self.timeout:g} s")
                    self.timeouts_in_a_row += 1
                    self._crashed()
                    return
                self.timeouts_in_a_row = 0
                if line == _EOF or (line != _TOO_LONG and not line.endswith(b"\n")):
                    what = "exited after a partial answer line" if line else proc.exit_text()
                    yield Failure(Outcome.CRASH, self._with_tail(
                        f"the testee {what} while this case was pending", proc))
                    self._crashed()
                    return
                replies = self._match(line, requests, start, pos, end)
                for _ in replies:
                    credits.release()
                yield from replies
                pos += len(replies)
        finally:
            stop.set()

    def _crashed(self) -> None:
        self.crashes += 1
        self._kill()

    def _match(
        self, line: bytes, requests: Sequence[Request], start: int, pos: int, end: int
    ) -> list[Reply]:
        """Replies that this line settles: usually one; more when the testee skipped ids;
        none when it is a late answer to a settled case (after a stray line on stdout)."""
        expected = requests[pos]
        if line == _TOO_LONG:
            return [Failure(Outcome.ERROR, f"garbage answer: line longer than {MAX_LINE} bytes")]
        try:
            obj = decode_line(line)
            answer = parse_answer(obj, expected.op)
        except ProtocolError as exc:
            return [Failure(Outcome.ERROR, f"garbage answer: {exc}")]
        if answer.id == expected.id:
            return [answer]
        if any(r.id == answer.id for r in requests[max(start, pos - self.window):pos]):
            return []
        horizon = min(end, pos + self.window)
        for later in range(pos + 1, horizon):
            if requests[later].id == answer.id and requests[later].op == expected.op:
                skipped = Failure(
                    Outcome.ERROR, f"no answer: the testee answered {answer.id!r} first"
                )
                return [*([skipped] * (later - pos)), answer]
        return [Failure(Outcome.ERROR,
                        f"answer has the wrong id {answer.id!r:.80} (expected {expected.id!r})")]


def _write_all(
    proc: _Process, lines: list[bytes | Failure], credits: threading.Semaphore,
    stop: threading.Event,
) -> None:
    """Writer thread: send lines in batches, never more than the window in flight."""
    batch: list[bytes] = []
    for line in lines:
        if not credits.acquire(blocking=False):
            if batch and not proc.write(b"".join(batch)):
                return
            batch.clear()
            while not credits.acquire(timeout=0.05):
                if stop.is_set():
                    return
        if stop.is_set():
            return
        assert isinstance(line, bytes)
        batch.append(line)
        if len(batch) >= BATCH:
            if not proc.write(b"".join(batch)):
                return
            batch.clear()
    if batch:
        proc.write(b"".join(batch))
