"""Legacy keys (DynamicKey 1-5, SignalingToken): a mismatch names the first differing field,
and a key that does not decode says so (wrong keys built by hand from the vectors' keys)."""

from __future__ import annotations

import base64

import pytest

from conformance.compare.comparison import compare
from conformance.protocol import Answer, Outcome
from conformance.vectors import Case, load_vectors


def first_case(family: str) -> Case:
    return next(c for c in load_vectors().cases
                if c.family == family and c.expect.token is not None and c.expect.error is None)


def splice(text: str, start: int, new: str) -> str:
    return text[:start] + new + text[start + len(new):]


def other_digit(text: str, at: int) -> str:
    return splice(text, at, "1" if text[at] != "1" else "2")


# Text layouts (docs/formats.md section 10): sig40, app_id32, ts10, rand8[, uid10][, exp10],
# after the 3-character prefix for 003/004.
@pytest.mark.parametrize(
    ("family", "at", "field"),
    [
        ("dynamic_key1", 40 + 32 + 9, "unix_ts"),
        ("dynamic_key1", 40 + 32 + 10 + 7, "random_int"),
        ("dynamic_key2", 40 + 32 + 10 + 8 + 9, "uid"),
        ("dynamic_key2", 40 + 32 + 10 + 8 + 10 + 9, "expired_ts"),
        ("dynamic_key3", 3 + 40 + 32 + 10 + 8 + 9, "uid"),
        ("dynamic_key4", 3 + 40 + 32 + 10 + 8 + 9, "expired_ts"),
    ],
)
def test_text_key_names_the_field(family: str, at: int, field: str) -> None:
    case = first_case(family)
    assert case.expect.token is not None
    verdict = compare(case, Answer(case.id, token=other_digit(case.expect.token, at)))
    assert verdict.outcome is Outcome.FAIL
    assert verdict.detail.startswith(f"token differs: {field}: want ")
    assert verdict.causes == ("legacy_field",)


def test_signature_alone_is_named() -> None:
    case = first_case("dynamic_key4")
    want = case.expect.token
    assert want is not None
    flipped = splice(want, 3, "0" if want[3] != "0" else "1")
    verdict = compare(case, Answer(case.id, token=flipped))
    assert verdict.detail.startswith(f"token differs: signature: want {want[3:43]}, got 0")
    assert verdict.causes == ("signature_only",)


def test_app_id_case_is_named() -> None:
    case = first_case("dynamic_key3")
    want = case.expect.token
    assert want is not None and want[43:75] != want[43:75].upper()
    verdict = compare(case, Answer(case.id, token=want[:43] + want[43:75].upper() + want[75:]))
    assert verdict.detail.startswith(f'token differs: app_id: want "{want[43:75]}"')
    assert verdict.causes == ("app_id_text",)


def test_dynamic_key5_service_type_and_extra() -> None:
    case = first_case("dynamic_key5")
    want = case.expect.token
    assert want is not None
    raw = bytearray(base64.b64decode(want[3:]))
    raw[1] ^= 0x40  # u16 little-endian service type: +64
    verdict = compare(case, Answer(case.id, token="005" + base64.b64encode(raw).decode()))
    assert verdict.detail.startswith("token differs: service_type: want ")
    raw[1] ^= 0x40
    raw[-1] ^= 0x01  # the last byte: the value of the extra map's last entry
    verdict = compare(case, Answer(case.id, token="005" + base64.b64encode(raw).decode()))
    assert verdict.detail.startswith("token differs: extra: want {")


def test_signaling_token_expiry() -> None:
    case = first_case("signaling_token")
    want = case.expect.token
    assert want is not None
    _, app_id, expired, md5 = want.split(":")
    verdict = compare(case, Answer(case.id, token=f"1:{app_id}:{int(expired) + 1}:{md5}"))
    assert verdict.detail == (f"token differs: expired_ts: want {expired}, "
                              f"got {int(expired) + 1}")


@pytest.mark.parametrize(
    ("family", "mangle", "detail", "cause"),
    [
        ("dynamic_key2", lambda t: t + "0", "the key does not decode: trailing_bytes",
         "token_structure"),
        ("dynamic_key1", lambda t: t[:-1], "the key does not decode: truncated", "token_structure"),
        ("dynamic_key4", lambda t: "008" + t[3:], "the key does not decode: bad_version",
         "version_prefix"),
        ("signaling_token", lambda t: t + ":x", "the key does not decode: trailing_bytes",
         "token_structure"),
    ],
)
def test_a_key_that_does_not_decode_says_so(family: str, mangle: object, detail: str,
                                             cause: str) -> None:
    case = first_case(family)
    assert case.expect.token is not None and callable(mangle)
    verdict = compare(case, Answer(case.id, token=mangle(case.expect.token)))
    assert verdict.outcome is Outcome.FAIL and verdict.detail.startswith(detail)
    assert verdict.causes == (cause,)
    assert verdict.differences[0].startswith("token differs from character ")
