"""Upstream nodejs trees (2019 SimpleTokenBuilder, 2020 RtcTokenBuilder, today's AccessToken2)
through adapters/upstream-node: known answers, pinning, findings, the suite run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reference.decode import decode
from tests.adapters.conftest import (
    AT2_RTC_UID_SIGNATURE,
    CERT,
    CHANNEL,
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

ALL = ["upstream-node", "upstream-2020-node", "upstream-stb-node"]
# docs/simple-token-builder.md K-1: the era tests' one known answer (= docs/formats.md at1-uid).
TOKEN006_K1 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7"
               "dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW")


@pytest.mark.parametrize("name", ["upstream-node", "upstream-2020-node"])
def test_006_builders_honour_the_salt_the_module_draws_at_load(name: str) -> None:
    other = {**rtc006_request(), "id": "salt-7", "salt": 7}
    answers = ask(name, [rtc006_request(), other, rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert decode(str(answers[2]["token"])).to_fields()["salt"] == 7
    assert answers[3]["token"] == TOKEN006_RTM


def test_007_builders_honour_salt_and_clock() -> None:
    join, publisher, other = ask("upstream-node", [
        rtc2_request("subscriber"), rtc2_request(), rtc2_request(salt=4242, now=1700000000)])[1:]
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    fields = decode(str(other["token"])).to_fields()
    assert (fields["salt"], fields["issue_ts"]) == (4242, 1700000000)


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad = ask("upstream-node", [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


def test_the_2019_simple_token_builder_reproduces_k1_with_a_fresh_preset_copy() -> None:
    k1 = build_request("simple_token_builder.script", {
        "channel_name": CHANNEL, "uid": 2882341273,
        "steps": [{"set_privilege": [1, 1446455471]}, {"build_token": None}]}, 1, 1024711)
    unknown = build_request("simple_token_builder.script", {
        "channel_name": CHANNEL, "uid": 2882341273,
        "steps": [{"init_privileges": "host"}, {"build_token": None}]}, 1, 1024711, "host")
    first, refused = ask("upstream-stb-node", [k1, unknown])[1:]
    assert first == {"id": "simple_token_builder.script", "token": TOKEN006_K1,
                     "results": [None, TOKEN006_K1]}
    assert refused["error"]["kind"] == "invalid_input"  # S-05: Node throws on an unknown role


def test_each_tree_answers_only_what_it_holds() -> None:
    today, era2020, era2019 = (set(ask(name, [])[0]["builders"]) for name in ALL)
    assert {"access_token2.build", "rtc2.build_token_with_rtm2", "rtc.build_token_with_uid",
            "dynamic_key5.generate_recording_key"} <= today
    assert "convoai2.build_token" not in today  # not in the da06bfb nodejs tree
    assert "access_token2.build" not in era2020 and "rtm.build_token" in era2020
    assert "simple_token_builder.script" in era2019 and "rtc.build_token_with_uid" not in era2019


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)
