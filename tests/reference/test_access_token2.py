"""AccessToken2 (007) known answers: docs/formats.md §10.1 and the real-implementation strings.

Expected values come from docs/formats.md section 10.1 (upstream KAT
``at2-rtc-uid`` with every intermediate value), docs/implementations.md section 4.2 (strings
printed by npm agora-token 2.0.6 and PyPI agoraiotools 0.3.4 / agora-rest) and the Go strings
of upstream AgoraIO/Tools ``go/src/accesstoken2/accesstoken_test.go`` (Go zlib output).
"""

from __future__ import annotations

import hmac
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from reference import _salt
from reference import access_token2 as at2
from reference import builders2 as b2
from reference.decode import decode, verify
from reference.errors import InvalidInput

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
TS = 1111111

# docs/formats.md section 10.1, KAT at2-rtc-uid
SIGNING_INFO_HEX = (
    "2000" "3937304341333564653630633434363435626261653861323135303631623333"
    "47f41000" "58020000" "01000000"
    "0100"
    "0100" "0100" "0100" "58020000"
    "2000" "3764373233363565623938333438353339376533653366396434363062646461"
    "0a00" "32383832333431323733"
)
K1 = "e0f6141e54329d72102500478ec18e0020a5eeef53bbcccc442c6c2f7f178251"
K2 = "cee2fa8dcbe868c30ca8c959d97fad4a5049c634da48449f1b8f59c14fa61073"
SIGNATURE = "16a0b84c5a5e82cbf74fb813d09f59c54bdac9c06120580539ac97578e958b1a"
ZLIB_HEX = (
    "789c5360105bb0c3272aaee9f477ff1dc217e6471ef5be75f240a24204abe59a"
    "e9e17d53bba514182ccd0d9c1d8d4d5352cd0c924d4ccc4c4c939212532d128d"
    "0c4d0dcc0c938c8dddbf083044303130303280300482f80a0ce629e646c666a6"
    "a9499616c62616a6c696e6a9c6a9c6699629266606492929895c0c46161646c6"
    "268646e6c600c26a24e3"
)
TOKEN_10_1 = (
    "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0Sj"
    "QxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmh"
    "kbmxgDCaiTj"
)

P = dict(salt=1, issue_ts=TS)
PUB = [{"type": 1, "privileges": {"1": 600, "2": 600, "3": 600, "4": 600},
        "channel_name": CHANNEL, "account": str(UID)}]

