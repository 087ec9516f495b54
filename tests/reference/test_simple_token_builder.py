"""SimpleTokenBuilder: docs/simple-token-builder.md K-1..K-5 and V-1..V-17 (canonical ones asserted,
the Perl/PHP/Java/Go variants asserted to differ), presets, edits and initTokenBuilder."""

from __future__ import annotations

import base64

import pytest

from reference import access_token
from reference.errors import InvalidInput, ReasonCode
from reference.simple_token_builder import PRESETS, Role, SimpleTokenBuilder

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
EXPIRE = 1446455471
P = "006970CA35de60c44645bbae8a215061b33"  # every token below starts with "006" + app id

# docs/simple-token-builder.md section 8 (era known answers) and section 9 (era-code vectors).
K1 = P + "IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW"
K4_UID_TEXT_0 = P + (
    "IABNRUO/126HmzFc+J8lQFfnkssUdUXqiePeE2WNZ7lyubdIfRAh39v0EAABAAAAR/QQAAEAAQCvKDdW"
)
K4_UID_INT_0 = P + (
    "IACw1o7htY6ISdNRtku3p9tjTPi0jCKf9t49UHJhzCmL6bdIfRAAAAAAEAABAAAAR/QQAAEAAQCvKDdW"
)
K5_ERROR_UID = P + (
    "IABHqxJUFTRqAo4yUzWb3X8XkWdodxoQVSAqXcnBmSkhhbdIfRBxvN1dEAABAAAAR/QQAAEAAQBkAAAA"
)
V1 = P + (
    "IACbU9ODDzrR1Rb/YqiPobolLeGTnkhZ2KHPur8bQ9cTvLdIfRBXoFHlIgABAAAAR/QQAAQAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAA"
)
V2 = P + (
    "IAA0ax/L8nH0OBkKYpVR/tTel/MVTytgkc5MkbeKtqSg0bdIfRBXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAA"
)
V3 = P + (
    "IACaQkyvEHZKr1Jan/9DS0Aj5UfCXLoHF6hCT5mOprSBhrdIfRBXoFHlIgABAAAAR/QQAAQAAQAAAAAABwAAAAAA"
    "CAAAAAAACQAAAAAA"
)
V4 = P + (
    "IAAJolEM+yQilllVqrj+CxuFd0bgI/u7mUBfpidUvYvHGLdIfRBXoFHlKAABAAAAR/QQAAUAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAAZQAAAAAA"
)
V5_PERL_PUBLISHER = P + (
    "IADW7CSrbG6slRDz27kZqPhmWp65payXvetr4e9woQjZDrdIfRBXoFHlQAABAAAAR/QQAAkAAQAAAAAACgAAAAAA"
    "CwAAAAAADAAAAAAAAgAAAAAAAwAAAAAABAAAAAAABQAAAAAABgAAAAAA"
)
V6_PERL_ADMIN = P + (
    "IACShQprt0KmdCs4d8mdR7V8mzteKpG0bWGWIDOh2yRLw7dIfRBXoFHlKAABAAAAR/QQAAUAAQAAAAAAZQAAAAAA"
    "AgAAAAAAAwAAAAAABAAAAAAA"
)
V9_ABC = P + "IACIMEffArT2UyN5UF81wFTmkEwPbeEgWVTeBsJYr/qR47dIfRDCQSQ1EAABAAAAR/QQAAEAAQCvKDdW"
V10_JAVA_SIGNED = P + (
    "IAB4vaZCbmBixdlc33VysbW/pfde4NoYO4B5CAmIlcVPIrdIfRCglLEOEAABAAAAR/QQAAEAAQCvKDdW"
)
V11 = P + "IAC6EgY+rKbD1Vn2lq1Y0Z0eduhpAUPMzc8Vv5zww0TKkbdIfRC379yDFgABAAAAR/QQAAIAAQAAAAAAZQAAAAAA"
V11_PHP = P + (
    "IACYYedkPKD3ldvP8WGhYNEnX5ahQMEU2ZKsspPUmB1d3rdIfRC379yDFgABAAAAR/QQAAIAZQAAAAAAAQAAAAAA"
)
V12_PHP = P + (
    "IAA0J8V7A3vIL//jDGyL6EGZ8qQZqpGoc229f7gFFhBYB7dIfRBXoFHlIgABAAAAR/QQAAQAAQAAAAAAAwAAAAAA"
    "BAAAAAAAAgAAAAAA"
)
V13 = P + (
    "IACHqYJzdDbW3/qYBXYx4vLfbqpqtU5/f2Tm/DgkmWrUltxTzGpXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAA"
)
V14 = P + (
    "IADbsj3nwtIoiECVO0bzEP8aIahxz7HU+O+Jqjwqfla+c7dIfRAAAAAAQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAA"
)
V15 = P + (
    "IABGQSTNHUv9bNhTGh1s4Iz2Xq0NlhfrhJPvX35fwDNfl7dIfRBXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAAZQAAAAAA"
)
V16_GO_EMPTY = P + "IAB9Au6QpOXpv0RKiaVD1BvaHQZKyZxdoAysyfPeXXWd97dIfRBXoFHlCgABAAAAR/QQAAAA"
V17_PERL_HEAD_SUBSCRIBER = P + (
    "IADla5V/VaipZj+kjU8AG562DL708ft5Bw8ibZHOb3iMP7dIfRBXoFHlEAABAAAAR/QQAAEAAQAAAAAA"
)


