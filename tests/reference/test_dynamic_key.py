"""DynamicKey v1-v5: upstream known answers (paths cited), hand-derived layouts, parsing."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import pytest

from reference import dynamic_key
from reference.errors import DecodeError, InvalidInput, ReasonCode

# The upstream fixture (lower case, as in the DynamicKey tests of AgoraIO/Tools).
APP_ID = "970ca35de60c44645bbae8a215061b33"
CERT = "5cfd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UNIX_TS, RANDOM, UID, EXPIRED = 1446455472, 58964981, 2882341273, 1446455471
KAT_ARGS: dict[str, Any] = {
    "app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL, "unix_ts": UNIX_TS,
    "random_int": RANDOM, "uid": UID, "expired_ts": EXPIRED,
}
BASE_ARGS = {k: KAT_ARGS[k] for k in ("app_id", "app_certificate", "channel_name", "unix_ts",
                                      "random_int")}
SPECS = {spec.id: spec for spec in dynamic_key.SPECS}
UP = "AgoraIO/Tools DynamicKey/AgoraDynamicKey/"

# Upstream known answers, with the test files (relative to UP) that assert them.
DK1 = "870588aad271ff47094eb622617e89d6b5b5a615970ca35de60c44645bbae8a215061b3314464554720383bbf5"
# ^ python3/test/DynamicKeyTest.py, cpp/test/DynamicKey_test.cpp
DK2 = ("7666966591a93ee5a3f712e22633f31f0cbc8f13970ca35de60c44645bbae8a215061b33"
       "14464554720383bbf528823412731446455471")
# ^ cpp/test/DynamicKey2_test.cpp
DK3 = "003" + DK2
# ^ python3/test/DynamicKey3Test.py, python/test/DynamicKey3Test.py
DK4 = {
    "public_sharing": "004ec32c0d528e58ef90e8ff437a9706124137dc795970ca35de60c44645bbae8a21506"
                      "1b3314464554720383bbf51446455471",
    "recording": "004e0c24ac56aae05229a6d9389860a1a0e25e56da8970ca35de60c44645bbae8a215061b33"
                 "14464554720383bbf51446455471",
    "media_channel": "004d0ec5ee3179c964fe7c0485c045541de6bff332b970ca35de60c44645bbae8a215061"
                     "b3314464554720383bbf51446455471",
}
# ^ python3/test/DynamicKey4Test.py, cpp/test/DynamicKey4_test.cpp (all three);
#   php/test/DynamicKeyTest.php (recording, media channel)
_DK5_TAIL = "AJcMo13mDERkW7roohUGGzOwKDdW9buDA68oN1Y"
DK5 = {
    "public_sharing": "005AwAoADc0QTk5RTVEQjI4MDk0NUI0NzUwNTk0MUFDMjM4MDU2NzIwREY3QjAQ"
                      + _DK5_TAIL + "AAA==",
    "recording": "005AgAoADkyOUM5RTQ2MTg3QTAyMkJBQUIyNkI3QkYwMTg0MzhDNjc1Q0ZFMUEQ"
                 + _DK5_TAIL + "AAA==",
    "media_channel": "005AQAoAEJERTJDRDdFNkZDNkU0ODYxNkYxQTYwOUVFNTM1M0U5ODNCQjFDNDQQ"
                     + _DK5_TAIL + "AAA==",
}
DK5_PERMISSION = {
    "0": "005BAAoADgyNEQxNDE4M0FGRDkyOEQ4REFFMUU1OTg5NTg2MzA3MTEyNjRGNzQQ" + _DK5_TAIL
         + "BAAEAAQAw",
    "3": "005BAAoADJERDA3QThENTE2NzJGNjQwMzY5NTFBNzE0QkI5NTc0N0Q1QjZGQjMQ" + _DK5_TAIL
         + "BAAEAAQAz",
}
# ^ cpp/test/DynamicKey5_test.cpp, go/test/DynamicKey5_test.go, nodejs/test/DynamicKeyTest.js
#   (all four services); python3/test/DynamicKey5Test.py asserts public sharing and both
#   permission keys (its recording/media asserts are commented out).


def test_dk1_kat() -> None:
    assert SPECS["dynamic_key1.generate"].build(BASE_ARGS, None, None) == DK1


def test_dk1_message_of_formats_10_1() -> None:
    message = APP_ID + "1446455472" + "0383bbf5" + CHANNEL
    sig = hmac.new(CERT.encode(), message.encode(), hashlib.sha1).hexdigest()
    assert sig + APP_ID + "1446455472" + "0383bbf5" == DK1


def test_dk2_and_dk3_kat() -> None:
    assert SPECS["dynamic_key2.generate"].build(KAT_ARGS, None, None) == DK2
    assert SPECS["dynamic_key3.generate"].build(KAT_ARGS, None, None) == DK3


@pytest.mark.parametrize("service", ["public_sharing", "recording", "media_channel"])
def test_dk4_kat(service: str) -> None:
    assert SPECS[f"dynamic_key4.generate_{service}_key"].build(KAT_ARGS, None, None) == DK4[service]


@pytest.mark.parametrize("service", ["public_sharing", "recording", "media_channel"])
def test_dk5_kat(service: str) -> None:
    assert SPECS[f"dynamic_key5.generate_{service}_key"].build(KAT_ARGS, None, None) == DK5[service]


@pytest.mark.parametrize("permission", ["0", "3"])
def test_dk5_in_channel_permission_kat(permission: str) -> None:
    args = {**KAT_ARGS, "permission": permission}
    spec = SPECS["dynamic_key5.generate_in_channel_permission_key"]
    assert spec.build(args, None, None) == DK5_PERMISSION[permission]


def test_dk5_case_of_app_id_and_certificate_does_not_matter() -> None:
    # cpp/test/DynamicKey5_test.cpp uses 970CA35d.../5CFd2f... and expects the same keys
    args = {**KAT_ARGS, "app_id": "970CA35de60c44645bbae8a215061b33",
            "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b"}
    assert SPECS["dynamic_key5.generate_recording_key"].build(args, None, None) == DK5["recording"]


def test_dk5_recording_intermediates_of_formats_10_1() -> None:
    to_sign = bytes.fromhex(
        "0200" "1000" + APP_ID + "b0283756" "f5bb8303" "2000" + CHANNEL.encode().hex()
        + "9909cdab" "af283756" "0000")
    sig = hmac.new(bytes.fromhex(CERT), to_sign, hashlib.sha1).hexdigest().upper()
    assert sig == "929C9E46187A022BAAB26B7BF018438C675CFE1A"
    content = bytes.fromhex("0200" "2800") + sig.encode() + bytes.fromhex(
        "1000" + APP_ID + "b0283756" "f5bb8303" "af283756" "0000")
    assert base64.b64decode(DK5["recording"][3:]) == content
    assert dynamic_key.generate_v5(2, APP_ID, CERT, CHANNEL, UNIX_TS, RANDOM, UID,
                                   EXPIRED) == "005" + base64.b64encode(content).decode()


# ------------------------------------------------------------ hand-derived (other inputs)

H_APP = "970CA35de60c44645bbae8a215061b33"  # mixed case: used as text by v1-v4
H_CERT = "5CFd2fd1755d40ecb72977518be15d3b"
H_CHANNEL = "hand-derived channel ü"


def _sha1(message: str) -> str:
    return hmac.new(H_CERT.encode(), message.encode(), hashlib.sha1).hexdigest()


def test_dk1_hand_derived() -> None:
    expected = _sha1(H_APP + "0001111111" + "ffffffff" + H_CHANNEL) + H_APP + "0001111111ffffffff"
    assert dynamic_key.generate_v1(H_APP, H_CERT, H_CHANNEL, 1111111, -1) == expected


def test_dk2_dk3_hand_derived() -> None:
    fields = "0000000600" + "0000abcd" + "4294967295" + "0000000000"
    sig = _sha1(H_APP + "0000000600" + "0000abcd" + H_CHANNEL + "4294967295" + "0000000000")
    expected = sig + H_APP + fields
    assert dynamic_key.generate_v2(H_APP, H_CERT, H_CHANNEL, 600, 0xABCD, -1, 0) == expected
    assert dynamic_key.generate_v3(H_APP, H_CERT, H_CHANNEL, 600, 0xABCD, 2**32 - 1, 0) == (
        "003" + expected)
    # python3/test/DynamicKey2Test.py: uid -1 is normalised to 4294967295, app id at 40..72
    key = dynamic_key.generate_v2(H_APP, H_CERT, "7d72365eb983485397e3e3f9d460bdda",
                                  1446455471, 1, -1, 1446455471)
    assert len(key) == 110 and key[40:72] == H_APP and "4294967295" in key


@pytest.mark.parametrize(("service", "code"), [("public_sharing", "APSS"), ("recording", "ARS"),
                                               ("media_channel", "ACS")])
def test_dk4_hand_derived(service: str, code: str) -> None:
    sig = _sha1(code + H_APP + "1111111111" + "00000001" + H_CHANNEL + "0000000007" + "2222222222")
    expected = "004" + sig + H_APP + "1111111111" + "00000001" + "2222222222"
    args = {"app_id": H_APP, "app_certificate": H_CERT, "channel_name": H_CHANNEL,
            "unix_ts": 1111111111, "random_int": 1, "uid": 7, "expired_ts": 2222222222}
    key = SPECS[f"dynamic_key4.generate_{service}_key"].build(args, None, None)
    assert key == expected and len(key) == 103


def test_dk5_hand_derived_in_channel_permission() -> None:
    raw_app, raw_cert = bytes.fromhex(H_APP), bytes.fromhex(H_CERT)
    channel = H_CHANNEL.encode()
    extra = bytes.fromhex("0100" "0100" "0100") + b"3"
    to_sign = (bytes.fromhex("0400" "1000") + raw_app + bytes.fromhex("01000000" "ffffffff")
               + len(channel).to_bytes(2, "little") + channel
               + bytes.fromhex("07000000" "02000000") + extra)
    sig = hmac.new(raw_cert, to_sign, hashlib.sha1).hexdigest().upper().encode()
    content = (bytes.fromhex("0400" "2800") + sig + bytes.fromhex("1000") + raw_app
               + bytes.fromhex("01000000" "ffffffff" "02000000") + extra)
    key = dynamic_key.generate_v5(4, H_APP, H_CERT, H_CHANNEL, 1, -1, 7, 2, {1: "3"})
    assert key == "005" + base64.b64encode(content).decode()


# ------------------------------------------------------------ refusals


@pytest.mark.parametrize("builder_id", sorted(SPECS))
@pytest.mark.parametrize(
    ("change", "field"),
    [({"app_id": APP_ID[:-1]}, "app_id"), ({"app_id": "z" * 32}, "app_id"),
     ({"app_certificate": CERT + "a"}, "app_certificate"), ({"unix_ts": -1}, "unix_ts"),
     ({"unix_ts": 2**32}, "unix_ts"), ({"random_int": -(2**31) - 1}, "random_int"),
     ({"random_int": 2**32}, "random_int"), ({"channel_name": None}, "channel_name")],
)
def test_refusals(builder_id: str, change: dict[str, Any], field: str) -> None:
    args = {**KAT_ARGS, "permission": "3", **change}
    with pytest.raises(InvalidInput) as info:
        SPECS[builder_id].build(args, None, None)
    assert info.value.field == field


@pytest.mark.parametrize("builder_id", sorted(set(SPECS) - {"dynamic_key1.generate"}))
@pytest.mark.parametrize(("change", "field"), [({"uid": 2**32}, "uid"), ({"uid": True}, "uid"),
                                               ({"expired_ts": -1}, "expired_ts")])
def test_refusals_uid_expiry(builder_id: str, change: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        SPECS[builder_id].build({**KAT_ARGS, "permission": "0", **change}, None, None)
    assert info.value.field == field


def test_dk5_channel_over_65535_bytes_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        dynamic_key.generate_v5(1, APP_ID, CERT, "c" * 65536, 1, 1, 1, 1)
    assert info.value.field == "channel_name"


def test_specs_flags() -> None:
    for spec in dynamic_key.SPECS:
        assert (spec.uses_salt, spec.uses_clock) == (False, False)
        assert spec.family == spec.id.split(".")[0]


# ------------------------------------------------------------ parsing


def test_parse_dk3_fields() -> None:
    assert dynamic_key.parse(DK3).to_fields() == {
        "version": "003", "signature": DK2[:40], "app_id": APP_ID, "unix_ts": UNIX_TS,
        "random_int": RANDOM, "uid": UID, "expired_ts": EXPIRED,
    }


def test_parse_dk4_fields() -> None:
    assert dynamic_key.parse_v4(DK4["recording"]).to_fields() == {
        "version": "004", "signature": "e0c24ac56aae05229a6d9389860a1a0e25e56da8",
        "app_id": APP_ID, "unix_ts": UNIX_TS, "random_int": RANDOM, "expired_ts": EXPIRED,
    }


def test_parse_dk5_fields() -> None:
    assert dynamic_key.parse(DK5_PERMISSION["0"]).to_fields() == {
        "version": "005", "service_type": 4,
        "signature": "824D14183AFD928D8DAE1E598958630711264F74", "app_id": APP_ID,
        "unix_ts": UNIX_TS, "random_int": RANDOM, "expired_ts": EXPIRED, "extra": {"1": "0"},
    }
    assert dynamic_key.parse_v5(DK5["media_channel"]).to_fields()["extra"] == {}
    assert dynamic_key.parse_v5(DK5["recording"]).signature == (
        "929C9E46187A022BAAB26B7BF018438C675CFE1A")  # docs/formats.md section 10.1


def test_parse_dk5_non_utf8_text_is_hex() -> None:
    content = bytes.fromhex("0100" "0200") + b"\xff\xfe" + bytes.fromhex(
        "0000" "00000000" "00000000" "00000000" "0100" "0100" "0100") + b"\xc3"
    fields = dynamic_key.parse_v5("005" + base64.b64encode(content).decode()).to_fields()
    assert fields["signature"] == {"hex": "fffe"}
    assert fields["extra"] == {"1": {"hex": "c3"}}
    assert fields["app_id"] == ""


def _dk5_with(content: bytes) -> str:
    return "005" + base64.b64encode(content).decode()


_DK5_CONTENT = base64.b64decode(DK5["recording"][3:])


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", ReasonCode.BAD_VERSION), ("002" + DK3[3:], ReasonCode.BAD_VERSION), (DK1, None),
        (DK3[:-1], ReasonCode.TRUNCATED), (DK3 + "0", ReasonCode.TRAILING_BYTES),
        (DK4["recording"][:50], ReasonCode.TRUNCATED),
        ("003" + "g" * 40 + DK3[43:], ReasonCode.BAD_FIELD),
        (DK3[:43] + "z" * 32 + DK3[75:], ReasonCode.BAD_APP_ID),
        (DK3[:75] + "14464554x2" + DK3[85:], ReasonCode.BAD_FIELD),
        (DK3[:75] + "9999999999" + DK3[85:], ReasonCode.BAD_FIELD),
        (DK3[:75] + "+144645547" + DK3[85:], ReasonCode.BAD_FIELD),
        (DK3[:85] + "0383bbfg" + DK3[93:], ReasonCode.BAD_FIELD),
        (DK4["recording"][:-10] + "١٤٤٦٤٥٥٤٧١", ReasonCode.BAD_FIELD),
        (DK5["recording"][:-2], ReasonCode.BAD_BASE64),
        (DK5["recording"][:10] + "-" + DK5["recording"][11:], ReasonCode.BAD_BASE64),
        (_dk5_with(_DK5_CONTENT[:-1]), ReasonCode.TRUNCATED),
        (_dk5_with(_DK5_CONTENT + b"\x00"), ReasonCode.TRAILING_BYTES),
        ("005", ReasonCode.TRUNCATED),
    ],
)
def test_parse_failures(token: str, reason: ReasonCode | None) -> None:
    with pytest.raises(DecodeError) as info:
        dynamic_key.parse(token)
    assert reason is None or info.value.reason is reason
