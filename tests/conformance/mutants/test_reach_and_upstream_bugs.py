"""Which builders a mutant reaches (derived from the code each builder runs), and the mutants of
bugs found in Agora's own ports doing what those ports do (expected values by hand)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.mutants import MutantTestee, catalogue
from conformance.mutants.reach import derive
from conformance.mutants.suspects import cited
from conformance.vectors import load_vectors
from reference.decode import decode

BY_ID = {m.id: m for m in catalogue()}
APP = {"app_id": "970CA35de60c44645bbae8a215061b33",
       "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b"}
RTC = {**APP, "channel_name": "7d72365eb983485397e3e3f9d460bdda", "uid": 2882341273,
       "role": "publisher", "token_expire": 600}

# Every 007 builder that packs a text field (docs/architecture.md, builder table).
TEXT_007 = {"access_token2.build", "rtc2.build_token_with_uid",
            "rtc2.build_token_with_user_account", "rtc2.build_token_with_uid_and_privilege",
            "rtc2.build_token_with_user_account_and_privilege", "rtc2.build_token_with_rtm",
            "rtc2.build_token_with_rtm2", "rtm2.build_token", "rtm2.build_token_with_permissions",
            "chat2.build_user_token", "apaas2.build_room_user_token", "apaas2.build_user_token",
            "education2.build_room_user_token", "education2.build_user_token",
            "convoai2.build_token", "stt2.build_token"}


@pytest.fixture(scope="module")
def reach() -> Any:
    return derive(catalogue(), load_vectors().cases)


@pytest.mark.parametrize(("mutant_id", "builders"), [
    ("M64", TEXT_007),
    ("M40", TEXT_007),
    ("M45", {"apaas2.build_room_user_token", "education2.build_room_user_token"}),
    ("M55", {"dynamic_key4.generate_media_channel_key", "dynamic_key4.generate_recording_key",
             "dynamic_key4.generate_public_sharing_key"}),
    ("M12", {"access_token.build", "access_token2.build", "simple_token_builder.script"}),
])
def test_reach_is_derived_from_the_code_each_builder_runs(reach: Any, mutant_id: str,
                                                          builders: set[str]) -> None:
    assert set(reach.by_mutant[mutant_id]) == builders


def test_spared_builders_are_named_with_their_reason(reach: Any) -> None:
    assert set(reach.spared["M42"]) == {"dynamic_key5.generate_in_channel_permission_key",
                                        "dynamic_key5.generate_media_channel_key",
                                        "dynamic_key5.generate_public_sharing_key",
                                        "dynamic_key5.generate_recording_key"}
    assert "hex-decodes" in BY_ID["M42"].spared_because


def test_cited_bug_ids() -> None:
    assert cited("I6 (C++ Packer), D-13; port-bugs:A10") == {"I6", "D-13", "A10"}
    assert cited("upstream:go/src/rtctokenbuilder2/x_test.go") == frozenset()


def _fields(mutant_id: str, builder: str, args: dict[str, Any]) -> dict[str, Any]:
    token = MutantTestee(BY_ID[mutant_id]).build(builder, args, 1, 1111111)
    assert isinstance(token, str)
    return dict(decode(token).to_fields())


def test_m59_packs_an_expiry_of_2_32_as_0() -> None:
    fields = _fields("M59", "rtc2.build_token_with_uid", {**RTC, "token_expire": 2**32})
    assert fields["expire"] == 0  # PHP pack('V', 4294967296): the low 32 bits


def test_m60_wraps_an_apaas_role_of_32768() -> None:
    fields = _fields("M60", "apaas2.build_room_user_token",
                     {**APP, "room_uuid": "r", "user_uuid": "u", "role": 32768, "expire": 600})
    assert [s["role"] for s in fields["services"] if s["type"] == 7] == [-32768]


def test_m64_loses_the_bytes_past_the_grown_buffer() -> None:
    fields = _fields("M64", "rtc2.build_token_with_uid", {**RTC, "channel_name": "a" * 5000})
    channel = fields["services"][0]["channel_name"]
    assert channel == "a" * 4094 + "\0" * 906  # 4 KiB after one growth, less the u16 length


def test_m65_packs_a_uid_of_2_32_as_its_decimal_text() -> None:
    fields = _fields("M65", "rtc2.build_token_with_uid", {**RTC, "uid": 2**32})
    assert fields["services"][0]["account"] == "4294967296"


def test_m58_sorts_privilege_ids_as_strings() -> None:
    services = [{"type": 1, "privileges": {"2": 600, "10": 600, "1": 600},
                 "channel_name": "c", "account": "1"}]
    token = MutantTestee(BY_ID["M58"]).build(
        "access_token2.build", {**APP, "expire": 600, "services": services}, 1, 1111111)
    assert isinstance(token, str)
    # u16 count 3, then (u16 id, u32 600) for ids 1, 10, 2: Perl's `sort keys` order
    packed = "0300" + "".join(f"{i:02x}00" + "58020000" for i in (1, 10, 2))
    assert packed in (decode(token).payload_hex or "")
