"""Upstream Go sources compiled in place (adapters/upstream-go): known answers, the suite run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

ALL = ["upstream-go", "upstream-go-builders", "upstream-2020-go", "upstream-stb-go"]
# docs/implementations.md section 4.1: the SimpleTokenBuilder attendee preset, every expiry 0.
TOKEN006_ATTENDEE = (
    "006970CA35de60c44645bbae8a215061b33IACbU9ODDzrR1Rb/YqiPobolLeGTnkhZ2KHPur8bQ9cTvLdIfRBXoFHl"
    "IgABAAAAR/QQAAQAAQAAAAAAAgAAAAAAAwAAAAAABAAAAAAA"
)


def test_exact_mode_reproduces_the_007_and_006_known_answers() -> None:
    join, publisher, rtc006, rtm006 = ask("upstream-go", [
        rtc2_request("subscriber"), rtc2_request(), rtc006_request(), rtm006_request()])[1:]
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    assert rtc006["token"] == TOKEN006_PUBLISHER
    assert rtm006["token"] == TOKEN006_RTM


def test_da06bfb_keeps_repeated_services_in_order() -> None:
    # The July 2026 fix: services are a list, packed in stable type order (the published
    # module keys them by type, see test_go_adapters.py).
    services = [{"type": 2, "privileges": {"1": 600}, "user_id": "u"},
                {"type": 1, "privileges": {"1": 600}, "channel_name": "first", "account": "1"},
                {"type": 1, "privileges": {"1": 600}, "channel_name": "second", "account": "2"}]
    answer = ask("upstream-go", [build_request("access_token2.build",
                                               {"expire": 600, "services": services})])[1]
    decoded = decode(str(answer["token"])).to_fields()["services"]
    assert [(s["type"], s.get("channel_name")) for s in decoded] \
        == [(1, "first"), (1, "second"), (2, None)]


def test_decode_and_verify_use_the_tree_parser_and_verify_signature() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad = ask("upstream-go", [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


@pytest.mark.parametrize("name", ["upstream-go-builders", "upstream-2020-go"])
def test_public_builders_are_declared_in_verify_mode_and_read_the_clock(name: str) -> None:
    hello, answer = ask(name, [rtc006_request()])
    assert "rtc.build_token_with_uid" in hello["verify_mode"]
    fields = decode(str(answer["token"])).to_fields()
    assert fields["ts"] > 1111111  # the real builder read time.Now()
    assert fields["privileges"] == decode(TOKEN006_PUBLISHER).to_fields()["privileges"]


def test_simple_token_builder_script_reproduces_the_era_known_answers() -> None:
    steps = [{"init_privileges": "attendee"}, {"build_token": None},
             {"init_token_builder": "!!"}, {"init_token_builder": TOKEN006_PUBLISHER},
             {"build_token": None}]
    request = build_request("simple_token_builder.script",
                            {"channel_name": "7d72365eb983485397e3e3f9d460bdda",
                             "uid": 2882341273, "steps": steps}, 1, 1111111 - 86400)
    answer = ask("upstream-stb-go", [request])[1]
    assert answer["results"] == [None, TOKEN006_ATTENDEE, False, True, TOKEN006_PUBLISHER]
    assert answer["token"] == TOKEN006_PUBLISHER


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)
