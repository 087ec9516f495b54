"""PyPI agora-token-builder 1.0.0 through adapters/python-agora-token-builder (006 only)."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    rtc006_request,
    rtm006_request,
)

NAME = "python-agora-token-builder"


def test_006_public_builders_reproduce_the_upstream_vectors() -> None:
    answers = ask(NAME, [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


def test_salt_and_clock_are_pinned_per_call_only() -> None:
    other = {**rtc006_request(), "id": "other", "salt": 99, "now": 1700000000}
    answers = ask(NAME, [other, rtc006_request()])
    fields = decode(str(answers[1]["token"])).to_fields()
    assert (fields["salt"], fields["ts"]) == (99, 1700000000 + 86400)
    assert answers[2]["token"] == TOKEN006_PUBLISHER


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
