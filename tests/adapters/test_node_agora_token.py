"""npm agora-token 2.0.6 through adapters/node-agora-token: known answers, pinning, full suite."""

from __future__ import annotations

from collections.abc import Callable

from tests.adapters.conftest import (
    APP_ID,
    CERT,
    CHANNEL,
    SIG007_CHAT_USER,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    rtc006_request,
    rtm006_request,
)

NAME = "node-agora-token"


def _rtc2(salt: int, now: int) -> dict[str, object]:
    return {"op": "build", "id": f"rtc2-{salt}", "builder": "rtc2.build_token_with_uid",
            "args": {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL,
                     "uid": 2882341273, "role": "publisher", "token_expire": 600,
                     "privilege_expire": 600}, "salt": salt, "now": now}


def test_hello_declares_every_builder_family_of_the_package() -> None:
    hello = ask(NAME, [])[0]
    assert hello["implementation"]["version"] == "2.0.6"
    builders = set(hello["builders"])
    # real-implementations.md 2.1: exports of index.js plus the deep-required 006 modules
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
    decoded = ask(NAME, [{"op": "decode", "id": "d", "token": tokens[1]}])[1]
    assert decoded["fields"]["salt"] == 7


def test_007_builder_honours_salt_and_clock_and_signs_like_upstream() -> None:
    built = ask(NAME, [_rtc2(1, 1111111), _rtc2(4242, 1700000000)])
    first = ask(NAME, [{"op": "decode", "id": "a", "token": built[1]["token"]},
                       {"op": "decode", "id": "b", "token": built[2]["token"]}])
    fields_a, fields_b = first[1]["fields"], first[2]["fields"]
    assert fields_a["signature"].startswith(SIG007_RTC_PUBLISHER)
    assert (fields_b["salt"], fields_b["issue_ts"]) == (4242, 1700000000)


def test_chat_user_token_signature_matches_section_4_2() -> None:
    req = {"op": "build", "id": "chat", "builder": "chat2.build_user_token", "salt": 1,
           "now": 1111111, "args": {"app_id": APP_ID, "app_certificate": CERT,
                                     "user_id": "2882341273", "expire": 600}}
    token = ask(NAME, [req])[1]["token"]
    fields = ask(NAME, [{"op": "decode", "id": "d", "token": token}])[1]["fields"]
    assert fields["signature"].startswith(SIG007_CHAT_USER)


def test_verify_accepts_the_right_certificate_only() -> None:
    token = ask(NAME, [_rtc2(1, 1111111)])[1]["token"]
    answers = ask(NAME, [
        {"op": "verify", "id": "ok", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "bad", "token": token, "app_certificate": APP_ID, "now": 1111200},
    ])
    assert answers[1] == {"id": "ok", "valid": True}
    assert answers[2]["valid"] is False and answers[2]["reason"] == "bad_signature"


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
