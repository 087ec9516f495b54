"""Upstream Ruby tree (AgoraIO/Tools AgoraDynamicKey/ruby @ da06bfb) driven in place by
adapters/upstream-ruby: known answers, the reported defects, and the suite run."""

from __future__ import annotations

import base64
from collections.abc import Callable

from reference.decode import decode
from tests.adapters.conftest import (
    APP_ID,
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

NAME = "upstream-ruby"


def test_pinned_builders_reproduce_the_known_answers() -> None:
    hello, join, publisher, rtm = ask(NAME, [rtc2_request("subscriber"), rtc2_request(),
                                             rtm006_request()])
    assert hello["verify_mode"] == []  # Time.now / rand / SecureRandom.rand are pinned per call
    assert decode(str(join["token"])).signature == AT2_RTC_UID_SIGNATURE
    assert join["token"] == "007" + TOKEN_AT2_RTC_UID  # Ruby deflates with the system zlib
    assert decode(str(publisher["token"])).signature.startswith(SIG007_RTC_PUBLISHER)
    assert rtm["token"] == TOKEN006_RTM


def test_reported_defect_expire_2_pow_32_is_packed_as_0() -> None:
    request = rtc2_request()
    request["args"]["token_expire"] = 2**32  # type: ignore[index]
    token = str(ask(NAME, [request])[1]["token"])
    assert decode(token).to_fields()["expire"] == 0


def test_reported_defect_dynamic_key5_map_keeps_its_count_but_drops_its_entries() -> None:
    args = {"channel_name": CHANNEL, "unix_ts": 1446455472, "random_int": 58964981,
            "uid": 2882341273, "expired_ts": 1446455471, "permission": "3"}
    key = str(ask(NAME, [build_request("dynamic_key5.generate_in_channel_permission_key",
                                       args)])[1]["token"])
    content = base64.b64decode(key[3:])
    # ... app id, unix_ts, random_int, expired_ts, then the extra map: count 1 and no entry.
    tail = bytes.fromhex(APP_ID) + (1446455472).to_bytes(4, "little") \
        + (58964981).to_bytes(4, "little") + (1446455471).to_bytes(4, "little")
    assert content.endswith(tail + b"\x01\x00")


def test_decode_and_verify_agree_with_the_reference() -> None:
    token = "007" + TOKEN_AT2_RTC_UID
    fields, good, bad, broken = ask(NAME, [
        {"op": "decode", "id": "d", "token": token},
        {"op": "verify", "id": "v", "token": token, "app_certificate": CERT, "now": 1111200},
        {"op": "verify", "id": "w", "token": token, "app_certificate": CERT[:-1] + "c",
         "now": 1111200},
        {"op": "decode", "id": "x", "token": "007!!!"},
    ])[1:]
    assert fields["fields"] == decode(token).to_fields()
    assert good == {"id": "v", "valid": True}
    assert bad == {"id": "w", "valid": False, "reason": "bad_signature"}
    assert broken["error"]["kind"] == "decode_error"


def test_every_vector_case_passes_or_is_an_explained_expected_failure(
    assert_suite_passes: Callable[[str], None]
) -> None:
    assert_suite_passes(NAME)
