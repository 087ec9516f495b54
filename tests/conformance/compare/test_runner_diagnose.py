"""The diagnosis catalogue on decoded fields shaped like the port bugs of docs/port-bugs.md."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.compare import CATALOGUE, describe_cause
from conformance.compare.diagnosis import field_causes, field_differences

RTC = {"type": 1, "privileges": {"1": 600}, "channel_name": "ch", "account": "2882341273"}
RTM = {"type": 2, "privileges": {"1": 600}, "user_id": "u"}
BASE: dict[str, Any] = {"version": "007", "signature": "aa", "app_id": "970CA35d",
                        "issue_ts": 1111111, "expire": 600, "salt": 1, "services": [RTC, RTM]}


def with_(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


@pytest.mark.parametrize(("got", "cause", "difference"), [
    (with_(services=[RTM, RTC]), "service_order", "services: want [RTC, RTM], got [RTM, RTC]"),
    (with_(services=[RTC]), "service_set", "services: want [RTC, RTM], got [RTC]"),
    (with_(expire=1111711), "expire_absolute", "expire: want 600, got 1111711"),
    # port-bugs A1: uid 2882341273 formatted as a signed 32-bit int
    (with_(services=[{**RTC, "account": "-1412626023"}, RTM]), "uid_rendering",
     'service RTC account: want "2882341273", got "-1412626023"'),
    (with_(services=[{**RTC, "privileges": {"1": 600, "2": 600}}, RTM]), "role_mapping",
     "service RTC, privilege 2 expire: want absent, got 600"),
    (with_(app_id="970ca35d"), "app_id_text", 'app_id: want "970CA35d", got "970ca35d"'),
    (with_(signature="bb"), "signature_only", "signature: want aa, got bb"),
])
def test_named_causes(got: dict[str, Any], cause: str, difference: str) -> None:
    assert cause in field_causes(BASE, got)
    assert field_differences(BASE, got)[0] == difference


def test_duplicate_services_collapsed() -> None:
    want = with_(services=[RTC, {**RTC, "channel_name": "b"}])
    assert field_causes(want, with_(services=[RTC])) == ["service_multiplicity"]


def test_text_encoding_latin1() -> None:
    want = with_(services=[{**RTC, "channel_name": "中文"}])
    mojibake = "中文".encode().decode("latin-1")
    got = with_(services=[{**RTC, "channel_name": mojibake}])
    assert field_causes(want, got) == ["text_encoding"]


def test_apaas_role_and_006_rtm_slot() -> None:
    apaas = {"type": 7, "privileges": {"1": 600}, "room_uuid": "r", "user_uuid": "u", "role": 0}
    got = with_(services=[{**apaas, "role": -1}])
    assert field_causes(with_(services=[apaas]), got) == ["apaas_role"]
    want006 = {"version": "006", "crc_channel_name": 123, "crc_uid": 0, "privileges": {"1000": 5}}
    got006 = {**want006, "crc_channel_name": 0, "crc_uid": 123}
    assert "rtm006_uid_slot" in field_causes(want006, got006)


def test_every_cause_is_described() -> None:
    assert all(describe_cause(c).endswith(f"[{c}]") for c in CATALOGUE)
    assert describe_cause("made_up") == "made_up"
