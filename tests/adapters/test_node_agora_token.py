"""npm agora-token 2.0.6 through adapters/node-agora-token: known answers, pinning, full suite."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    APP_ID,
    CERT,
    SIG007_CHAT_USER,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    build_request,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

NAME = "node-agora-token"


def test_hello_declares_every_builder_family_of_the_package() -> None:
    hello = ask(NAME, [])[0]
    assert hello["implementation"]["version"] == "2.0.6"
    builders = set(hello["builders"])
    # docs/implementations.md section 2.1: exports of index.js plus the deep-required 006 modules
    for expected in ("rtc2.build_token_with_rtm2", "rtm2.build_token_with_permissions",
                     "chat2.build_app_token", "apaas2.build_room_user_token",
                     "education2.build_user_token", "fpa2.build_token", "convoai2.build_token",
                     "stt2.build_token", "rtc.build_token_with_user_account", "rtm.build_token"):
        assert expected in builders
    assert "simple_token_builder.script" not in builders  # the package has none
    assert hello["verify_mode"] == []


def test_006_public_builders_reproduce_the_upstream_vectors() -> None:
    answers = ask(NAME, [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


def test_006_salt_is_honoured_although_the_module_draws_it_at_load() -> None:
    other = {**rtc006_request(), "id": "salt-7", "salt": 7}
    answers = ask(NAME, [rtc006_request(), other, rtc006_request()])
    tokens = [a["token"] for a in answers[1:]]
    assert tokens[0] == tokens[2] == TOKEN006_PUBLISHER
    assert decode(tokens[1]).to_fields()["salt"] == 7


def test_007_builder_honours_salt_and_clock_and_signs_like_upstream() -> None:
    built = ask(NAME, [rtc2_request(), rtc2_request(salt=4242, now=1700000000)])
    fields_a, fields_b = (decode(str(answer["token"])).to_fields() for answer in built[1:])
    assert fields_a["signature"].startswith(SIG007_RTC_PUBLISHER)
    assert (fields_b["salt"], fields_b["issue_ts"]) == (4242, 1700000000)


def test_chat_user_token_signature_matches_section_4_2() -> None:
    req = build_request("chat2.build_user_token", {"user_id": "2882341273", "expire": 600})
    token = str(ask(NAME, [req])[1]["token"])
    assert decode(token).signature.startswith(SIG007_CHAT_USER)


def test_verify_accepts_the_right_certificate_only() -> None:
    token = ask(NAME, [rtc2_request()])[1]["token"]
    answers = ask(NAME, [
        {"op": "verify", "id": "ok", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "bad", "token": token, "app_certificate": APP_ID, "now": 1111200},
    ])
    assert answers[1] == {"id": "ok", "valid": True}
    assert answers[2]["valid"] is False and answers[2]["reason"] == "bad_signature"


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
