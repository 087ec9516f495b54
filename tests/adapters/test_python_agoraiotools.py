"""PyPI agoraiotools 0.3.4 through adapters/python-agoraiotools: known answers and findings."""

from __future__ import annotations

from collections.abc import Callable

from tests.adapters.conftest import (
    APP_ID,
    CERT,
    CHANNEL,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    ask,
    rtc006_request,
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
    req = {"op": "build", "id": "rtc2", "builder": "rtc2.build_token_with_uid", "salt": 1,
           "now": 1111111, "args": {"app_id": APP_ID, "app_certificate": CERT,
                                     "channel_name": CHANNEL, "uid": 2882341273,
                                     "role": "publisher", "token_expire": 600,
                                     "privilege_expire": 600}}
    token = ask(NAME, [req])[1]["token"]
    fields = ask(NAME, [{"op": "decode", "id": "d", "token": token}])[1]["fields"]
    assert fields["signature"].startswith(SIG007_RTC_PUBLISHER)
    assert (fields["salt"], fields["issue_ts"]) == (1, 1111111)


def test_broken_uid_and_privilege_builder_is_reported_not_hidden() -> None:
    # real-implementations.md 3.2: RtcTokenBuilder2.build_token_with_uid_and_privilege raises
    req = {"op": "build", "id": "p", "builder": "rtc2.build_token_with_uid_and_privilege",
           "salt": 1, "now": 1111111, "args": {"app_id": APP_ID, "app_certificate": CERT,
                                               "channel_name": CHANNEL, "uid": 2882341273,
                                               **PRIVILEGES}}
    answer = ask(NAME, [req])[1]
    assert answer["error"]["kind"] == "internal"
    assert "AttributeError" in answer["error"]["message"]


def test_full_suite_has_no_unexpected_outcome(assert_suite_passes: Callable[[str], None]) -> None:
    assert_suite_passes(NAME)
