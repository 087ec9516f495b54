"""Property tests for 006: build -> parse round trips, determinism, parse robustness."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from reference import access_token
from reference.errors import DecodeError

HEX = "0123456789abcdefABCDEF"
hex32 = st.text(alphabet=HEX, min_size=32, max_size=32)
u32 = st.integers(0, 2**32 - 1)
uids = st.one_of(u32, st.text(max_size=40))
privilege_maps = st.dictionaries(st.integers(0, 65535), u32, max_size=20)
channels = st.text(max_size=80)

AT1 = access_token.build("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                         "7d72365eb983485397e3e3f9d460bdda", 2882341273, {1: 1446455471},
                         salt=1, ts=1111111)


def _uid_text(uid: int | str) -> str:
    if isinstance(uid, str):
        return uid
    return "" if uid == 0 else str(uid)


@settings(max_examples=150, deadline=None)
@given(hex32, hex32, channels, uids, privilege_maps, u32, u32)
def test_round_trip(app_id: str, cert: str, channel: str, uid: int | str,
                    privileges: dict[int, int], salt: int, ts: int) -> None:
    token = access_token.build(app_id, cert, channel, uid, privileges, salt=salt, ts=ts)
    assert token == access_token.build(app_id, cert, channel, uid, privileges, salt=salt, ts=ts)
    assert token.startswith("006" + app_id)
    parsed = access_token.parse(token)
    uid_text = _uid_text(uid)
    assert parsed.to_fields() == {
        "version": "006",
        "signature": parsed.signature.hex(),
        "app_id": app_id,
        "crc_channel_name": zlib.crc32(channel.encode()),
        "crc_uid": zlib.crc32(uid_text.encode()),
        "salt": salt,
        "ts": ts,
        "privileges": {str(k): privileges[k] for k in sorted(privileges)},
    }
    # independent recomputation of the signature over the raw m carried by the token
    m = parsed.message
    assert m[:8] == salt.to_bytes(4, "little") + ts.to_bytes(4, "little")
    expected = hmac.new(cert.encode(), (app_id + channel + uid_text).encode() + m,
                        hashlib.sha256).digest()
    assert parsed.signature == expected
    assert parsed.verify_signature(cert, channel, uid)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_parse_arbitrary_text_raises_only_decode_error(text: str) -> None:
    for candidate in (text, "006" + text, AT1[:35] + text):
        with contextlib.suppress(DecodeError):
            access_token.parse(candidate)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=120))
def test_parse_arbitrary_payload_raises_only_decode_error(payload: bytes) -> None:
    with contextlib.suppress(DecodeError):
        access_token.parse(AT1[:35] + base64.b64encode(payload).decode())


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(AT1) - 1), st.characters(codec="ascii"))
def test_parse_mutated_token_raises_only_decode_error(index: int, char: str) -> None:
    mutated = AT1[:index] + char + AT1[index + 1:]
    try:
        parsed = access_token.parse(mutated)
    except DecodeError:
        return
    parsed.to_fields()


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 200), st.binary(min_size=1, max_size=3))
def test_parse_byte_mutations_raise_only_decode_error(index: int, junk: bytes) -> None:
    content = bytearray(base64.b64decode(AT1[35:]))
    at = index % (len(content) + 1)
    for variant in (bytes(content[:at]) + junk + bytes(content[at:]), bytes(content[:at])):
        with contextlib.suppress(DecodeError):
            access_token.parse(AT1[:35] + base64.b64encode(variant).decode())
