"""npm agora-access-token 2.0.4 through adapters/node-agora-access-token (006 only)."""

from __future__ import annotations

from collections.abc import Callable

from tests.adapters.conftest import (
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    rtc006_request,
    rtm006_request,
)

NAME = "node-agora-access-token"


def test_hello_declares_006_only() -> None:
    hello = ask(NAME, [])[0]
    assert hello["implementation"]["version"] == "2.0.4"
    builders = set(hello["builders"])
    assert {"rtc.build_token_with_uid", "rtm.build_token", "access_token.build"} <= builders
    assert not any(b.startswith(("rtc2.", "chat2.", "access_token2.")) for b in builders)


def test_006_public_builders_reproduce_the_upstream_vectors() -> None:
    answers = ask(NAME, [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


def test_007_is_declared_unsupported_not_faked() -> None:
    answer = ask(NAME, [{"op": "build", "id": "x", "builder": "rtc2.build_token_with_uid",
                         "args": {}, "salt": 1, "now": 1}])[1]
    assert answer["error"]["kind"] == "unsupported"


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