# docs/implementations.md section 4.2: (case, Node string, Python string, sig prefix, rebuild)
KAT_42: list[tuple[str, str, str, str, object]] = [
    ("rtc-join-uid", TOKEN_10_1, TOKEN_10_1, "16a0b84c5a5e82cb",
     lambda: b2.build_token_with_uid(APP_ID, CERT, CHANNEL, UID, "subscriber", 600, 600, **P)),
    ("rtc-join-uid0",
     "007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxN"
     "DcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=",
     "", "dcc4af9e4a04268e",
     lambda: b2.build_token_with_uid(APP_ID, CERT, CHANNEL, 0, "subscriber", 600, 600, **P)),
    ("rtc-publisher",
     "007eJxTYDhuGCT90E3Yo2+N3efJV5hX1K1MZAqae/Sa8UP9VXvOhfArMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhRgYWBkYwnwlMMoNJFjCpwGCeYm5kbGaammRpYWxiYWpsaZ5qnGqcZpliYmaQlJKSyM"
     "VgZGFhZGxiaGRuDACosyXL",
     "007eJxTYDhuGCT90E3Yo2+N3efJV5hX1K1MZAqae/Sa8UP9VXvOhfArMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhRgYWIAbxmcAkM5hkAZMKDOYp5kbGZqapSZYWxiYWpsaW5qnGqcZplikmZgZJKSmJXA"
     "xGFhZGxiaGRubGAKizJcs=",
     "c731521be1461348",
     lambda: b2.build_token_with_uid(APP_ID, CERT, CHANNEL, UID, "publisher", 600, 600, **P)),
    ("rtc-publisher-default-0",
     "007eJxTYOATF71zRPDM9+V2F/5ubc5cZf1AdHW2VonrN6uTaV0FDmsUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxN"
     "DcwMk4yN3b8IMEQwMTAwMoAwIwMLmMXAwAQmmcEkC5hUYDBPMTcyNjNNTbK0MDaxMDW2NE81TjVOs0wxMTNISklJ5G"
     "IwsrAwMjYxNDI3BgDHvyUq",
     "", "0e1715dcc411ccf7",
     lambda: b2.build_token_with_uid(APP_ID, CERT, CHANNEL, UID, "publisher", 600, **P)),
    ("rtc-publisher-rtm",
     "007eJxTYHjNyj415sLf281TT2jd52gMyguwUBKaOPHnh33f9599e2+6AoOluYGzo7FpSqqZQbKJiZmJaVJSYqpFopGh"
     "qYGZYZKxsfsXAYYIJgYGRgYGBiYGRgYWBkYwnwlMMoNJFjCpwGCeYm5kbGaammRpYWxiYWpsaZ5qnGqcZpliYmaQlJ"
     "KSyMVgZGFhZGxiaGRuDDILYhKyKACyxSsW",
     "007eJxTYHjNyj415sLf281TT2jd52gMyguwUBKaOPHnh33f9599e2+6AoOluYGzo7FpSqqZQbKJiZmJaVJSYqpFopGh"
     "qYGZYZKxsfsXAYYIJgYGRgYGBiYgyQLEID4TmGQGkyxgUoHBPMXcyNjMNDXJ0sLYxMLU2NI81TjVOM0yxcTMICklJZ"
     "GLwcjCwsjYxNDI3BhkFsQkZFEAssUrFg==",
     "eb0507955cd0fddb",
     lambda: b2.build_token_with_rtm(APP_ID, CERT, CHANNEL, str(UID), "publisher", 600, 600, **P)),
    ("rtm-uid",
     "007eJxTYEhuZrAR/XT+XPihI+6t4t5F9RtUltw9em3Pwi2sr6P/lAspMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn4vByMLCyNjE0MjcGACd0B0q",
     "007eJxTYEhuZrAR/XT+XPihI+6t4t5F9RtUltw9em3Pwi2sr6P/lAspMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhJiBmBPO5GIwsLIyMTQyNzI0BndAdKg==",
     "6383003c15f2cfce",
     lambda: b2.build_rtm_token(APP_ID, CERT, str(UID), 600, **P)),
    ("rtm-test-user",
     "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn5OhJLW4JL60OLUIAFlWHoA=",
     "007eJxTYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
     "GpgZJhkbu38RYIhgYmBgZABhJiBmBPM5GUpSi0viS4tTiwBZVh6A",
     "0d9a1df8a4e60649",
     lambda: b2.build_rtm_token(APP_ID, CERT, "test_user", 600, **P)),
    ("rtc-publisher-rtm-test-user",
     "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoam"
     "BmaGScbG7l8EGCKYGBgYGRgYmBgYGVgYGMF8JjDJDCZZwKQCg3mKuZGxmWlqkqWFsYmFqbGleapxqnGaZYqJmUFSSkoi"
     "F4ORhYWRsYmhkbkxyCyISZwMJanFJfGlxalFACKnKng=",
     "007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoam"
     "BmaGScbG7l8EGCKYGBgYGRgYmIAkCxCD+ExgkhlMsoBJBQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4G"
     "IwsLI2MTQyNzY5BZEJM4GUpSi0viS4tTiwAipyp4",
     "0812393ccca5befc",
     lambda: b2.build(APP_ID, CERT, 600, [
         {"type": 2, "privileges": {"1": 600}, "user_id": "test_user"}, *PUB], **P)),
    ("chat-user",
     "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0"
     "NTAzTDI2dv8iwBDBxMDAyADCrAyMDIxgPheDkYWFkbGJoZG5MQAfpR64",
     "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0"
     "NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg=",
     "28523b422bbfe03c",
     lambda: b2.build_chat_user_token(APP_ID, CERT, str(UID), 600, **P)),
    ("chat-app",
     "007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhq"
     "YGaYZGzs/kWAIYKJgYGRAYRZGRgZmMB8BgYArfIYaw==",
     "007eJxTYNDNaz3snC8huEfHWdz6s98qltq4zqy9fl99Uh0FDvy6F6DAYGlu4OxobJqSamaQbGJiZmKalJSYapFoZGhq"
     "YGaYZGzs/kWAIYKJgYGRAYRZgZgJzGdgAACt8hhr",
     "2d6e85c3436f1811",
     lambda: b2.build_chat_app_token(APP_ID, CERT, 600, **P)),
    ("agora-rest-rtc-rtm-chat", "",
     "007eJxTYAhomapx0vNSpXCs1NZ3QRH+whK934p2W4Wf+RT9cZn0jQ4FBktzA2dHY9OUVDODZBMTMxPTpKTEVItEI0NT"
     "AzPDJGNj9y8CDBFMDAyMDAwMzEASBEF8BQbzFHMjYzPT1CRLC2MTC1NjS/NU41TjNMsUEzODpJSURC4GIwsLI2MTQy"
     "NzYya4PmRRVqyiAHI6Ke8=",
     "50849528c949d279",
     lambda: b2.build(APP_ID, CERT, 600, [
         {"type": 5, "privileges": {"1": 600}, "user_id": str(UID)},
         {"type": 1, "privileges": {"1": 600}, "channel_name": CHANNEL, "account": str(UID)},
         {"type": 2, "privileges": {"1": 600}, "user_id": str(UID)}], **P)),
]

