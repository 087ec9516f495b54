"""Java adapter (io.agora:authentication): known answers, findings, and the full suite run."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    CHANNEL,
    SIG007_CHAT_USER,
    TOKEN006_RTM,
    ask,
    build_request,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

NAMES = ["java-authentication", "java-authentication-builders"]
# docs/implementations.md section 4.2: the Chat user token equals upstream's Java test vector.
CHAT_USER_TOKEN = (
    "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0"
    "NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg="
)


def test_exact_mode_reproduces_the_007_known_answers_byte_for_byte() -> None:
    rtc, chat = ask("java-authentication", [
        rtc2_request("subscriber"),
        build_request("chat2.build_user_token", {"user_id": "2882341273", "expire": 600}),
    ])[1:]
    assert decode(str(rtc["token"])).signature == AT2_RTC_UID_SIGNATURE
    # java.util.zip is the system zlib: the string itself matches upstream's Java vector.
    assert chat["token"] == CHAT_USER_TOKEN
    assert decode(CHAT_USER_TOKEN).signature.startswith(SIG007_CHAT_USER)


def test_006_rtm_matches_the_known_answer() -> None:
    assert ask("java-authentication", [rtm006_request()])[1]["token"] == TOKEN006_RTM


@pytest.mark.parametrize("name", NAMES)
def test_d04_a_uid_above_2_31_becomes_a_negative_decimal_in_006(name: str) -> None:
    # docs/formats.md D-04: Java's int uid 2882341273 arrives as -1412626023, formatted signed.
    fields = decode(str(ask(name, [rtc006_request()])[1]["token"])).to_fields()
    assert fields["crc_uid"] == zlib.crc32(b"-1412626023")
    assert fields["crc_uid"] != zlib.crc32(b"2882341273")


def test_007_getuidstr_is_unsigned() -> None:
    # docs/formats.md D-04: the 007 conversion masks to unsigned correctly.
    answer = ask("java-authentication-builders", [
        build_request("rtc2.build_token_with_uid", {"channel_name": CHANNEL, "uid": 2882341273,
                                                    "role": "publisher", "token_expire": 600})])[1]
    assert decode(str(answer["token"])).to_fields()["services"][0]["account"] == "2882341273"


def test_d15_room_user_builder_leaves_the_chat_service_without_privileges() -> None:
    args = {"room_uuid": "room1", "user_uuid": "user1", "role": 1, "expire": 600}
    real, exact = (ask(name, [build_request("apaas2.build_room_user_token", args)])[1]
                   for name in NAMES[::-1])
    chat = [s for s in decode(str(real["token"])).to_fields()["services"] if s["type"] == 5]
    assert chat[0]["privileges"] == {}
    chat = [s for s in decode(str(exact["token"])).to_fields()["services"] if s["type"] == 5]
    assert chat[0]["privileges"] == {"1": 600}


@pytest.mark.parametrize("name", NAMES)
def test_decode_and_verify_agree_with_the_reference(name: str) -> None:
    token = CHAT_USER_TOKEN
    fields, good, bad = ask(name, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


@pytest.mark.parametrize("name", NAMES)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)
