"""Upstream Rust crate compiled in place (adapters/upstream-rust): verify mode and decode."""

from __future__ import annotations

from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import CERT, TOKEN_AT2_RTC_UID, ask, rtc2_request

NAME = "upstream-rust"


def test_every_builder_is_in_verify_mode_and_composes_the_known_answer_services() -> None:
    hello, answer = ask(NAME, [rtc2_request("subscriber")])
    assert hello["verify_mode"] == hello["builders"]  # salt and issue_ts are private fields
    fields = decode(str(answer["token"])).to_fields()
    assert fields["issue_ts"] > 1111111  # new_access_token read the clock
    assert fields["services"] == decode("007" + TOKEN_AT2_RTC_UID).to_fields()["services"]


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, expired = ask(NAME, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "verify", "id": "x", "token": token, "app_certificate": CERT, "now": 1111712},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert expired == {"id": "x", "valid": False, "reason": "expired"}


def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    assert_suite_passes: Callable[[str], None],
) -> None:
    assert_suite_passes(NAME)