# Upstream Go test strings (Go compress/zlib: sync-flush + empty final stored block) with the
# Python/classic string of the same payload.
GO_KAT = [
    ("007eJxSYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQx"
     "NDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbm"
     "xoAAAAD//8JqJOM=", TOKEN_10_1),
    ("007eJxSYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQx"
     "NDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMgAAAAP//Npwi"
     "ag==", KAT_42[1][1]),
    ("007eJxSYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhm"
     "aGpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn5OhJLW4JL60OLUIEAAA//9ZVh6A", KAT_42[6][2]),
]


def _inflate(token: str) -> bytes:
    payload = decode(token).payload
    assert payload is not None
    return payload


def test_worked_example_intermediate_values() -> None:
    k1 = hmac.digest((TS).to_bytes(4, "little"), CERT.encode(), "sha256")
    assert k1.hex() == K1
    assert at2.signing_key(CERT.encode(), TS, 1).hex() == K2
    service = at2.Service(1, {1: 600}, channel_name=CHANNEL, account=str(UID))
    token = at2.AccessToken2(APP_ID, CERT, TS, 600, 1, [service]).build()
    parsed = at2.parse(token)
    assert parsed.signing_info.hex() == SIGNING_INFO_HEX
    assert len(parsed.signing_info) == 104
    assert parsed.signature.hex() == SIGNATURE
    assert len(parsed.content) == 138
    assert zlib.compress(parsed.content, 6).hex() == ZLIB_HEX
    assert token == TOKEN_10_1


@pytest.mark.parametrize("case", KAT_42, ids=[c[0] for c in KAT_42])
def test_real_implementation_strings(case: tuple[str, str, str, str, object]) -> None:
    _, node, python, sig_prefix, rebuild = case
    strings = [s for s in (node, python) if s]
    payloads = {_inflate(s) for s in strings}
    assert len(payloads) == 1  # Node and Python differ in zlib bytes, never in payload
    for s in strings:
        decoded = verify(s, CERT)
        assert decoded.signature.startswith(sig_prefix)
    assert callable(rebuild)
    rebuilt = rebuild()
    assert rebuilt == (python or node)  # classic zlib 1.2.x reproduces the Python string
    assert _inflate(rebuilt) == payloads.pop()


@pytest.mark.parametrize("go, classic", GO_KAT)
def test_go_strings_decode_to_the_classic_payload(go: str, classic: str) -> None:
    assert go != classic
    assert _inflate(go) == _inflate(classic)
    assert decode(go).to_fields() == decode(classic).to_fields()
    verify(go, CERT)


def test_go_token_without_services_decodes() -> None:
    # upstream go accesstoken_test.go Test_AssessToken_Build: Go builds a 0-service token
    go = ("007eJxSYEiJ9+zw7Gb1viNuGtMfy3JriuZNp+1h1iLu/rOePHlS91WBwdLcwNnR2DQl1cwg2cTEzMQ0KSkx1SLR"
          "yNDUwMwwydjY/YsAQwQTAwMjAwgAAgAA//+rZxiv")
    fields = verify(go, CERT).to_fields()
    assert fields["services"] == [] and fields["expire"] == 600 and fields["salt"] == 1


