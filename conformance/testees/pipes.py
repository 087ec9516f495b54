"""A running testee program: non-blocking stdin writes, stdout lines by poll, stderr kept."""

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
from collections.abc import Sequence
from typing import IO

from conformance.protocol import MAX_LINE, STOP_LINE
from conformance.testees.base import STDERR_KEPT, kill_group, spawn

PIPE_SIZE = 1 << 20  # bytes of pipe buffer asked for (Linux)
IDLE_CHECK = 0.25  # seconds between checks that the testee still runs while no line comes
EXIT_GRACE = 0.25  # seconds a testee that closed its stdout is given to exit

EOF = b""  # from next_line: stdout ended (or was abandoned)
TOO_LONG = b"\0too long"  # from next_line: a line of MAX_LINE bytes or more; then EOF


class TesteeProcess:
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
            self._unwatch_stdout()
            self.ready.extend([self.partial, EOF] if self.partial else [EOF])
            return
        lines = (self.partial + chunk).split(b"\n") if self.partial else chunk.split(b"\n")
        self.partial = lines.pop()
        ready = self.ready
        for line in lines:
            if len(line) >= MAX_LINE:
                self._abandon()
                return
            ready.append(line + b"\n")
        if len(self.partial) >= MAX_LINE:
            self._abandon()

    def _abandon(self) -> None:
        """A line of ``MAX_LINE`` bytes or more: queue ``TOO_LONG`` and read stdout no more
        (the testee is replaced; reading a huge line to its end would only cost time)."""
        self.ready.append(TOO_LONG)
        self.partial = b""
        self._unwatch_stdout()

    def _unwatch_stdout(self) -> None:
        if self.out_fd in self.watching:
            self.poller.unregister(self.out_fd)
            self.watching.discard(self.out_fd)

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
        """The next stdout line, ``EOF`` when it ended, ``None`` on timeout; meanwhile feeds
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
            if self.out_fd not in self.watching:
                return EOF  # stdout was abandoned (a line too long): nothing more comes
            events = self.poller.poll(math.ceil(min(remaining, IDLE_CHECK) * 1000))
            for fd, _ in events:
                if fd == self.out_fd:
                    self._read_stdout()
                else:
                    self._flush()
            if not events and self.popen.poll() is not None:
                # The testee exited, yet stdout stays open: something it started holds it.
                self.poll_now()
                if not ready:
                    ready.append(EOF)
        return ready.popleft()

    def poll_now(self) -> None:
        """Take whatever stdout holds without waiting."""
        if self.out_fd in self.watching and self.poller.poll(0):
            self._read_stdout()

    def exit_text(self) -> str:
        try:
            code = self.popen.wait(timeout=EXIT_GRACE)
        except subprocess.TimeoutExpired:
            return "closed its stdout but is still running"
        self._thread.join(timeout=EXIT_GRACE)  # its last words on stderr, for the message
        return f"exited with status {code}"

    def stop(self, graceful: bool) -> None:
        if graceful and self.popen.poll() is None:
            self.write(STOP_LINE)
        with contextlib.suppress(OSError, ValueError):
            assert self.popen.stdin is not None
            self.popen.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=2 if graceful else 0.01)
        kill_group(self.popen)  # the testee if it is still running, and whatever it started
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
