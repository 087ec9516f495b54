"""SignalingToken: upstream known answers (paths cited), a hand-derived example, parsing."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference import signaling_token
from reference.errors import DecodeError, InvalidInput, ReasonCode

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
SPEC = signaling_token.SPECS[0]

# AgoraIO/Tools DynamicKey/AgoraDynamicKey/: python3/test/SignalingTokenTest.py,
# go/test/SignalingToken_test.go, perl/test/signaling_token.t (account "2882341273",
# expiry 1514133234 + 86400).
KAT_2882341273 = "1:970CA35de60c44645bbae8a215061b33:1514219634:82539e1f3973bcfe3f0d0c8993e6c051"
# java/src/test/java/io/agora/test/SignalingTokenTest.java and
# csharp/test/AgoraIO.Tests/SignalingTokenTest.cs (lower-case fixture, account "TestAccount").
KAT_TEST_ACCOUNT = "1:970ca35de60c44645bbae8a215061b33:1446455471:4815d52c4fd440bac35b981c12798774"


def args(**change: Any) -> dict[str, Any]:
    return {"account": "2882341273", "app_id": APP_ID, "app_certificate": CERT,
            "expired_ts": 1514133234 + 3600 * 24, **change}


def test_kat_numeric_account() -> None:
    assert SPEC.build(args(), None, None) == KAT_2882341273


def test_kat_test_account_lower_case_fixture() -> None:
    token = signaling_token.generate("TestAccount", APP_ID.lower(), CERT.lower(), 1446455471)
    assert token == KAT_TEST_ACCOUNT


def test_hand_derived() -> None:
    account = "hand-derived ü"
    digest = hashlib.md5((account + APP_ID + CERT + "0").encode()).hexdigest()
    assert signaling_token.generate(account, APP_ID, CERT, 0) == f"1:{APP_ID}:0:{digest}"


def test_spec_flags() -> None:
    assert SPEC.id == "signaling_token.generate"
    assert [p.name for p in SPEC.params] == ["account", "app_id", "app_certificate", "expired_ts"]
    assert (SPEC.uses_salt, SPEC.uses_clock) == (False, False)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"app_id": APP_ID + "0"}, "app_id"),
     ({"app_id": "9:0CA35de60c44645bbae8a215061b33"}, "app_id"),
     ({"app_certificate": ""}, "app_certificate"), ({"expired_ts": -1}, "expired_ts"),
     ({"expired_ts": 2**32}, "expired_ts"), ({"expired_ts": "1"}, "expired_ts"),
     ({"account": 5}, "account")],
)
def test_refusals(change: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as info:
        SPEC.build(args(**change), None, None)
    assert info.value.field == field


def test_parse_fields_and_verify() -> None:
    parsed = signaling_token.parse(KAT_2882341273)
    assert parsed.to_fields() == {"version": "1", "app_id": APP_ID, "expired_ts": 1514219634,
                                  "signature": "82539e1f3973bcfe3f0d0c8993e6c051"}
    assert parsed.verify_signature(CERT, "2882341273")
    assert not parsed.verify_signature(CERT, "2882341274")
    assert not parsed.verify_signature(CERT.lower(), "2882341273")


@pytest.mark.parametrize(
    ("token", "reason"),
    [("", ReasonCode.BAD_VERSION), ("2:" + KAT_2882341273[2:], ReasonCode.BAD_VERSION),
     ("1", ReasonCode.BAD_VERSION), ("1:" + APP_ID + ":1", ReasonCode.TRUNCATED),
     (KAT_2882341273 + ":x", ReasonCode.TRAILING_BYTES),
     (KAT_2882341273.replace("970CA", "970CX"), ReasonCode.BAD_APP_ID),
     (KAT_2882341273.replace("1514219634", "151421963x"), ReasonCode.BAD_FIELD),
     (KAT_2882341273.replace("1514219634", "4294967296"), ReasonCode.BAD_FIELD),
     (KAT_2882341273.replace("1514219634", ""), ReasonCode.BAD_FIELD),
     (KAT_2882341273[:-1], ReasonCode.BAD_FIELD), (KAT_2882341273 + "0", ReasonCode.BAD_FIELD)],
)
def test_parse_failures(token: str, reason: ReasonCode) -> None:
    with pytest.raises(DecodeError) as info:
        signaling_token.parse(token)
    assert info.value.reason is reason


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.integers(0, 2**32 - 1))
def test_round_trip(account: str, expired: int) -> None:
    token = signaling_token.generate(account, APP_ID, CERT, expired)
    parsed = signaling_token.parse(token)
    assert parsed.to_fields()["expired_ts"] == expired
    assert parsed.verify_signature(CERT, account)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=90))
def test_parse_raises_only_decode_error(text: str) -> None:
    for candidate in (text, "1:" + text, f"1:{APP_ID}:" + text):
        try:
            signaling_token.parse(candidate)
        except DecodeError:
            continue
