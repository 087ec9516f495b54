"""Upstream Java sources (AgoraIO/Tools AgoraDynamicKey/java @ da06bfb, e683513, 55f8354):
known answers with the pinned clock and salt, findings, and the full suite runs."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    SIG007_CHAT_USER,
    TOKEN006_RTM,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

NAMES = ["upstream-java", "upstream-2020-java", "upstream-stb-java"]


def test_pinned_public_builder_reproduces_the_007_known_answer() -> None:
    # The public RtcTokenBuilder2 with Utils.getTimestamp/randomInt pinned: the at2-rtc-uid KAT.
    rtc, chat = ask("upstream-java", [
        rtc2_request("subscriber"),
        build_request("chat2.build_user_token", {"user_id": "2882341273", "expire": 600}),
    ])[1:]
    assert rtc["token"] == "007" + TOKEN_AT2_RTC_UID
    assert decode(str(rtc["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(chat["token"])).signature.startswith(SIG007_CHAT_USER)


def test_006_rtm_matches_the_known_answer() -> None:
    assert ask("upstream-java", [rtm006_request()])[1]["token"] == TOKEN006_RTM


def test_d04_a_uid_above_2_31_becomes_a_negative_decimal_in_006() -> None:
    fields = decode(str(ask("upstream-java", [rtc006_request()])[1]["token"])).to_fields()
    assert fields["crc_uid"] == zlib.crc32(b"-1412626023")


def test_d06_a_006_subscriber_gets_the_publish_privileges() -> None:
    token = ask("upstream-java", [rtc006_request("subscriber")])[1]["token"]
    fields = decode(str(token)).to_fields()
    assert sorted(fields["privileges"]) == ["1", "2", "3", "4"]


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = str(ask("upstream-java", [rtc2_request("publisher")])[1]["token"])
    fields, good, bad = ask("upstream-java", [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


def test_simple_token_builder_k1_string_uid_is_the_at1_known_answer() -> None:
    # docs/simple-token-builder.md K-1: JoinChannel = 1446455471 for uid "2882341273", salt 1,
    # ts 1111111 (now = ts - 86400) is the at1-uid token (docs/formats.md 10.1).
    script = build_request("simple_token_builder.script", {
        "channel_name": "7d72365eb983485397e3e3f9d460bdda", "uid": "2882341273",
        "steps": [{"set_privilege": [1, 1446455471]}, {"build_token": None}]}, 1, 1111111 - 86400)
    answer = ask("upstream-stb-java", [script])[1]
    assert answer["results"] == [None, answer["token"]]
    fields = decode(str(answer["token"])).to_fields()
    assert fields["crc_uid"] == zlib.crc32(b"2882341273")
    assert (fields["salt"], fields["ts"], fields["privileges"]) == (1, 1111111, {"1": 1446455471})


def test_2020_rtc_builder_pins_ts_a_day_after_now() -> None:
    token = ask("upstream-2020-java", [rtc006_request("publisher")])[1]["token"]
    fields = decode(str(token)).to_fields()
    assert (fields["salt"], fields["ts"]) == (1, 1111111)


@pytest.mark.parametrize("name", NAMES)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)
