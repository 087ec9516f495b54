"""The universal decoder and verifier: reason codes, dispatch by prefix, strictness decisions.

Payloads are packed by hand here (struct + hmac, docs/formats.md §2.1-2.3), independently of the
reference packer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import zlib

import pytest

from reference import registry
from reference.decode import canonical_payload, canonical_signing_info, decode, verify
from reference.errors import DecodeError, InvalidInput, ReasonCode

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
TS = 1111111
# docs/formats.md section 10.1
TOKEN_10_1 = (
    "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0Sj"
    "QxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmh"
    "kbmxgDCaiTj"
)
TOKEN_006 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfR"
             "BXoFHlEAABAAAAR/QQAAEAAQCvKDdW")


def _s(text: bytes) -> bytes:
    return struct.pack("<H", len(text)) + text


def _content(services: bytes, count: int, app_id: bytes = APP_ID.encode(),
             expire: int = 600) -> bytes:
    signing_info = _s(app_id) + struct.pack("<IIIH", TS, expire, 1, count) + services
    k1 = hmac.new(struct.pack("<I", TS), CERT.encode(), hashlib.sha256).digest()
    k2 = hmac.new(struct.pack("<I", 1), k1, hashlib.sha256).digest()
    return _s(hmac.new(k2, signing_info, hashlib.sha256).digest()) + signing_info


def _token(content: bytes) -> str:
    return "007" + base64.b64encode(zlib.compress(content)).decode()


RTC = struct.pack("<HHHI", 1, 1, 1, 600) + _s(b"ch") + _s(b"42")
RTM = struct.pack("<HHHI", 2, 1, 1, 600) + _s(b"user")


def _nonzero_pad_bits(token: str) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = token.rstrip("=")
    return body[:-1] + alphabet[alphabet.index(body[-1]) ^ 1] + token[len(body):]


def _reason(token: object) -> ReasonCode:
    with pytest.raises(DecodeError) as err:
        decode(token)  # type: ignore[arg-type]
    return err.value.reason


def test_hand_packed_token_decodes_and_verifies() -> None:
    token = _token(_content(RTC + RTM, 2))
    fields = verify(token, CERT, now=TS).to_fields()
    assert fields["services"] == [
        {"type": 1, "privileges": {"1": 600}, "channel_name": "ch", "account": "42"},
        {"type": 2, "privileges": {"1": 600}, "user_id": "user"},
    ]
    assert "unknown_service_type" not in fields


@pytest.mark.parametrize("token", ["", "00", "008abc", "7eJx", "0O7eJx", "1;a", "  007eJx"])
def test_bad_version(token: str) -> None:
    assert _reason(token) == ReasonCode.BAD_VERSION


def test_non_text_input() -> None:
    assert _reason(b"007eJx") == ReasonCode.BAD_VERSION
    assert _reason(None) == ReasonCode.BAD_VERSION


@pytest.mark.parametrize("mangle", [
    lambda t: t.replace("+", "-").replace("/", "_"),  # url-safe alphabet
    lambda t: t.rstrip("="),  # missing padding
    lambda t: t[:40] + "\n" + t[40:],  # whitespace
    lambda t: t + " ",
    lambda t: t[:40] + "é" + t[40:],  # non-ASCII
    lambda t: t + "=",  # excess padding
    lambda t: _nonzero_pad_bits(t),  # non-canonical: decodes, but re-encodes differently
])
def test_bad_base64(mangle: object) -> None:
    token = _token(_content(RTC, 1) + b"x")  # 1 trailing byte makes the length pad to '='
    assert token.endswith("=") and ("+" in token or "/" in token)
    assert callable(mangle)
    assert _reason(mangle(token)) == ReasonCode.BAD_BASE64


def test_bad_zlib() -> None:
    content = _content(RTC, 1)
    stream = zlib.compress(content)
    b64 = base64.b64encode
    assert _reason("007" + b64(b"not zlib at all").decode()) == ReasonCode.BAD_ZLIB
    assert _reason("007" + b64(stream[:-6]).decode()) == ReasonCode.BAD_ZLIB  # cut short
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert _reason("007" + b64(raw.compress(content) + raw.flush()).decode()) \
        == ReasonCode.BAD_ZLIB  # raw deflate, no header
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)
    assert _reason("007" + b64(gz.compress(content) + gz.flush()).decode()) == ReasonCode.BAD_ZLIB
    bad_adler = stream[:-1] + bytes([stream[-1] ^ 1])
    assert _reason("007" + b64(bad_adler).decode()) == ReasonCode.BAD_ZLIB
    with_dict = zlib.compressobj(6, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY, zdict=b"ch")
    assert _reason("007" + b64(with_dict.compress(content) + with_dict.flush()).decode()) \
        == ReasonCode.BAD_ZLIB
    assert _reason("007") == ReasonCode.BAD_ZLIB  # empty stream


def test_trailing_bytes_after_zlib_stream() -> None:
    stream = zlib.compress(_content(RTC, 1)) + b"\0"
    assert _reason("007" + base64.b64encode(stream).decode()) == ReasonCode.TRAILING_BYTES


def test_trailing_bytes_after_last_service() -> None:
    # upstream ignores them (docs/formats.md §2.7 step 6); the conformance decoder reports them
    assert _reason(_token(_content(RTC, 1) + b"\0")) == ReasonCode.TRAILING_BYTES
    assert _reason(_token(_content(RTC + RTM, 1))) == ReasonCode.TRAILING_BYTES


@pytest.mark.parametrize("cut", [1, 2, 10, 34, 40, 60, 70, 80])
def test_truncated(cut: int) -> None:
    content = _content(RTC, 1)
    assert _reason(_token(content[: len(content) - cut])) == ReasonCode.TRUNCATED


def test_count_larger_than_services_is_truncated() -> None:
    assert _reason(_token(_content(RTC, 2))) == ReasonCode.TRUNCATED


def test_unknown_service_type_stops_parsing_and_keeps_earlier_services() -> None:
    unknown = struct.pack("<HH", 99, 0) + b"opaque bytes of an unknown layout"
    token = _token(_content(RTC + unknown + RTM, 3))
    decoded = verify(token, CERT)
    fields = decoded.to_fields()
    assert fields["unknown_service_type"] == 99
    assert [s["type"] for s in fields["services"]] == [1]
    with pytest.raises(InvalidInput):
        canonical_signing_info(fields)


def test_services_9_and_10_are_known_bare_services() -> None:
    bare = struct.pack("<HH", 9, 0) + struct.pack("<HHHI", 10, 1, 7, 5)
    fields = decode(_token(_content(bare, 2))).to_fields()
    assert fields["services"] == [{"type": 9, "privileges": {}},
                                  {"type": 10, "privileges": {"7": 5}}]


def test_non_utf8_text_fields_are_hex() -> None:
    svc = struct.pack("<HH", 5, 0) + _s(b"\xff\xfe")
    fields = decode(_token(_content(svc, 1, app_id=b"\xc3"))).to_fields()
    assert fields["app_id"] == {"hex": "c3"}
    assert fields["services"][0]["user_id"] == {"hex": "fffe"}
    # verify refuses a non-hex app id as upstream verifiers (except Python) do
    with pytest.raises(DecodeError) as err:
        verify(_token(_content(svc, 1, app_id=b"\xc3")), CERT)
    assert err.value.reason == ReasonCode.BAD_APP_ID


def test_verify_bad_signature_and_expiry_boundary() -> None:
    with pytest.raises(DecodeError) as err:
        verify(TOKEN_10_1, CERT.lower())  # the certificate is case-sensitive text
    assert err.value.reason == ReasonCode.BAD_SIGNATURE
    with pytest.raises(DecodeError) as err:
        verify(TOKEN_10_1, "not a certificate")
    assert err.value.reason == ReasonCode.BAD_SIGNATURE
    assert verify(TOKEN_10_1, CERT, now=TS + 600).version == "007"  # expires at 1111711
    with pytest.raises(DecodeError) as err:
        verify(TOKEN_10_1, CERT, now=TS + 601)
    assert err.value.reason == ReasonCode.EXPIRED


def test_tampered_payload_fails_signature() -> None:
    content = bytearray(_content(RTC, 1))
    content[-1] ^= 1  # last byte of the account
    decode(_token(bytes(content)))
    with pytest.raises(DecodeError) as err:
        verify(_token(bytes(content)), CERT)
    assert err.value.reason == ReasonCode.BAD_SIGNATURE


def test_canonical_payload_detects_non_canonical_order() -> None:
    canonical = _content(RTC + RTM, 2)
    decoded = decode(_token(canonical))
    assert decoded.payload == canonical
    assert canonical_payload(decoded.to_fields()) == canonical
    swapped = _content(RTM + RTC, 2)  # valid signature, services out of order
    fields = verify(_token(swapped), CERT).to_fields()
    assert canonical_payload(fields) != swapped
    unsorted = struct.pack("<HHHIHI", 1, 2, 2, 5, 1, 6) + _s(b"c") + _s(b"")
    fields = decode(_token(_content(unsorted, 1))).to_fields()
    assert fields["services"][0]["privileges"] == {"1": 6, "2": 5}
    assert canonical_payload(fields) != _content(unsorted, 1)


def test_006_dispatch_and_verify() -> None:
    decoded = decode(TOKEN_006)
    assert decoded.version == "006" and decoded.payload is None
    assert decoded.to_fields()["crc_uid"] == 0xE551A057
    verify(TOKEN_006, CERT, channel_name=CHANNEL, uid=2882341273, now=TS)
    for kwargs, reason in (
        ({"channel_name": CHANNEL, "uid": 1}, ReasonCode.BAD_SIGNATURE),
        ({"channel_name": CHANNEL}, ReasonCode.BAD_SIGNATURE),
        ({"channel_name": CHANNEL, "uid": 2882341273, "now": TS + 1}, ReasonCode.EXPIRED),
        ({"channel_name": CHANNEL, "uid": 2**40}, ReasonCode.BAD_SIGNATURE),
    ):
        with pytest.raises(DecodeError) as err:
            verify(TOKEN_006, CERT, **kwargs)  # type: ignore[arg-type]
        assert err.value.reason == reason


def test_legacy_dispatch() -> None:
    dk5 = registry.build("dynamic_key5.generate_media_channel_key", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL,
        "unix_ts": 1446455472, "random_int": 58964981, "uid": 2882341273,
        "expired_ts": 1446455471})
    assert decode(dk5).version == "005"
    assert decode(dk5).expires_at == 1446455471
    with pytest.raises(DecodeError):
        verify(dk5, CERT)  # the signature covers the channel name and uid
    signal = registry.build("signaling_token.generate", {
        "account": "acc", "app_id": APP_ID, "app_certificate": CERT, "expired_ts": 1000})
    assert decode(signal).version == "1"
    verify(signal, CERT, uid="acc", now=1000)
    with pytest.raises(DecodeError) as err:
        verify(signal, CERT, uid="acc", now=1001)
    assert err.value.reason == ReasonCode.EXPIRED
    with pytest.raises(DecodeError) as err:
        verify(signal, CERT, uid="other")
    assert err.value.reason == ReasonCode.BAD_SIGNATURE


DK_ARGS = {"app_id": APP_ID.lower(), "app_certificate": CERT.lower(), "channel_name": CHANNEL,
           "unix_ts": 1446455472, "random_int": 58964981, "uid": 2882341273,
           "expired_ts": 1446455471}


def test_dynamic_key5_known_answer_verifies() -> None:
    # docs/formats.md section 10.1 KAT dk5-recording: the carried signature
    key = registry.build("dynamic_key5.generate_recording_key", DK_ARGS)
    fields = decode(key).to_fields()
    assert fields["signature"] == "929C9E46187A022BAAB26B7BF018438C675CFE1A"
    verify(key, CERT, channel_name=CHANNEL, uid=2882341273)  # DK5 hex-decodes: case-blind


@pytest.mark.parametrize("builder_id", [
    "dynamic_key3.generate", "dynamic_key4.generate_public_sharing_key",
    "dynamic_key4.generate_recording_key", "dynamic_key4.generate_media_channel_key",
    "dynamic_key5.generate_media_channel_key", "dynamic_key5.generate_public_sharing_key",
])
def test_dynamic_key_verify(builder_id: str) -> None:
    key = registry.build(builder_id, DK_ARGS)
    verify(key, CERT.lower(), channel_name=CHANNEL, uid=2882341273, now=1446455471)
    for kwargs, reason in (
        ({"channel_name": CHANNEL, "uid": 1}, ReasonCode.BAD_SIGNATURE),
        ({"channel_name": "other", "uid": 2882341273}, ReasonCode.BAD_SIGNATURE),
        ({"uid": 2882341273}, ReasonCode.BAD_SIGNATURE),
        ({"channel_name": CHANNEL, "uid": 2882341273, "now": 1446455472}, ReasonCode.EXPIRED),
    ):
        with pytest.raises(DecodeError) as err:
            verify(key, CERT.lower(), **kwargs)  # type: ignore[arg-type]
        assert err.value.reason == reason