def test_publisher_variants_share_one_payload() -> None:
    a = b2.build_token_with_uid(APP_ID, CERT, CHANNEL, UID, "publisher", 600, 600, **P)
    b = b2.build_token_with_user_account(APP_ID, CERT, CHANNEL, str(UID), "publisher", 600,
                                         600, **P)
    c = b2.build_token_with_uid_and_privilege(APP_ID, CERT, CHANNEL, UID, 600, 600, 600, 600,
                                              600, **P)
    d = b2.build_token_with_user_account_and_privilege(APP_ID, CERT, CHANNEL, str(UID), 600,
                                                       600, 600, 600, 600, **P)
    assert a == b == c == d == KAT_42[2][2]


def test_uid_rule() -> None:
    zero = decode(b2.build_token_with_uid(APP_ID, CERT, CHANNEL, 0, "publisher", 600, **P))
    assert zero.to_fields()["services"][0]["account"] == ""
    text0 = decode(b2.build_token_with_user_account(APP_ID, CERT, CHANNEL, "0", "publisher",
                                                    600, **P))
    assert text0.to_fields()["services"][0]["account"] == "0"
    top = decode(b2.build_token_with_uid(APP_ID, CERT, CHANNEL, 2**32 - 1, "publisher", 600, **P))
    assert top.to_fields()["services"][0]["account"] == "4294967295"
    for bad in (-1, 2**32, True, "5"):
        with pytest.raises(InvalidInput) as err:
            b2.build_token_with_uid(APP_ID, CERT, CHANNEL, bad, "publisher", 600, **P)  # type: ignore[arg-type]
        assert err.value.field == "uid"


def test_services_sorted_stably_with_duplicates_kept() -> None:
    services = [
        {"type": 5, "privileges": {"1": 1}, "user_id": "c"},
        {"type": 1, "privileges": {"4": 4, "1": 1}, "channel_name": "second", "account": ""},
        {"type": 1, "privileges": {"1": 1}, "channel_name": "first-listed-after", "account": ""},
        {"type": 2, "privileges": {"1": 1}, "user_id": "r"},
    ]
    fields = decode(b2.build(APP_ID, CERT, 600, services, **P)).to_fields()
    assert [s["type"] for s in fields["services"]] == [1, 1, 2, 5]
    assert [s.get("channel_name") for s in fields["services"][:2]] == ["second",
                                                                      "first-listed-after"]
    assert list(fields["services"][0]["privileges"]) == ["1", "4"]
    assert [s["type"] for s in services] == [5, 1, 1, 2]  # the caller's list is untouched


def test_privileges_packed_in_ascending_order() -> None:
    packed = at2.Service(4, {3: 30, 1: 10, 2: 20}).pack()
    assert packed.hex() == "0400" "0300" "0100" "0a000000" "0200" "14000000" "0300" "1e000000"


def test_rtm2_permissions_ascending_and_replacing() -> None:
    perms = [
        {"resource_type": 4, "permission_type": 1, "resources": ["u2", "u1"]},
        {"resource_type": 0, "permission_type": 1, "resources": ["old"]},
        {"resource_type": 0, "permission_type": 0, "resources": []},
        {"resource_type": 0, "permission_type": 1, "resources": ["b", "a", "b"]},
    ]
    token = b2.build_rtm_token_with_permissions(APP_ID, CERT, "user", perms, 600, **P)
    service = decode(token).to_fields()["services"][0]
    assert service["type"] == 8 and service["privileges"] == {"1": 600}
    assert service["permissions"] == [
        {"resource_type": 0, "permission_type": 0, "resources": []},
        {"resource_type": 0, "permission_type": 1, "resources": ["b", "a", "b"]},
        {"resource_type": 4, "permission_type": 1, "resources": ["u2", "u1"]},
    ]
    # hand-packed block: 2 resource types; 0 -> {0: [], 1: [b, a, b]}, 4 -> {1: [u2, u1]}
    block = at2.pack_permissions(at2.permissions_from_fields(perms))
    assert block.hex() == ("0200" "0000" "0200" "0000" "0000" "0100" "0300" "010062" "010061"
                           "010062" "0400" "0100" "0100" "0200" "02007532" "02007531")


