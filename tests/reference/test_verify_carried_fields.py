"""Verify checks everything a token carries: 006 CRC32s, SignalingToken's exact MD5 text.

The altered tokens are made by hand here (base64 + struct, formats.md 5.1), independently of
the reference packer: each one flips one bit of a carried CRC32 and keeps the signature, so
only a verifier that compares the CRCs with the given channel and uid can refuse it.
"""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from reference.decode import verify
from reference.errors import DecodeError, ReasonCode

CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
NOW = 1111111
# vectors/token/verify.yaml verify-006-valid (formats.md 10.2)
TOKEN_006 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfR"
             "BXoFHlEAABAAAAR/QQAAEAAQCvKDdW")
CRC_OFFSET = 2 + 32  # after the u16 length and the 32-byte HMAC-SHA256 signature
# SignalingToken known answer (tests/reference/test_signaling_token.py, upstream Node/Python)
SIGNALING = "1:970CA35de60c44645bbae8a215061b33:1446455471:951fb1eaf5829f4647740aa2f1911f32"


def _with_bit_flipped(token: str, bit: int) -> str:
    raw = bytearray(base64.b64decode(token[35:]))
    raw[CRC_OFFSET + bit // 8] ^= 1 << (bit % 8)
    return token[:35] + base64.b64encode(bytes(raw)).decode()


def test_the_untouched_token_carries_the_crcs_of_its_channel_and_uid() -> None:
    raw = base64.b64decode(TOKEN_006[35:])
    crc_channel, crc_uid = struct.unpack_from("<II", raw, CRC_OFFSET)
    assert crc_channel == zlib.crc32(CHANNEL.encode()) == 0x107D48B7
    assert crc_uid == zlib.crc32(str(UID).encode()) == 0xE551A057
    verify(TOKEN_006, CERT, channel_name=CHANNEL, uid=UID, now=NOW)


@pytest.mark.parametrize("bit", range(64))
def test_006_altered_crc_does_not_verify(bit: int) -> None:
    altered = _with_bit_flipped(TOKEN_006, bit)
    with pytest.raises(DecodeError) as err:
        verify(altered, CERT, channel_name=CHANNEL, uid=UID, now=NOW)
    assert err.value.reason is ReasonCode.BAD_SIGNATURE
    assert ("crc_channel_name" if bit < 32 else "crc_uid") in str(err.value)


def test_signaling_token_verifies_only_its_lower_case_md5() -> None:
    verify(SIGNALING, CERT, uid="2882341273", now=1446455471)
    head, _, md5 = SIGNALING.rpartition(":")
    with pytest.raises(DecodeError) as err:
        verify(f"{head}:{md5.upper()}", CERT, uid="2882341273", now=1446455471)
    assert err.value.reason is ReasonCode.BAD_SIGNATURE


def test_signaling_token_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    from reference import signaling_token

    calls: list[tuple[object, object]] = []

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return hmac.compare_digest(a, b)

    monkeypatch.setattr(signaling_token, "compare_digest", spy)
    assert signaling_token.parse(SIGNALING).verify_signature(CERT, "2882341273")
    assert calls == [("951fb1eaf5829f4647740aa2f1911f32",) * 2]
