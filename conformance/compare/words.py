"""What a case expects and what a testee answered, in a few words (a result's want and got)."""

from __future__ import annotations

from conformance.protocol import Answer, Reply
from conformance.vectors import Case

SHOWN = 100  # characters of a token or message in want/got


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def expected_words(case: Case) -> str:
    """What a case expects, in a few words (the ``want`` of a result)."""
    expect = case.expect
    if expect.error is not None:
        return f"refusal ({expect.error})"
    if expect.valid is not None:
        return f"valid: {str(expect.valid).lower()}"
    if expect.token is not None:
        return f"token {_short(expect.token)}"
    if expect.fields is not None:
        return "the decoded fields of the vector"
    return ""


def answered_words(reply: Reply | None) -> str:
    """What a testee answered, in a few words (the ``got`` of a result)."""
    if not isinstance(reply, Answer):
        return ""
    if reply.error_kind is not None:
        return _short(f"error {reply.error_kind}: {reply.reason or reply.error_message}")
    if reply.valid is not None:
        return f"valid: {str(reply.valid).lower()}"
    if reply.token is not None:
        return f"token {_short(reply.token)}" if reply.token else "an empty token (refusal)"
    return "decoded fields" if reply.fields is not None else ""
