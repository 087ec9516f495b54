"""Upstream C++ adapters (AgoraDynamicKey/cpp compiled in place): known answers, the sanitizer
build's crash report, and the suite run for every registry entry."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    APP_ID,
    AT2_RTC_UID_SIGNATURE,
    CERT,
    CHANNEL,
    SIG007_RTC_PUBLISHER,
    TOKEN006_PUBLISHER,
    TOKEN006_RTM,
    TOKEN_AT2_RTC_UID,
    ask,
    build_request,
    implementation,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

ALL = ["upstream-cpp", "upstream-stb-cpp", "upstream-stb2-cpp", "upstream-2020-cpp"]
# docs/simple-token-builder.md section 8, K-1: the era's one known answer (uid 2882341273, {1: ...})
TOKEN_STB_K1 = (
    "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBX"
    "oFHlEAABAAAAR/QQAAEAAQCvKDdW"
)


def test_007_builders_reproduce_the_known_answers() -> None:
    subscriber, publisher = ask("upstream-cpp", [rtc2_request("subscriber"), rtc2_request()])[1:]
    assert subscriber["token"] == "007" + TOKEN_AT2_RTC_UID  # C zlib: even the text is equal
    assert decode(str(subscriber["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)


@pytest.mark.parametrize("name", ["upstream-cpp", "upstream-2020-cpp"])
def test_006_builders_reproduce_the_known_answers(name: str) -> None:
    rtc, rtm = ask(name, [rtc006_request(), rtm006_request()])[1:]
    assert rtc["token"] == TOKEN006_PUBLISHER
    assert rtm["token"] == TOKEN006_RTM


def test_simple_token_builder_reproduces_the_era_known_answer() -> None:
    steps = [{"set_privilege": [1, 1446455471]}, {"build_token": None}]
    request = build_request("simple_token_builder.script",
                            {"channel_name": CHANNEL, "uid": 2882341273, "steps": steps},
                            salt=1, now=1111111 - 86400)
    answer = ask("upstream-stb-cpp", [request])[1]
    assert answer["token"] == TOKEN_STB_K1
    assert answer["results"] == [None, TOKEN_STB_K1]


def test_simple_token_builder2_is_the_006_role_api() -> None:
    hello, answer = ask("upstream-stb2-cpp", [rtc006_request()])
    assert "simple_token_builder.script" not in hello["builders"]
    assert answer["token"] == TOKEN006_PUBLISHER


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, garbage = ask("upstream-cpp", [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "decode", "id": "x", "token": "007!!!"},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert garbage["error"]["kind"] == "decode_error"


SANITIZED = {**os.environ, "AGORA_SANITIZE": "1"}


def sanitized_upstream_cpp() -> list[str]:
    """upstream-cpp's command line, after building its sanitized variant (a skip if g++ has no
    AddressSanitizer/UBSan runtime). The build runs here, not in the runner's 30 s handshake."""
    probe = subprocess.run(["g++", "-fsanitize=address,undefined", "-x", "c++", "-", "-o",
                            os.devnull], input="int main() { return 0; }", capture_output=True,
                           text=True, check=False)
    if probe.returncode != 0:
        pytest.skip("the AddressSanitizer/UBSan runtime is missing for g++ (Debian libasan8, "
                    f"libubsan1): {probe.stderr.strip()[-300:]}")
    argv = implementation("upstream-cpp").argv()
    build = [*argv[:2], "--build", *argv[2:]]  # bash testee.sh --build FLAVOR DIR
    subprocess.run(build, env=SANITIZED, check=True, timeout=600)
    return argv


def test_a_sanitized_build_reports_the_packer_overflow_as_a_crash_naming_asan() -> None:
    # An RTC account of 8 192 bytes overflows Packer's buffer (grown once to 4 KiB): the
    # sanitized build must die with AddressSanitizer's report instead of answering.
    argv = sanitized_upstream_cpp()
    request = build_request("rtc2.build_token_with_user_account",
                            {"channel_name": CHANNEL, "account": "a" * 8192, "role": "publisher",
                             "token_expire": 600, "privilege_expire": 600})
    lines = [{"op": "hello", "protocol": 1}, request, {"op": "stop"}]
    proc = subprocess.run(argv, input="".join(json.dumps(x) + "\n" for x in lines),
                          capture_output=True, text=True, timeout=60, check=False, env=SANITIZED)
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [a.get("op") for a in answers] == ["hello"]  # no answer to the build
    assert "sanitizers on" in answers[0]["implementation"]["notes"]
    assert proc.returncode != 0
    assert "ERROR: AddressSanitizer: heap-buffer-overflow" in proc.stderr
    assert "Packer" in proc.stderr


def test_the_runner_reports_a_sanitizer_error_as_a_crash_with_the_report() -> None:
    from conformance.compare import run_cases
    from conformance.testees import open_testee
    from conformance.vectors import load_vectors

    argv = sanitized_upstream_cpp()
    cases = [c for c in load_vectors().cases if c.id == "rtc2-account-65536-bytes"]
    os.environ["AGORA_SANITIZE"], saved = "1", os.environ.get("AGORA_SANITIZE")
    try:
        testee = open_testee(command=argv)
        try:
            [result] = run_cases(testee, cases).results
        finally:
            testee.close()
    finally:
        if saved is None:
            del os.environ["AGORA_SANITIZE"]
        else:
            os.environ["AGORA_SANITIZE"] = saved
    assert result.outcome.value == "crash"
    assert "ERROR: AddressSanitizer: heap-buffer-overflow" in result.detail


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)


def test_fixture_app_id_is_the_upstream_test_value() -> None:
    assert APP_ID.startswith("970CA35d")  # fake fixture values, never real credentials