def make(channel: str = CHANNEL, uid: int | str = UID, app_id: str = APP_ID,
         cert: str = CERT) -> SimpleTokenBuilder:
    return SimpleTokenBuilder(app_id, cert, channel, uid, salt=1, ts=1111111)


def preset(role: Role | str, uid: int | str = UID) -> str:
    builder = make(uid=uid)
    builder.init_privileges(role)
    return builder.build_token()


def join_only(uid: int | str) -> str:
    builder = make(uid=uid)
    builder.set_privilege(1, EXPIRE)
    return builder.build_token()


# ---------------------------------------------------------------------- era known answers


def test_k1_int_and_string_uid() -> None:
    assert join_only(UID) == K1
    assert join_only("2882341273") == K1


def test_k2_parse_fields_and_recomputed_signature() -> None:
    parsed = access_token.parse(K1)
    builder = SimpleTokenBuilder("0" * 32, CERT, CHANNEL, UID)
    assert builder.init_token_builder(K1)
    assert builder.app_id == APP_ID
    assert (builder.salt, builder.ts, builder.privileges) == (1, 1111111, {1: EXPIRE})
    assert parsed.matches(CHANNEL, UID) == (True, True)
    assert parsed.verify_signature(CERT, CHANNEL, UID)


def test_k3_reinit_round_trip_is_identity() -> None:
    builder = SimpleTokenBuilder(APP_ID, CERT, CHANNEL, UID, salt=99, ts=99)
    result = builder.init_token_builder(K1)
    assert result.ok and result.channel_matches and result.uid_matches and result.signature_valid
    assert builder.build_token() == K1


def test_k4_uid_zero_variants() -> None:
    assert join_only("0") == K4_UID_TEXT_0  # V-7
    assert join_only(0) == K4_UID_INT_0  # V-8
    assert join_only("") == K4_UID_INT_0  # V-8


def test_k5_non_numeric_string_uid_is_signed_verbatim() -> None:
    # canonical (section 11.1): accepted; the era C++ test expected "" and was deleted.
    builder = make(uid="error")
    builder.set_privilege(1, 100)
    assert builder.build_token() == K5_ERROR_UID


def test_v9_abc_uid() -> None:
    assert join_only("abc") == V9_ABC


def test_v10_java_signed_int_is_not_canonical() -> None:
    assert join_only(UID) != V10_JAVA_SIGNED