def test_apaas_room_user_token_services() -> None:
    token = b2.build_apaas_room_user_token(APP_ID, CERT, "room1", "user1", 1, 600, **P)
    services = decode(token).to_fields()["services"]
    assert services == [
        {"type": 2, "privileges": {"1": 600}, "user_id": "user1"},
        # MD5("user1") = 24c9e15e52afc47c225b757e7bee1f9d
        {"type": 5, "privileges": {"1": 600}, "user_id": "24c9e15e52afc47c225b757e7bee1f9d"},
        {"type": 7, "privileges": {"1": 600}, "room_uuid": "room1", "user_uuid": "user1",
         "role": 1},
    ]
    edu = b2.SPECS[[s.id for s in b2.SPECS].index("education2.build_room_user_token")]
    args = {"app_id": APP_ID, "app_certificate": CERT, "room_uuid": "room1",
            "user_uuid": "user1", "role": 1, "expire": 600}
    assert edu.build(args, 1, TS) == token


def test_apaas_user_and_app_tokens() -> None:
    user = decode(b2.build_apaas_user_token(APP_ID, CERT, "u", 600, **P)).to_fields()
    assert user["services"] == [{"type": 7, "privileges": {"2": 600}, "room_uuid": "",
                                 "user_uuid": "u", "role": -1}]
    app = decode(b2.build_apaas_app_token(APP_ID, CERT, 600, **P)).to_fields()
    assert app["services"][0]["privileges"] == {"3": 600}
    assert app["services"][0]["user_uuid"] == "" and app["services"][0]["role"] == -1


def test_fpa_token() -> None:
    fields = decode(b2.build_fpa_token(APP_ID, CERT, **P)).to_fields()
    assert fields["expire"] == 86400
    assert fields["services"] == [{"type": 4, "privileges": {"1": 0}}]


@pytest.mark.parametrize("builder, service_type", [(b2.build_convoai_token, 9),
                                                   (b2.build_stt_token, 10)])
def test_convoai_and_stt_add_a_bare_service(builder: object, service_type: int) -> None:
    assert callable(builder)
    token = builder(APP_ID, CERT, CHANNEL, str(UID), "subscriber", 600, 600, 600, 600, 600,
                    "rtm-user", 300, **P)
    services = decode(token).to_fields()["services"]
    assert services == [
        {"type": 1, "privileges": {"1": 600}, "channel_name": CHANNEL, "account": str(UID)},
        {"type": 2, "privileges": {"1": 300}, "user_id": "rtm-user"},
        {"type": service_type, "privileges": {}},
    ]
    # the bare service is u16(type) + u16(0) at the very end of signing_info
    assert decode(token).payload.endswith(service_type.to_bytes(2, "little") + b"\0\0")  # type: ignore[union-attr]


def test_rtm2_builder_roles() -> None:
    pub = b2.build_token_with_rtm2(APP_ID, CERT, CHANNEL, "acc", "publisher", 900, 1, 2, 3, 4,
                                   "rtm", 5, **P)
    fields = decode(pub).to_fields()
    assert fields["expire"] == 900
    assert fields["services"][0]["privileges"] == {"1": 1, "2": 2, "3": 3, "4": 4}
    assert fields["services"][1] == {"type": 2, "privileges": {"1": 5}, "user_id": "rtm"}


@pytest.mark.parametrize("field, kwargs", [
    ("app_id", {"app_id": "970CA35de60c44645bbae8a215061b3"}),
    ("app_id", {"app_id": "970CA35de60c44645bbae8a215061b3Z"}),
    ("app_id", {"app_id": "970CA35de60c44645bbae8a215061b33 "}),
    ("app_id", {"app_id": "97 0CA35de60c44645bbae8a215061b33"[:32]}),
    ("app_certificate", {"app_certificate": ""}),
    ("app_certificate", {"app_certificate": "5CFd2fd1755d40ecb72977518be15d3b\n"}),
    ("channel_name", {"channel_name": "x" * 65536}),
    ("expire", {"token_expire": 2**32}),
    ("privilege_expire", {"privilege_expire": -1}),
    ("role", {"role": "admin"}),
    ("salt", {"salt": 2**32}),
    ("issue_ts", {"issue_ts": -5}),
])
def test_invalid_input_names_the_field(field: str, kwargs: dict[str, object]) -> None:
    base: dict[str, object] = dict(app_id=APP_ID, app_certificate=CERT, channel_name=CHANNEL,
                                   uid=UID, role="publisher", token_expire=600,
                                   privilege_expire=600, salt=1, issue_ts=TS)
    base.update(kwargs)
    with pytest.raises(InvalidInput) as err:
        b2.build_token_with_uid(**base)  # type: ignore[arg-type]
    assert err.value.field == field


