"""The decoder raises nothing but DecodeError, for arbitrary text and for mutated valid tokens."""

from __future__ import annotations

import base64
import contextlib
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference import registry
from reference.decode import decode, verify
from reference.errors import DecodeError

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"


def _seed_tokens() -> list[str]:
    common = {"app_id": APP_ID, "app_certificate": CERT}
    out = [
        registry.build("rtc2.build_token_with_rtm2", {
            **common, "channel_name": CHANNEL, "rtc_account": "a", "rtc_role": "publisher",
            "rtc_token_expire": 600, "join_channel_privilege_expire": 1,
            "pub_audio_privilege_expire": 2, "pub_video_privilege_expire": 3,
            "pub_data_privilege_expire": 4, "rtm_user_id": "r", "rtm_token_expire": 5},
            salt=1, now=1111111),
        registry.build("rtm2.build_token_with_permissions", {
            **common, "user_id": "u", "expire": 60, "permissions": [
                {"resource_type": 1, "permission_type": 0, "resources": ["x", "y"]}]},
            salt=1, now=1111111),
        registry.build("apaas2.build_room_user_token", {
            **common, "room_uuid": "r", "user_uuid": "u", "role": -1, "expire": 60},
            salt=1, now=1111111),
        registry.build("rtc.build_token_with_uid", {
            **common, "channel_name": CHANNEL, "uid": 5, "role": "publisher",
            "privilege_expired_ts": 9}, salt=1, now=1111111),
        registry.build("dynamic_key5.generate_media_channel_key", {
            **common, "channel_name": CHANNEL, "unix_ts": 1, "random_int": 2, "uid": 3,
            "expired_ts": 4}),
        registry.build("signaling_token.generate", {
            "account": "a", "app_id": APP_ID, "app_certificate": CERT, "expired_ts": 1}),
    ]
    for dk in ("dynamic_key3.generate", "dynamic_key4.generate_recording_key"):
        out.append(registry.build(dk, {
            **common, "channel_name": CHANNEL, "unix_ts": 1, "random_int": 2, "uid": 3,
            "expired_ts": 4}))
    return out


SEEDS = _seed_tokens()
B64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def _decodes_or_decode_error(token: str) -> None:
    with contextlib.suppress(DecodeError):
        decode(token).to_fields()
    with contextlib.suppress(DecodeError):
        verify(token, CERT, now=5, channel_name=CHANNEL, uid=5)


@SETTINGS
@given(st.sampled_from(["", "007", "006", "005", "004", "003", "1:"]), st.text())
def test_arbitrary_text(prefix: str, rest: str) -> None:
    _decodes_or_decode_error(prefix + rest)


@SETTINGS
@given(st.sampled_from(["007", "006" + APP_ID, "005"]), st.binary(max_size=300))
def test_arbitrary_base64_payload(prefix: str, data: bytes) -> None:
    _decodes_or_decode_error(prefix + base64.b64encode(data).decode())


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_zlib_payload(data: bytes) -> None:
    _decodes_or_decode_error("007" + base64.b64encode(zlib.compress(data)).decode())


@SETTINGS
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_token_text(seed: str, data: st.DataObject) -> None:
    chars = list(seed)
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(chars)))
        op = data.draw(st.sampled_from(["replace", "delete", "insert"]))
        char = data.draw(st.sampled_from(B64_ALPHABET + ":0\n-_é"))
        if op == "insert" or pos == len(chars):
            chars.insert(pos, char)
        elif op == "delete":
            del chars[pos]
        else:
            chars[pos] = char
    _decodes_or_decode_error("".join(chars))


@SETTINGS
@given(st.sampled_from(SEEDS[:3]), st.data())
def test_mutated_007_payload(seed: str, data: st.DataObject) -> None:
    payload = decode(seed).payload
    assert payload is not None
    content = bytearray(payload)
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(content) - 1))
        content[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(content)))
    mutated = bytes(content[:cut]) + data.draw(st.binary(max_size=8))
    _decodes_or_decode_error("007" + base64.b64encode(zlib.compress(mutated)).decode())