# ---------------------------------------------------------------------- presets


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.ATTENDEE, V1), (Role.PUBLISHER, V2), (Role.SUBSCRIBER, V3), (Role.ADMIN, V4),
     ("attendee", V1), ("publisher", V2), ("subscriber", V3), ("admin", V4),
     (0, V1), (1, V2), (2, V3), (101, V4)],
)
def test_presets_v1_to_v4(role: Role | str, expected: str) -> None:
    assert preset(role) == expected


def test_preset_contents_and_values() -> None:
    assert PRESETS[Role.PUBLISHER] == (1, 2, 3, 4, 5, 6, 10, 11, 12)
    builder = make()
    builder.init_privileges("subscriber")
    assert builder.privileges == {1: 0, 7: 0, 8: 0, 9: 0}


def test_perl_and_go_and_perl_head_variants_are_not_canonical() -> None:
    assert preset(Role.PUBLISHER) != V5_PERL_PUBLISHER
    assert preset(Role.ADMIN) != V6_PERL_ADMIN
    assert preset(0) != V16_GO_EMPTY and preset(101) != V16_GO_EMPTY
    assert preset(Role.SUBSCRIBER) != V17_PERL_HEAD_SUBSCRIBER


def test_v11_ascending_order_regardless_of_insertion() -> None:
    builder = make(uid=1)
    builder.set_privilege(101, 0)
    builder.set_privilege(1, 0)
    assert builder.build_token() == V11
    assert builder.build_token() != V11_PHP


def test_v12_remove_then_set_keeps_ascending_order() -> None:
    builder = make()
    builder.init_privileges("attendee")
    builder.remove_privilege(2)
    builder.set_privilege(2, 0)
    assert builder.build_token() == V1
    assert builder.build_token() != V12_PHP


def test_init_privileges_replaces_the_map() -> None:  # S-03
    builder = make()
    builder.set_privilege(1, 5)
    builder.set_privilege(1000, 5)
    builder.init_privileges("subscriber")
    assert builder.build_token() == V3


def test_presets_are_not_shared_between_builders() -> None:  # S-04
    first = make()
    first.init_privileges("subscriber")
    first.set_privilege(1, 123)
    first.set_privilege(101, 7)
    assert preset("subscriber") == V3
    assert PRESETS[Role.SUBSCRIBER] == (1, 7, 8, 9)


@pytest.mark.parametrize("role", ["owner", 3, 4, -1, None, True, "Publisher"])
def test_unknown_role_is_an_error_and_leaves_the_builder_unchanged(role: object) -> None:
    builder = make()
    builder.set_privilege(1, EXPIRE)
    with pytest.raises(InvalidInput) as info:
        builder.init_privileges(role)  # type: ignore[arg-type]
    assert info.value.field == "role"
    assert builder.build_token() == K1


def test_remove_absent_privilege_is_a_noop() -> None:
    builder = make()
    builder.set_privilege(1, EXPIRE)
    builder.remove_privilege(2)
    builder.remove_privilege(65535)
    assert builder.build_token() == K1


def test_set_privilege_overwrites() -> None:
    builder = make()
    builder.set_privilege(1, 5)
    builder.set_privilege(1, EXPIRE)
    assert builder.build_token() == K1


@pytest.mark.parametrize(("privilege", "value"), [(-1, 0), (65536, 0), (1, -1), (1, 2**32),
                                                  (True, 0), ("1", 0)])
def test_set_privilege_refuses_out_of_range(privilege: object, value: object) -> None:
    with pytest.raises(InvalidInput):
        make().set_privilege(privilege, value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("app_id", "cert", "field"),
    [("bad", CERT, "app_id"), (APP_ID[:-1], CERT, "app_id"), ("g" * 32, CERT, "app_id"),
     (APP_ID, CERT + "0", "app_certificate"), (APP_ID, "", "app_certificate")],
)
def test_build_token_refuses_bad_app_id_or_certificate(app_id: str, cert: str, field: str) -> None:
    builder = make(app_id=app_id, cert=cert)
    builder.set_privilege(1, EXPIRE)
    with pytest.raises(InvalidInput) as info:
        builder.build_token()
    assert info.value.field == field


