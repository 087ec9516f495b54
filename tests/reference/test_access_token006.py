"""AccessToken 006 known answers (docs/formats.md §10.1, docs/implementations.md §4.1), errors."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time

import pytest

from reference import _salt, access_token, builders
from reference.errors import DecodeError, InvalidInput, ReasonCode

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
EXPIRE = 1446455471

# docs/formats.md §10.1, KAT at1-uid (also upstream python3/test/AccessTokenTest.py::test_token).
AT1_M = bytes.fromhex("01000000" "47f41000" "0100" "0100" "af283756")
AT1_SIG = bytes.fromhex("95d1f654070fbbd9c5682fd7b218687743a3e88bc6e08f054b9f229227239747")
AT1_TOKEN = (
    "006970CA35de60c44645bbae8a215061b33"
    "IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW"
)
AT1_CONTENT = (
    bytes.fromhex("2000") + AT1_SIG + bytes.fromhex("b7487d10" "57a051e5" "1000") + AT1_M
)

# docs/implementations.md section 4.1 (identical in agora-token, agora-access-token,
# agora-token-builder and agoraiotools); salt 1, ts 1111111.
UID0_JOIN = (
    "006970CA35de60c44645bbae8a215061b33"
    "IACw1o7htY6ISdNRtku3p9tjTPi0jCKf9t49UHJhzCmL6bdIfRAAAAAAEAABAAAAR/QQAAEAAQCvKDdW"
)
PUBLISHER_UID = (
    "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHl"
    "IgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW"
)
PUBLISHER_UID0 = (
    "006970CA35de60c44645bbae8a215061b33IADcf1YDDQfa5ajy57WzGt4xXGN9zn4V/zjRTt8KfUQxEbdIfRAAAAAA"
    "IgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW"
)
RTM_ACCOUNT = (
    "006970CA35de60c44645bbae8a215061b33IAB/LZFT1ktgHw9V4dPyjw/+8Axznf2K8aBSsz1gfbhkwFegUeUAAAAA"
    "EAABAAAAR/QQAAEA6AOvKDdW"
)
NOW_FOR_TS_1111111 = 1111111 - 86400  # 006 builders set ts = now + 86400
SPECS = {spec.id: spec for spec in builders.SPECS}


def _at1() -> str:
    return access_token.build(APP_ID, CERT, CHANNEL, UID, {1: EXPIRE}, salt=1, ts=1111111)


def test_at1_uid_message() -> None:
    assert access_token.pack_message(1, 1111111, {1: EXPIRE}) == AT1_M


def test_at1_uid_signature() -> None:
    assert access_token.sign(CERT, APP_ID, CHANNEL, str(UID), AT1_M) == AT1_SIG
    # the signature message is the plain concatenation (docs/formats.md section 3.1)
    msg = (APP_ID + CHANNEL + str(UID)).encode() + AT1_M
    assert hmac.new(CERT.encode(), msg, hashlib.sha256).digest() == AT1_SIG


@pytest.mark.parametrize(
    ("text", "crc"),
    [(CHANNEL, 0x107D48B7), ("2882341273", 0xE551A057), ("", 0), ("0", 0xF4DBDF21)],
)
def test_crc32_values(text: str, crc: int) -> None:
    assert access_token.crc32_text(text) == crc


def test_at1_uid_content_and_token() -> None:
    token = _at1()
    assert token == AT1_TOKEN
    assert base64.b64decode(token[35:]) == AT1_CONTENT


def test_at1_uid_parse_fields() -> None:
    parsed = access_token.parse(AT1_TOKEN)
    assert parsed.to_fields() == {
        "version": "006",
        "signature": AT1_SIG.hex(),
        "app_id": APP_ID,
        "crc_channel_name": 0x107D48B7,
        "crc_uid": 0xE551A057,
        "salt": 1,
        "ts": 1111111,
        "privileges": {"1": EXPIRE},
    }
    assert parsed.message == AT1_M


def test_uid_string_equals_uid_int() -> None:
    as_text = access_token.build(APP_ID, CERT, CHANNEL, "2882341273", {1: EXPIRE}, salt=1,
                                 ts=1111111)
    assert as_text == AT1_TOKEN


def test_uid_zero_join_only() -> None:
    token = access_token.build(APP_ID, CERT, CHANNEL, 0, {1: EXPIRE}, salt=1, ts=1111111)
    assert token == UID0_JOIN
    assert access_token.parse(UID0_JOIN).crc_uid == 0


def test_low_level_spec_uses_string_ids() -> None:
    args = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL, "uid": UID,
            "ts": 1111111, "privileges": {"1": EXPIRE}}
    assert SPECS["access_token.build"].build(args, 1, None) == AT1_TOKEN


def _rtc(builder_id: str, who: dict[str, object], role: str) -> str:
    args = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL, "role": role,
            "privilege_expired_ts": EXPIRE, **who}
    return SPECS[builder_id].build(args, 1, NOW_FOR_TS_1111111)


def test_rtc_publisher_uid() -> None:
    assert _rtc("rtc.build_token_with_uid", {"uid": UID}, "publisher") == PUBLISHER_UID


def test_rtc_publisher_account_equals_uid() -> None:
    token = _rtc("rtc.build_token_with_user_account", {"account": "2882341273"}, "publisher")
    assert token == PUBLISHER_UID


def test_rtc_publisher_uid0() -> None:
    assert _rtc("rtc.build_token_with_uid", {"uid": 0}, "publisher") == PUBLISHER_UID0


def test_rtc_subscriber_is_join_only() -> None:
    # docs/implementations.md section 4.1: the join-only at1-uid token "= RTC subscriber"
    assert _rtc("rtc.build_token_with_uid", {"uid": UID}, "subscriber") == AT1_TOKEN


@pytest.mark.parametrize("role", ["attendee", "admin"])
def test_rtc_attendee_and_admin_grant_publish(role: str) -> None:
    # canonical mapping (docs/formats.md section 3.2): attendee, publisher, admin -> {1,2,3,4}
    assert _rtc("rtc.build_token_with_uid", {"uid": UID}, role) == PUBLISHER_UID


def test_rtm_account() -> None:
    args = {"app_id": APP_ID, "app_certificate": CERT, "user_account": "2882341273",
            "privilege_expired_ts": EXPIRE}
    assert SPECS["rtm.build_token"].build(args, 1, NOW_FOR_TS_1111111) == RTM_ACCOUNT
    args["role"] = "rtm_user"
    assert SPECS["rtm.build_token"].build(args, 1, NOW_FOR_TS_1111111) == RTM_ACCOUNT


def test_rtm_fields() -> None:
    fields = access_token.parse(RTM_ACCOUNT).to_fields()
    assert fields["crc_channel_name"] == 0xE551A057  # channel slot = the account
    assert fields["crc_uid"] == 0
    assert fields["privileges"] == {"1000": EXPIRE}


def test_unknown_roles_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        _rtc("rtc.build_token_with_uid", {"uid": UID}, "owner")
    assert info.value.field == "role"
    args = {"app_id": APP_ID, "app_certificate": CERT, "user_account": "a", "role": "admin",
            "privilege_expired_ts": EXPIRE}
    with pytest.raises(InvalidInput) as info:
        SPECS["rtm.build_token"].build(args, 1, 0)
    assert info.value.field == "role"


def test_default_salt_and_ts() -> None:
    before = int(time.time())
    parsed = access_token.parse(access_token.build(APP_ID, CERT, CHANNEL, UID, {1: EXPIRE}))
    assert 1 <= parsed.salt <= 99_999_999
    assert before + 86400 <= parsed.ts <= int(time.time()) + 86400


def test_verify_signature() -> None:
    parsed = access_token.parse(AT1_TOKEN)
    assert parsed.verify_signature(CERT, CHANNEL, UID) is True
    assert parsed.verify_signature(CERT, CHANNEL, "2882341273") is True
    assert parsed.verify_signature(CERT.lower(), CHANNEL, UID) is False  # case is significant
    assert parsed.verify_signature(CERT, CHANNEL + "x", UID) is False
    assert parsed.verify_signature(CERT, CHANNEL, 1) is False
    uid0 = access_token.parse(UID0_JOIN)
    assert uid0.verify_signature(CERT, CHANNEL, 0) is True
    assert uid0.verify_signature(CERT, CHANNEL, "") is True
    assert uid0.verify_signature(CERT, CHANNEL, "0") is False


def test_matches() -> None:
    parsed = access_token.parse(AT1_TOKEN)
    assert parsed.matches(CHANNEL, UID) == (True, True)
    assert parsed.matches("otherchannel", 0) == (False, False)


# ------------------------------------------------------------------------------ build refusals

GOOD = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL, "uid": UID,
        "privileges": {1: EXPIRE}}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"app_id": "970CA35de60c44645bbae8a215061b3"}, "app_id"),
        ({"app_id": "970CA35de60c44645bbae8a215061b33a"}, "app_id"),
        ({"app_id": "970CA35de60c44645bbae8a215061b3g"}, "app_id"),
        ({"app_id": "970CA35de60c4464 5bbae8a215061b33"}, "app_id"),
        ({"app_id": ""}, "app_id"),
        ({"app_certificate": "5CFd2fd1755d40ecb72977518be15d3"}, "app_certificate"),
        ({"app_certificate": "xCFd2fd1755d40ecb72977518be15d3b"}, "app_certificate"),
        ({"uid": -1}, "uid"),
        ({"uid": 2**32}, "uid"),
        ({"uid": True}, "uid"),
        ({"uid": "u" * 65536}, "uid"),
        ({"channel_name": "c" * 65536}, "channel_name"),
        ({"channel_name": 5}, "channel_name"),
        ({"privileges": {65536: 1}}, "privileges"),
        ({"privileges": {-1: 1}}, "privileges"),
        ({"privileges": {1: 2**32}}, "privileges[1]"),
        ({"privileges": {1: -1}}, "privileges[1]"),
        ({"privileges": {1: 1.5}}, "privileges[1]"),
        ({"privileges": {"1": 5}}, "privileges"),
        ({"privileges": {1: 2, "a": 3}}, "privileges"),
        ({"privileges": dict.fromkeys(range(10921), 0)}, "privileges"),  # m over 65535 bytes
        ({"channel_name": "\ud800"}, "channel_name"),
        ({"uid": "\udfff"}, "uid"),
        ({"channel_name": "é" * 32768}, "channel_name"),
    ],
)
def test_build_refuses(change: dict[str, object], field: str) -> None:
    args = {**GOOD, **change}
    with pytest.raises(InvalidInput) as info:
        access_token.build(**args, salt=1, ts=1111111)  # type: ignore[arg-type]
    assert info.value.field == field


def test_build_limits_are_inclusive() -> None:
    token = access_token.build(APP_ID, CERT, "c" * 65535, 2**32 - 1, {65535: 2**32 - 1},
                               salt=2**32 - 1, ts=0)
    fields = access_token.parse(token).to_fields()
    assert fields["privileges"] == {"65535": 2**32 - 1}
    assert (fields["salt"], fields["ts"]) == (2**32 - 1, 0)


@pytest.mark.parametrize(("salt", "ts", "field"), [(-1, 0, "salt"), (0, 2**32, "ts")])
def test_build_refuses_salt_ts(salt: int, ts: int, field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        access_token.build(APP_ID, CERT, CHANNEL, UID, {}, salt=salt, ts=ts)
    assert info.value.field == field


def test_clock_overflow_refused() -> None:
    args = {"app_id": APP_ID, "app_certificate": CERT, "user_account": "a",
            "privilege_expired_ts": 1}
    with pytest.raises(InvalidInput) as info:
        SPECS["rtm.build_token"].build(args, 1, 2**32 - 86400)
    assert info.value.field == "now"


# ------------------------------------------------------------------------------ parse failures

def _token_with(content: bytes) -> str:
    return "006" + APP_ID + base64.b64encode(content).decode()


def _content(sig: bytes, m: bytes, extra: bytes = b"") -> bytes:
    return (struct.pack("<H", len(sig)) + sig + bytes.fromhex("b7487d1057a051e5")
            + struct.pack("<H", len(m)) + m + extra)


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", ReasonCode.BAD_VERSION),
        ("00", ReasonCode.BAD_VERSION),
        ("006", ReasonCode.BAD_APP_ID),
        ("007eJx" + AT1_TOKEN[6:], ReasonCode.BAD_VERSION),
        ("005AwAoADc0QTk5RTVEQjI4MDk0NUI0NzUwNTk0MUFDMjM4MDU2NzIwREY3QjAQ", ReasonCode.BAD_VERSION),
        ("006" + "g" * 32 + AT1_TOKEN[35:], ReasonCode.BAD_APP_ID),
        ("006" + APP_ID[:31], ReasonCode.BAD_APP_ID),
        ("006" + APP_ID + "!!!!", ReasonCode.BAD_BASE64),
        ("006" + APP_ID, ReasonCode.TRUNCATED),
        (AT1_TOKEN[:-4], ReasonCode.TRUNCATED),
        (AT1_TOKEN[:-2], ReasonCode.BAD_BASE64),  # padding missing
        (AT1_TOKEN.replace("+", "-"), ReasonCode.BAD_BASE64),  # URL-safe alphabet
        (AT1_TOKEN[:50] + "\n" + AT1_TOKEN[50:], ReasonCode.BAD_BASE64),
        (AT1_TOKEN[:50] + " " + AT1_TOKEN[50:], ReasonCode.BAD_BASE64),
        (AT1_TOKEN + "====", ReasonCode.BAD_BASE64),
        (_token_with(AT1_CONTENT + b"\x00")[:-3] + "B==", ReasonCode.BAD_BASE64),  # pad bits
        (_token_with(AT1_CONTENT + b"\x00"), ReasonCode.TRAILING_BYTES),
        (_token_with(_content(AT1_SIG, AT1_M + b"\x00")), ReasonCode.TRAILING_BYTES),
        (_token_with(_content(AT1_SIG, AT1_M[:-1])), ReasonCode.TRUNCATED),
        (_token_with(_content(AT1_SIG, AT1_M[:8])), ReasonCode.TRUNCATED),
        (_token_with(AT1_CONTENT[:-1]), ReasonCode.TRUNCATED),
        (_token_with(b"\x20"), ReasonCode.TRUNCATED),
        (_token_with(b"\xff\xff" + b"\x00" * 40), ReasonCode.TRUNCATED),
    ],
)
def test_parse_failures(token: str, reason: ReasonCode) -> None:
    with pytest.raises(DecodeError) as info:
        access_token.parse(token)
    assert info.value.reason is reason


def test_parse_keeps_token_order_and_odd_signature_length() -> None:
    m = struct.pack("<IIH", 7, 9, 2) + struct.pack("<HI", 4, 40) + struct.pack("<HI", 2, 20)
    parsed = access_token.parse(_token_with(_content(b"\x01\x02", m)))
    assert list(parsed.to_fields()["privileges"].items()) == [("4", 40), ("2", 20)]
    assert parsed.to_fields()["signature"] == "0102"


def test_parse_rejects_non_string() -> None:
    with pytest.raises(DecodeError):
        access_token.parse(b"006" + APP_ID.encode())  # type: ignore[arg-type]


def test_verify_and_match_never_crash_on_unencodable_text() -> None:
    parsed = access_token.parse(AT1_TOKEN)
    assert parsed.verify_signature(CERT, "\ud800", UID) is False
    assert parsed.matches("\ud800", "\udfff") == (False, False)


def test_random_salt_range_and_fork_safety() -> None:
    salts = [_salt.random_salt() for _ in range(5000)]
    assert all(1 <= s <= 99_999_999 for s in salts) and len(set(salts)) > 4990
    pid = os.fork()
    if pid == 0:  # the child must not inherit the parent's unused salts
        os._exit(0 if not _salt._salt_pool else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
