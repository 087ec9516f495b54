"""Property tests for every 007 builder: build -> parse -> rebuild, determinism, re-compression.

The expected services of each builder are restated here from docs/formats.md §2.12 (an oracle
written from the spec, not from the code), so a builder that packs the wrong services fails.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference import access_token2 as at2
from reference import builders2 as b2
from reference.decode import canonical_payload, decode, verify
from reference.errors import InvalidInput

SPECS = {spec.id: spec for spec in b2.SPECS}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

hex32 = st.text(alphabet="0123456789abcdefABCDEF", min_size=32, max_size=32)
text = st.text(max_size=24)
u32 = st.integers(0, 2**32 - 1)
small = st.integers(0, 100_000)
perm_entry = st.fixed_dictionaries({
    "resource_type": st.integers(0, 6), "permission_type": st.integers(0, 2),
    "resources": st.lists(text, max_size=3)})


def _service(stype: int) -> st.SearchStrategy[dict[str, Any]]:
    privileges = st.dictionaries(st.integers(0, 65535).map(str), u32, max_size=4)
    extra: dict[str, st.SearchStrategy[Any]] = {}
    for name in at2.LAYOUT.get(stype, ()):
        if name == "role":
            extra[name] = st.integers(-32768, 32767)
        elif name == "permissions":
            extra[name] = st.lists(perm_entry, max_size=4)
        else:
            extra[name] = text
    return st.fixed_dictionaries({"type": st.just(stype), "privileges": privileges, **extra})


services = st.lists(st.integers(1, 10).flatmap(_service), min_size=1, max_size=5)

KINDS: dict[str, st.SearchStrategy[Any]] = {
    "app_id": hex32, "app_certificate": hex32, "text": text, "uid": u32, "seconds": u32,
    "role2": st.sampled_from(["publisher", "subscriber"]),
    "apaas_role": st.integers(-32768, 32767), "permissions": st.lists(perm_entry, max_size=4),
    "services": services,
}


def _args(builder_id: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = SPECS[builder_id]
    return st.fixed_dictionaries({p.name: KINDS[p.kind] for p in spec.params})


def _acct(uid: int) -> str:
    return "" if uid == 0 else str(uid)


def _rtc(channel: str, account: str, privileges: dict[int, int]) -> dict[str, Any]:
    return {"type": 1, "privileges": {str(k): v for k, v in sorted(privileges.items())},
            "channel_name": channel, "account": account}


def _one(stype: int, pid: int, value: int, user_id: str) -> dict[str, Any]:
    return {"type": stype, "privileges": {str(pid): value}, "user_id": user_id}


def _role(a: dict[str, Any], account: str) -> dict[str, Any]:
    p = a.get("privilege_expire", 0)
    privileges = {1: p, 2: p, 3: p, 4: p} if a["role"] == "publisher" else {1: p}
    return _rtc(a["channel_name"], account, privileges)


def _four(a: dict[str, Any], account: str) -> dict[str, Any]:
    return _rtc(a["channel_name"], account, {
        1: a["join_channel_privilege_expire"], 2: a["pub_audio_privilege_expire"],
        3: a["pub_video_privilege_expire"], 4: a["pub_data_privilege_expire"]})


def _rtm2(a: dict[str, Any], extra: int | None) -> list[dict[str, Any]]:
    privileges = {1: a["join_channel_privilege_expire"]}
    if a["rtc_role"] == "publisher":
        privileges.update({2: a["pub_audio_privilege_expire"], 3: a["pub_video_privilege_expire"],
                           4: a["pub_data_privilege_expire"]})
    out = [_rtc(a["channel_name"], a["rtc_account"], privileges),
           _one(2, 1, a["rtm_token_expire"], a["rtm_user_id"])]
    return out + ([{"type": extra, "privileges": {}}] if extra else [])


def _apaas(room: str, user: str, role: int, pid: int, value: int) -> dict[str, Any]:
    return {"type": 7, "privileges": {str(pid): value}, "room_uuid": room, "user_uuid": user,
            "role": role}


def _room_user(a: dict[str, Any]) -> list[dict[str, Any]]:
    e, user = a["expire"], a["user_uuid"]
    md5 = hashlib.md5(user.encode()).hexdigest()
    return [_one(2, 1, e, user), _one(5, 1, e, md5), _apaas(a["room_uuid"], user, a["role"], 1, e)]


# builder id -> (token expire, expected services) from docs/formats.md section 2.12
Oracle = Callable[[dict[str, Any]], tuple[int, list[dict[str, Any]]]]
ORACLES: dict[str, Oracle] = {
    "rtc2.build_token_with_uid": lambda a: (a["token_expire"], [_role(a, _acct(a["uid"]))]),
    "rtc2.build_token_with_user_account": lambda a: (a["token_expire"], [_role(a, a["account"])]),
    "rtc2.build_token_with_uid_and_privilege":
        lambda a: (a["token_expire"], [_four(a, _acct(a["uid"]))]),
    "rtc2.build_token_with_user_account_and_privilege":
        lambda a: (a["token_expire"], [_four(a, a["account"])]),
    "rtc2.build_token_with_rtm": lambda a: (a["token_expire"], [
        _role(a, a["account"]), _one(2, 1, a["token_expire"], a["account"])]),
    "rtc2.build_token_with_rtm2": lambda a: (a["rtc_token_expire"], _rtm2(a, None)),
    "convoai2.build_token": lambda a: (a["rtc_token_expire"], _rtm2(a, 9)),
    "stt2.build_token": lambda a: (a["rtc_token_expire"], _rtm2(a, 10)),
    "rtm2.build_token": lambda a: (a["expire"], [_one(2, 1, a["expire"], a["user_id"])]),
    "chat2.build_user_token": lambda a: (a["expire"], [_one(5, 1, a["expire"], a["user_id"])]),
    "chat2.build_app_token": lambda a: (a["expire"], [_one(5, 2, a["expire"], "")]),
    "fpa2.build_token": lambda a: (86400, [{"type": 4, "privileges": {"1": 0}}]),
    "apaas2.build_room_user_token": lambda a: (a["expire"], _room_user(a)),
    "apaas2.build_user_token":
        lambda a: (a["expire"], [_apaas("", a["user_uuid"], -1, 2, a["expire"])]),
    "apaas2.build_app_token": lambda a: (a["expire"], [_apaas("", "", -1, 3, a["expire"])]),
}
for _name in ("build_room_user_token", "build_user_token", "build_app_token"):
    ORACLES[f"education2.{_name}"] = ORACLES[f"apaas2.{_name}"]


def test_every_builder_has_an_oracle_or_is_low_level() -> None:
    assert set(SPECS) == set(ORACLES) | {"access_token2.build", "rtm2.build_token_with_permissions"}


def _check_round_trip(builder_id: str, args: dict[str, Any], salt: int, now: int) -> str:
    token = SPECS[builder_id].build(args, salt, now)
    assert token == SPECS[builder_id].build(args, salt, now)  # deterministic
    decoded = verify(token, args["app_certificate"], now=now)
    fields = decoded.to_fields()
    assert (fields["app_id"], fields["issue_ts"], fields["salt"]) == (args["app_id"], now, salt)
    # canonical re-encoding reproduces the payload, and the low-level builder the token text
    assert canonical_payload(fields) == decoded.payload
    rebuilt = b2.build(args["app_id"], args["app_certificate"], fields["expire"],
                       fields["services"], salt=salt, issue_ts=now)
    assert rebuilt == token
    return token


@pytest.mark.parametrize("builder_id", sorted(ORACLES))
def test_builder_round_trip_and_oracle(builder_id: str) -> None:
    @SETTINGS
    @given(args=_args(builder_id), salt=u32, now=u32)
    def check(args: dict[str, Any], salt: int, now: int) -> None:
        token = _check_round_trip(builder_id, args, salt, now)
        expire, expected = ORACLES[builder_id](args)
        fields = decode(token).to_fields()
        assert fields["expire"] == expire
        assert fields["services"] == expected

    check()


@SETTINGS
@given(args=_args("rtm2.build_token_with_permissions"), salt=u32, now=u32)
def test_rtm2_permissions_round_trip(args: dict[str, Any], salt: int, now: int) -> None:
    token = _check_round_trip("rtm2.build_token_with_permissions", args, salt, now)
    service = decode(token).to_fields()["services"][0]
    table: dict[tuple[int, int], list[str]] = {}
    for entry in args["permissions"]:
        table[(entry["resource_type"], entry["permission_type"])] = entry["resources"]
    assert service["permissions"] == [
        {"resource_type": rt, "permission_type": pt, "resources": table[(rt, pt)]}
        for rt, pt in sorted(table)]


@SETTINGS
@given(args=_args("access_token2.build"), salt=u32, now=u32)
def test_low_level_round_trip_keeps_duplicates_in_stable_order(
    args: dict[str, Any], salt: int, now: int
) -> None:
    token = _check_round_trip("access_token2.build", args, salt, now)
    got = [s["type"] for s in decode(token).to_fields()["services"]]
    assert got == sorted(s["type"] for s in args["services"])


def _recompressions(content: bytes) -> list[bytes]:
    out = [zlib.compress(content, level) for level in range(10)]
    for strategy in (zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED):
        c = zlib.compressobj(6, zlib.DEFLATED, 15, 8, strategy)
        out.append(c.compress(content) + c.flush())
    for wbits, mem in ((9, 1), (12, 9), (15, 1)):
        c = zlib.compressobj(9, zlib.DEFLATED, wbits, mem)
        out.append(c.compress(content) + c.flush())
    # Go's shape: data in a non-final block, sync flush, then an empty final block
    for mode in (zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH):
        c = zlib.compressobj(6)
        out.append(c.compress(content) + c.flush(mode) + c.flush(zlib.Z_FINISH))
    # split input with a flush in the middle
    c = zlib.compressobj(1)
    half = len(content) // 2
    out.append(c.compress(content[:half]) + c.flush(zlib.Z_SYNC_FLUSH) + c.compress(content[half:])
               + c.flush())
    return out


@SETTINGS
@given(args=_args("rtc2.build_token_with_rtm"), salt=u32, now=u32)
def test_other_zlib_streams_decode_identically(args: dict[str, Any], salt: int, now: int) -> None:
    token = SPECS["rtc2.build_token_with_rtm"].build(args, salt, now)
    reference = decode(token)
    assert reference.payload is not None
    streams = _recompressions(reference.payload)
    headers = {s[:2].hex() for s in streams}
    assert {"7801", "789c", "78da"} <= headers
    for stream in streams:
        other = decode("007" + base64.b64encode(stream).decode())
        assert other.payload == reference.payload
        assert other.to_fields() == reference.to_fields()


def test_level_headers_and_stored_blocks() -> None:
    content = decode(SPECS["fpa2.build_token"].build(
        {"app_id": "970CA35de60c44645bbae8a215061b33",
         "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b"}, 1, 1111111)).payload
    assert content is not None
    stored = zlib.compress(content, 0)
    assert stored[:3].hex() == "780101"  # header 78 01, then a final stored block
    assert decode("007" + base64.b64encode(stored).decode()).payload == content
    level2 = zlib.compressobj(2)
    assert (level2.compress(content) + level2.flush())[:2].hex() == "785e"


def test_invalid_input_from_spec_args() -> None:
    spec = SPECS["rtc2.build_token_with_uid"]
    good = {"app_id": "970CA35de60c44645bbae8a215061b33",
            "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b", "channel_name": "c",
            "uid": 1, "role": "publisher", "token_expire": 600}
    assert spec.build(good, 1, 1)
    for key, value in (("uid", 2**32), ("token_expire", -1), ("privilege_expire", "600"),
                       ("channel_name", 5), ("role", 1), ("colour", "red")):
        with pytest.raises(InvalidInput) as err:
            spec.build({**good, key: value}, 1, 1)
        assert err.value.field == key
    with pytest.raises(InvalidInput) as err:
        spec.build({k: v for k, v in good.items() if k != "uid"}, 1, 1)
    assert err.value.field == "uid"
    with pytest.raises(InvalidInput) as err:
        SPECS["apaas2.build_user_token"].build({**{k: good[k] for k in ("app_id",
                                                "app_certificate")}, "user_uuid": "\ud800",
                                                "expire": 1}, 1, 1)
    assert err.value.field == "user_uuid"
