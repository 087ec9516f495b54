"""Upstream Python trees (python3 and Python 2.7 python/, three eras) through
adapters/upstream-python: known answers, pinning, findings, the suite run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    implementation,
    rtc006_request,
    rtc2_request,
    rtm006_request,
)

TODAY = ["upstream-python3", "upstream-python"]
WITH_RTC006 = [*TODAY, "upstream-2020-python", "upstream-2020-python3"]
ALL = [*WITH_RTC006, "upstream-stb-python"]
# docs/simple-token-builder.md K-1: the era tests' one known answer (= docs/formats.md at1-uid).
TOKEN006_K1 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7"
               "dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW")


@pytest.mark.parametrize("name", WITH_RTC006)
def test_006_public_builders_reproduce_the_upstream_vectors(name: str) -> None:
    answers = ask(name, [rtc006_request(), rtm006_request()])
    assert answers[1]["token"] == TOKEN006_PUBLISHER
    assert answers[2]["token"] == TOKEN006_RTM


@pytest.mark.parametrize("name", TODAY)
def test_007_builders_honour_salt_and_clock(name: str) -> None:
    join, publisher, other = ask(name, [rtc2_request("subscriber"), rtc2_request(),
                                        rtc2_request(salt=4242, now=1700000000)])[1:]
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    fields = decode(str(other["token"])).to_fields()
    assert (fields["salt"], fields["issue_ts"]) == (4242, 1700000000)


@pytest.mark.parametrize("name", TODAY)
def test_decode_and_verify_agree_with_the_reference(name: str) -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad = ask(name, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}


def test_the_2019_simple_token_builder_reproduces_k1_and_shares_its_presets() -> None:
    k1 = build_request("simple_token_builder.script", {
        "channel_name": CHANNEL, "uid": 2882341273,
        "steps": [{"set_privilege": [1, 1446455471]}, {"build_token": None}]}, 1, 1024711)
    shared = build_request("simple_token_builder.script", {
        "channel_name": CHANNEL, "uid": 2882341273,
        "steps": [{"init_privileges": "subscriber"}, {"set_privilege": [1, 123]},
                  {"build_token": None}, {"init_privileges": "subscriber"},
                  {"build_token": None}]}, 1, 1024711, "shared")
    first, second = ask("upstream-stb-python", [k1, shared])[1:]
    assert first["token"] == TOKEN006_K1
    assert first["results"] == [None, TOKEN006_K1]
    # S-04: the second initPrivileges hands out the preset the first setPrivilege edited
    assert decode(second["results"][4]).to_fields()["privileges"]["1"] == 123


def test_only_today_s_trees_have_007() -> None:
    hellos = {name: ask(name, [])[0] for name in ALL}
    for name in TODAY:
        assert "access_token2.build" in hellos[name]["builders"]
    for name in ("upstream-2020-python", "upstream-2020-python3", "upstream-stb-python"):
        assert "access_token2.build" not in hellos[name]["builders"]
    assert "simple_token_builder.script" in hellos["upstream-stb-python"]["builders"]
    assert all(hello["verify_mode"] == [] for hello in hellos.values())


@pytest.mark.parametrize("name", ALL)
def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    name: str, assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(name)


@pytest.mark.parametrize("name", ALL)
def test_the_upstream_tree_is_left_unwritten(name: str) -> None:
    # The trees under test are read-only material: importing them must not leave bytecode there.
    tree = Path(implementation(name).argv()[-1])
    ask(name, [rtc2_request("subscriber")])
    written = [p for p in tree.rglob("*") if p.suffix == ".pyc" or p.name == "__pycache__"]
    assert not written, written
