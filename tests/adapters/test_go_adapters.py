"""Go adapters (upstream module, go-tokenbuilder): known answers, findings, the suite run."""

from __future__ import annotations

import base64
import zlib
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

EXACT = ["go-upstream", "go-community"]
ALL = [*EXACT, "go-upstream-builders", "go-community-builders"]

@pytest.mark.parametrize("name", EXACT)
def test_exact_mode_reproduces_the_007_known_answers(name: str) -> None:
    join, publisher = ask(name, [rtc2_request("subscriber"), rtc2_request()])[1:3]
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)


@pytest.mark.parametrize("name", EXACT)
def test_go_tokens_carry_the_compress_flate_sync_flush_marker(name: str) -> None:
    # docs/implementations.md §0.3, docs/formats.md D-30: Go's deflate stream is not C zlib's.
    token = str(ask(name, [rtc2_request("subscriber")])[1]["token"])
    raw = base64.b64decode(token[3:])
    assert b"\x00\x00\xff\xff" in raw
    assert zlib.decompress(raw) == decode(token).payload


def test_upstream_006_matches_the_known_answers() -> None:
    answers = ask("go-upstream", [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


def test_upstream_keys_services_by_type_so_the_last_duplicate_wins() -> None:
    # docs/implementations.md section 0 (duplicate service types): a finding, kept visible.
    services = [{"type": 1, "privileges": {"1": 600}, "channel_name": "first", "account": "1"},
                {"type": 1, "privileges": {"1": 600}, "channel_name": "second", "account": "2"}]
    request = build_request("access_token2.build", {"expire": 600, "services": services})
    upstream = ask("go-upstream", [request])[1]
    community = ask("go-community", [request])[1]
    assert [s["channel_name"] for s in decode(str(upstream["token"])).to_fields()["services"]] \
        == ["second"]
    assert [s["channel_name"] for s in decode(str(community["token"])).to_fields()["services"]] \
        == ["first", "second"]


def test_upstream_has_no_streaming_fcdn_or_rtm2_service_classes() -> None:
    request = build_request("access_token2.build",
                            {"expire": 600, "services": [{"type": 3, "privileges": {"1": 600}}]})
    answer = ask("go-upstream", [request])[1]
    assert answer["error"]["kind"] == "unsupported"


@pytest.mark.parametrize("name", ALL)
def test_decode_and_verify_agree_with_the_reference(name: str) -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, bad_input = ask(name, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "decode", "id": "x", "token": "007!!!"},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert bad_input["error"]["kind"] == "decode_error"


@pytest.mark.parametrize("name", ["go-upstream-builders", "go-community-builders"])
def test_builders_mode_declares_verify_mode_and_uses_the_clock(name: str) -> None:
    hello, answer = ask(name, [rtc2_request("subscriber")])
    assert hello["verify_mode"] == hello["builders"]
    fields = decode(str(answer["token"])).to_fields()
    assert fields["issue_ts"] > 1111111  # the real builder read time.Now()
    # the same inputs as KAT at2-rtc-uid: the real builder composes the KAT's services
    assert fields["services"] == decode("007" + TOKEN_AT2_RTC_UID).to_fields()["services"]


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)


def test_the_fuzzer_rediscovers_upstream_duplicate_keying() -> None:
    from conformance.differential import run_fuzz
    from conformance.testees import open_testee
    from tests.adapters.conftest import implementation

    testee = open_testee(command=implementation("go-upstream").argv())
    try:
        result = run_fuzz(testee, examples=40, seed=1,
                          only=["access_token2.build", "rtc2.build_token_with_uid"])
    finally:
        testee.close()
    assert result.agreed == ["rtc2.build_token_with_uid"]
    [finding] = result.findings
    types = [s["type"] for s in finding.args["services"]]
    assert len(set(types)) < len(types)  # a repeated service type: the last one wins in Go
