"""Upstream Lua adapter (AgoraIO/Tools lua @ da06bfb under Lua 5.3): known answers, pinning,
decode/verify, and the whole suite."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    rtc2_request,
)

NAME = "upstream-lua"


def test_pinned_builders_reproduce_the_007_known_answers() -> None:
    join, publisher = ask(NAME, [rtc2_request("subscriber"), rtc2_request()])[1:]
    # lua-zlib is the system zlib, like CPython's: the KAT's very text comes out
    assert join["token"] == "007" + TOKEN_AT2_RTC_UID
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)


def test_null_salt_and_clock_fall_through_to_os_time_and_math_random() -> None:
    answer = ask(NAME, [{**rtc2_request("subscriber"), "salt": None, "now": None}])[1]
    fields = decode(str(answer["token"])).to_fields()
    assert fields["issue_ts"] > 1111111
    assert 1 <= fields["salt"] <= 99999999


def test_the_tree_has_no_convoai_or_stt_service_class() -> None:
    request = build_request("access_token2.build",
                            {"expire": 600, "services": [{"type": 9, "privileges": {}}]})
    assert ask(NAME, [request])[1]["error"]["kind"] == "unsupported"


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, expired, at1 = ask(NAME, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "verify", "id": "x", "token": token, "app_certificate": CERT, "now": 1111712},
        {"op": "decode", "id": "y", "token": TOKEN006_PUBLISHER},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert expired == {"id": "x", "valid": False, "reason": "expired"}
    assert at1["error"]["kind"] == "unsupported"  # the lua tree has no 006


def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(NAME)