@pytest.mark.parametrize("uid", [-1, 2**32, 1.5, None, True])
def test_constructor_refuses_bad_uid(uid: object) -> None:
    with pytest.raises(InvalidInput) as info:
        SimpleTokenBuilder(APP_ID, CERT, CHANNEL, uid)  # type: ignore[arg-type]
    assert info.value.field == "uid"


def test_default_salt_and_ts_are_drawn_once() -> None:
    builder = SimpleTokenBuilder(APP_ID, CERT, CHANNEL, UID)
    assert 1 <= builder.salt <= 99_999_999
    assert builder.build_token() == builder.build_token()


# ---------------------------------------------------------------------- initTokenBuilder


def test_v13_retarget_channel() -> None:
    builder = make(channel="otherchannel")
    result = builder.init_token_builder(V2)
    assert result.ok and result.reason is None
    assert (result.channel_matches, result.uid_matches, result.signature_valid) == (
        False, True, False)
    assert builder.build_token() == V13


def test_v14_retarget_uid_zero() -> None:
    builder = make(uid=0)
    result = builder.init_token_builder(V2)
    assert (result.ok, result.channel_matches, result.uid_matches) == (True, True, False)
    assert builder.build_token() == V14


def test_v15_reinit_then_edit() -> None:
    builder = make()
    assert builder.init_token_builder(V2)
    builder.set_privilege(101, 0)
    builder.remove_privilege(4)
    assert builder.build_token() == V15


def test_reinit_adopts_the_token_app_id_and_keeps_the_certificate() -> None:
    other_cert = "0123456789abcdef0123456789ABCDEF"  # obviously fake
    builder = SimpleTokenBuilder("fedcba9876543210fedcba9876543210", other_cert, CHANNEL, UID)
    result = builder.init_token_builder(K1)
    assert result.ok and result.signature_valid is False
    token = builder.build_token()
    assert token.startswith(P) and token != K1
    assert access_token.parse(token).verify_signature(other_cert, CHANNEL, UID)


def _k1_content() -> bytes:
    return base64.b64decode(K1[35:])


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", ReasonCode.BAD_VERSION),
        ("00", ReasonCode.BAD_VERSION),
        ("006", ReasonCode.BAD_APP_ID),
        ("005AwAoADc0QTk5RTVEQjI4MDk0NUI0NzUwNTk0MUFDMjM4MDU2NzIwREY3QjAQAJcMo13mDERkW7roohUG"
         "GzOwKDdW9buDA68oN1YAAA==", ReasonCode.BAD_VERSION),
        (P + "!!!!", ReasonCode.BAD_BASE64),
        (P + base64.b64encode(_k1_content()[:-5]).decode(), ReasonCode.TRUNCATED),
        (P + base64.b64encode(_k1_content() + b"\x00\x01").decode(), ReasonCode.TRAILING_BYTES),
        ("6xx" + K1[3:], ReasonCode.BAD_VERSION),
    ],
)
def test_init_token_builder_failure_leaves_builder_unchanged(token: str,
                                                             reason: ReasonCode) -> None:
    builder = SimpleTokenBuilder("fedcba9876543210fedcba9876543210", CERT, CHANNEL, UID,
                                 salt=5, ts=6)
    builder.init_privileges("admin")
    before = (builder.app_id, builder.salt, builder.ts, builder.privileges, builder.build_token())
    result = builder.init_token_builder(token)
    assert not result
    assert result.ok is False and result.reason is reason
    assert result.signature_valid is None
    after = (builder.app_id, builder.salt, builder.ts, builder.privileges, builder.build_token())
    assert after == before
