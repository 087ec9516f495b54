"""How one selected case ends: the vocabulary every room after the testee shares.

The testee already decides four of them (timeout, crash, error, unsupported) when a reply is a
transport failure, so the enum lives here, below the comparison that decides the rest.
"""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    """What happened to one selected case; the values appear in every report."""

    PASS = "pass"  # the testee's answer conforms
    FAIL = "fail"  # the testee answered, and the answer does not conform
    ERROR = "error"  # the answer could not be used (garbage, wrong id, internal error, ...)
    TIMEOUT = "timeout"  # no answer within the per-case timeout
    CRASH = "crash"  # the testee exited while the case was pending
    UNSUPPORTED = "unsupported"  # the testee does not declare the builder or operation
    XFAIL = "xfail"  # did not pass, and the expected-failures file says so
    XPASS = "xpass"  # passed although the expected-failures file says it fails

    @property
    def ok(self) -> bool:
        """True when this outcome does not fail the run."""
        return self in _OK


_OK = frozenset({Outcome.PASS, Outcome.XFAIL, Outcome.UNSUPPORTED})

OUTCOME_ORDER: tuple[Outcome, ...] = tuple(Outcome)
