"""``open_testee``: the testee named on a command line, built from the transport classes.

It lives apart from ``base`` so that the classes import their interface without importing the
factory that imports them back.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.testees.base import (
    DEFAULT_STARTUP_TIMEOUT,
    DEFAULT_TIMEOUT,
    Testee,
    TesteeError,
    split_command,
)
from conformance.testees.inproc import InProcessTestee
from conformance.testees.oneshot import OneShotTestee
from conformance.testees.persistent import SubprocessTestee


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
        argv = split_command(command) if isinstance(command, str) else list(command)
        if not argv:
            raise TesteeError("--command is empty")
        if one_shot:
            return OneShotTestee(argv, timeout=timeout, jobs=jobs)
        return SubprocessTestee(argv, timeout=timeout, startup_timeout=startup_timeout)
    if one_shot:
        raise TesteeError("--one-shot needs --command")
    return InProcessTestee.from_spec(builder or "python:conformance.reference_testee:REFERENCE")
