"""Upstream Kotlin sources (AgoraIO/Tools AgoraDynamicKey/kotlin @ da06bfb): known answers with the
pinned clock and salt, and the full suite run."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    SIG007_CHAT_USER,
    SIG007_RTC_PUBLISHER,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    rtc2_request,
)

NAME = "upstream-kotlin"


def test_pinned_public_builders_reproduce_the_007_known_answers() -> None:
    sub, pub, chat = ask(NAME, [
        rtc2_request("subscriber"),
        rtc2_request("publisher"),
        build_request("chat2.build_user_token", {"user_id": "2882341273", "expire": 600}),
    ])[1:]
    assert sub["token"] == "007" + TOKEN_AT2_RTC_UID
    assert decode(str(sub["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(pub["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    assert decode(str(chat["token"])).signature.startswith(SIG007_CHAT_USER)


def test_uid_above_2_31_is_unsigned_in_007() -> None:
    # docs/formats.md D-04: Kotlin's getUidStr masks the Int to unsigned.
    token = str(ask(NAME, [rtc2_request("subscriber")])[1]["token"])
    assert decode(token).to_fields()["services"][0]["account"] == "2882341273"


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad = ask(NAME, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    assert_suite_passes: Callable[[str], None],
) -> None:
    assert_suite_passes(NAME)
