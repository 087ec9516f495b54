"""The builder under test, whatever its transport: the common interface and a factory."""

from __future__ import annotations

import shlex
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from types import TracebackType

from conformance._protocol import Reply, Request, TesteeInfo

DEFAULT_TIMEOUT = 10.0  # seconds per case
DEFAULT_STARTUP_TIMEOUT = 30.0  # seconds for the handshake (JVMs and dotnet start slowly)


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

    def __enter__(self) -> Testee:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_testee(
    *,
    builder: str | None = None,
    command: str | Sequence[str] | None = None,
    one_shot: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
    jobs: int = 1,
) -> Testee:
    """The testee named on a command line: ``python:MODULE:OBJECT``, a command, or the reference."""
    if builder is not None and command is not None:
        raise TesteeError("give either --builder or --command, not both")
    if command is not None:
        argv = shlex.split(command) if isinstance(command, str) else list(command)
        if not argv:
            raise TesteeError("--command is empty")
        if one_shot:
            from conformance._testee_oneshot import OneShotTestee

            return OneShotTestee(argv, timeout=timeout, jobs=jobs)
        from conformance._testee_subprocess import SubprocessTestee

        return SubprocessTestee(argv, timeout=timeout, startup_timeout=startup_timeout)
    if one_shot:
        raise TesteeError("--one-shot needs --command")
    from conformance._testee_inproc import InProcessTestee

    return InProcessTestee.from_spec(builder or "python:conformance.reference_testee:REFERENCE")
