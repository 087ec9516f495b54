"""Property tests for DynamicKey: generate -> parse round trips, determinism, parse robustness."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from reference import dynamic_key
from reference.errors import DecodeError

hex32 = st.text(alphabet="0123456789abcdefABCDEF", min_size=32, max_size=32)
u32 = st.integers(0, 2**32 - 1)
signed = st.integers(-(2**31), 2**32 - 1)
channels = st.text(max_size=60)


@settings(max_examples=100, deadline=None)
@given(hex32, hex32, channels, u32, signed, signed, u32)
def test_dk3_round_trip(app_id: str, cert: str, channel: str, ts: int, rnd: int, uid: int,
                        expired: int) -> None:
    key = dynamic_key.generate_v3(app_id, cert, channel, ts, rnd, uid, expired)
    assert key == dynamic_key.generate_v3(app_id, cert, channel, ts, rnd, uid, expired)
    fields = dynamic_key.parse(key).to_fields()
    assert fields == {"version": "003", "signature": key[3:43], "app_id": app_id,
                      "unix_ts": ts, "random_int": rnd % 2**32, "uid": uid % 2**32,
                      "expired_ts": expired}
    message = f"{app_id}{ts:010d}{rnd % 2**32:08x}{channel}{uid % 2**32:010d}{expired:010d}"
    assert key[3:43] == hmac.new(cert.encode(), message.encode(), hashlib.sha1).hexdigest()


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["APSS", "ARS", "ACS"]), hex32, hex32, channels, u32, signed, signed, u32)
def test_dk4_round_trip(service: str, app_id: str, cert: str, channel: str, ts: int, rnd: int,
                        uid: int, expired: int) -> None:
    key = dynamic_key.generate_v4(service, app_id, cert, channel, ts, rnd, uid, expired)
    assert len(key) == 103
    fields = dynamic_key.parse(key).to_fields()
    assert fields == {"version": "004", "signature": key[3:43], "app_id": app_id,
                      "unix_ts": ts, "random_int": rnd % 2**32, "expired_ts": expired}
    # docs/formats.md §6: the signed message holds the service and uid, which the key does not carry
    message = (f"{service}{app_id}{ts:010d}{rnd % 2**32:08x}{channel}{uid % 2**32:010d}"
               f"{expired:010d}")
    assert key[3:43] == hmac.new(cert.encode(), message.encode(), hashlib.sha1).hexdigest()


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), hex32, hex32, channels, u32, signed, signed, u32,
       st.sampled_from(["0", "3"]))
def test_dk5_round_trip(service: int, app_id: str, cert: str, channel: str, ts: int, rnd: int,
                        uid: int, expired: int, permission: str) -> None:
    extra = {1: permission} if service == 4 else {}
    key = dynamic_key.generate_v5(service, app_id, cert, channel, ts, rnd, uid, expired, extra)
    fields = dynamic_key.parse(key).to_fields()
    signature = fields.pop("signature")
    # docs/formats.md §7: HMAC-SHA1 keyed with the hex-decoded certificate over the packed fields
    channel_bytes = channel.encode()
    extra_bytes = b"".join(struct.pack("<HH", k, len(v)) + v.encode() for k, v in extra.items())
    to_sign = (struct.pack("<HH", service, 16) + bytes.fromhex(app_id)
               + struct.pack("<IIH", ts, rnd % 2**32, len(channel_bytes)) + channel_bytes
               + struct.pack("<IIH", uid % 2**32, expired, len(extra)) + extra_bytes)
    assert signature == hmac.new(bytes.fromhex(cert), to_sign, hashlib.sha1).hexdigest().upper()
    assert fields == {"version": "005", "service_type": service, "app_id": app_id.lower(),
                      "unix_ts": ts, "random_int": rnd % 2**32, "expired_ts": expired,
                      "extra": {str(k): v for k, v in extra.items()}}


_KEYS = (
    dynamic_key.generate_v3("970ca35de60c44645bbae8a215061b33", "5cfd2fd1755d40ecb72977518be15d3b",
                            "c", 1, 2, 3, 4),
    dynamic_key.generate_v4("ARS", "970ca35de60c44645bbae8a215061b33",
                            "5cfd2fd1755d40ecb72977518be15d3b", "c", 1, 2, 3, 4),
    dynamic_key.generate_v5(4, "970ca35de60c44645bbae8a215061b33",
                            "5cfd2fd1755d40ecb72977518be15d3b", "c", 1, 2, 3, 4, {1: "3"}),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_KEYS), st.integers(0, 200), st.characters(codec="ascii"))
def test_parse_mutated_keys_raise_only_decode_error(key: str, index: int, char: str) -> None:
    at = index % len(key)
    for mutated in (key[:at] + char + key[at + 1:], key[:at], key[:at] + char + key[at:]):
        with contextlib.suppress(DecodeError):
            dynamic_key.parse(mutated).to_fields()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.binary(max_size=120))
def test_parse_arbitrary_input_raises_only_decode_error(text: str, payload: bytes) -> None:
    for candidate in (text, "003" + text, "004" + text, "005" + text,
                      "005" + base64.b64encode(payload).decode()):
        with contextlib.suppress(DecodeError):
            dynamic_key.parse(candidate).to_fields()
