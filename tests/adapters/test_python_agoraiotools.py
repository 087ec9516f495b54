"""PyPI agoraiotools 0.3.4 through adapters/python-agoraiotools: known answers and findings."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    CHANNEL,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    build_request,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

NAME = "python-agoraiotools"
PRIVILEGES = {"token_expire": 600, "join_channel_privilege_expire": 600,
              "pub_audio_privilege_expire": 600, "pub_video_privilege_expire": 600,
              "pub_data_privilege_expire": 600}


def test_006_public_builders_reproduce_the_upstream_vectors() -> None:
    answers = ask(NAME, [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


def test_007_builder_signature_matches_section_4_2() -> None:
    token = str(ask(NAME, [rtc2_request()])[1]["token"])
    fields = decode(token).to_fields()
    assert fields["signature"].startswith(SIG007_RTC_PUBLISHER)
    assert (fields["salt"], fields["issue_ts"]) == (1, 1111111)


def test_broken_uid_and_privilege_builder_is_reported_not_hidden() -> None:
    # docs/implementations.md §3.2: RtcTokenBuilder2.build_token_with_uid_and_privilege raises
    req = build_request("rtc2.build_token_with_uid_and_privilege",
                        {"channel_name": CHANNEL, "uid": 2882341273, **PRIVILEGES})
    answer = ask(NAME, [req])[1]
    assert answer["error"]["kind"] == "internal"
    assert "AttributeError" in answer["error"]["message"]


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
