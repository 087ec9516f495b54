"""Upstream PHP trees (AgoraIO/Tools AgoraDynamicKey/php @ da06bfb, 55f8354, e683513) driven in
place by adapters/upstream-php: known answers, the reported defects, and the suite runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    CHANNEL,
    SIG007_RTC_PUBLISHER,
    TOKEN006_RTM,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    rtc2_request,
    rtm006_request,
)

ALL = ["upstream-php", "upstream-stb-php", "upstream-2020-php"]
# docs/simple-token-builder.md K-1 (the upstream tests of the era): uid 2882341273, {1: 1446455471}.
TOKEN_STB_K1 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7d"
                "IfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW")


def test_pinned_builders_reproduce_the_007_known_answers() -> None:
    hello, join, publisher = ask("upstream-php", [rtc2_request("subscriber"), rtc2_request()])
    assert hello["verify_mode"] == []  # uopz pins time() and rand(): every builder is exact
    assert join["token"] == "007" + TOKEN_AT2_RTC_UID  # PHP deflates with the system zlib
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE


@pytest.mark.parametrize("name", ["upstream-php", "upstream-2020-php"])
def test_006_rtm_builder_matches_the_known_answer(name: str) -> None:
    assert ask(name, [rtm006_request()])[1]["token"] == TOKEN006_RTM


def test_simple_token_builder_reproduces_k1() -> None:
    steps = [{"set_privilege": [1, 1446455471]}, {"build_token": None}]
    request = build_request("simple_token_builder.script",
                            {"channel_name": CHANNEL, "uid": 2882341273, "steps": steps},
                            now=1111111 - 86400)
    answer = ask("upstream-stb-php", [request])[1]
    assert answer["token"] == TOKEN_STB_K1
    assert answer["results"] == [None, TOKEN_STB_K1]


def test_reported_defect_expire_2_pow_32_is_packed_as_0() -> None:
    request = rtc2_request()
    request["args"]["token_expire"] = 2**32  # type: ignore[index]
    token = str(ask("upstream-php", [request])[1]["token"])
    assert decode(token).to_fields()["expire"] == 0


def test_reported_defect_a_service_without_privileges_throws_type_error() -> None:
    request = build_request("access_token2.build",
                            {"expire": 600, "services": [{"type": 4, "privileges": {}}]})
    error = ask("upstream-php", [request])[1]["error"]
    assert error["kind"] == "invalid_input"
    assert "TypeError" in error["message"] and "ksort" in error["message"]


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, dk5 = ask("upstream-php", [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "decode", "id": "x", "token": "005AQAoAEJERTJD"},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert dk5["error"]["kind"] == "unsupported"


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)