def test_low_level_refusals() -> None:
    with pytest.raises(InvalidInput) as err:
        b2.build(APP_ID, CERT, 600, [], **P)
    assert err.value.field == "services"
    with pytest.raises(InvalidInput):
        b2.build(APP_ID, CERT, 600, [{"type": 1, "privileges": {"1": 2**32}}], **P)
    with pytest.raises(InvalidInput):
        b2.build(APP_ID, CERT, 600, [{"type": 70000}], **P)
    with pytest.raises(InvalidInput):
        b2.build(APP_ID, CERT, 600, [{"type": 7, "role": 40000}], **P)
    with pytest.raises(InvalidInput):
        b2.build(APP_ID, CERT, 600, [{"type": 1, "colour": "red"}], **P)
    many = [{"type": 4}] * 65536
    with pytest.raises(InvalidInput):
        b2.build(APP_ID, CERT, 600, many, **P)
    with pytest.raises(InvalidInput):
        at2.pack_privileges(dict.fromkeys(range(65536), 1))


def test_string_of_exactly_65535_bytes_is_accepted() -> None:
    token = b2.build_rtm_token(APP_ID, CERT, "é" * 32767 + "a", 600, **P)
    assert len(decode(token).to_fields()["services"][0]["user_id"].encode()) == 65535


def test_unpinned_build_uses_secure_salt_and_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(at2.time, "time", lambda: 1_700_000_000.9)

    def urandom_repeating(word: int) -> None:  # the next salts are drawn from these bytes
        monkeypatch.setattr(_salt, "_salt_pool", [])
        monkeypatch.setattr(_salt.os, "urandom", lambda n: struct.pack("<I", word) * (n // 4))

    urandom_repeating(99_999_998)  # u32 % 99 999 999 + 1: the top of the range
    fields = decode(b2.build_rtm_token(APP_ID, CERT, "u", 600)).to_fields()
    assert fields["issue_ts"] == 1_700_000_000
    assert fields["salt"] == 99_999_999
    urandom_repeating(0)
    assert decode(b2.build_rtm_token(APP_ID, CERT, "u", 600)).to_fields()["salt"] == 1


def test_hex_text_arguments_carry_non_utf8_bytes() -> None:
    spec = {s.id: s for s in b2.SPECS}["rtm2.build_token"]
    token = spec.build({"app_id": APP_ID, "app_certificate": CERT, "user_id": {"hex": "ff00"},
                        "expire": 600}, 1, TS)
    assert decode(token).to_fields()["services"][0]["user_id"] == {"hex": "ff00"}


GO_ZLIB = """package main

import (
\t"bytes"
\t"compress/zlib"
\t"encoding/base64"
\t"encoding/hex"
\t"fmt"
\t"io"
\t"os"
\t"strings"
)

func main() {
\tin, _ := io.ReadAll(os.Stdin)
\tfor _, line := range strings.Fields(string(in)) {
\t\traw, err := hex.DecodeString(line)
\t\tif err != nil {
\t\t\tpanic(err)
\t\t}
\t\tvar buf bytes.Buffer
\t\tw := zlib.NewWriter(&buf)
\t\tw.Write(raw)
\t\tw.Close()
\t\tfmt.Println("007" + base64.StdEncoding.EncodeToString(buf.Bytes()))
\t}
}
"""


def test_go_compress_zlib_tokens_decode(tmp_path: Path) -> None:
    """Payloads re-deflated by Go's compress/zlib (as upstream go/src/accesstoken2 does)."""
    go = shutil.which("go")
    if go is None:
        pytest.skip("the Go toolchain (go) is not installed")
    source = tmp_path / "main.go"
    source.write_text(GO_ZLIB)
    tokens = [case[4]() for case in KAT_42 if callable(case[4])]
    payloads = [_inflate(t) for t in tokens]
    env = {**os.environ, "GO111MODULE": "off", "GOFLAGS": ""}
    result = subprocess.run([go, "run", str(source)], input="\n".join(p.hex() for p in payloads),
                            capture_output=True, text=True, timeout=300, env=env, check=False)
    if result.returncode != 0:
        pytest.skip(f"go run failed: {result.stderr.strip()[:200]}")
    go_tokens = result.stdout.split()
    assert len(go_tokens) == len(tokens)
    for go_token, token, payload in zip(go_tokens, tokens, payloads, strict=True):
        assert go_token != token  # a different stream ...
        assert _inflate(go_token) == payload  # ... for the same payload
        verify(go_token, CERT)
