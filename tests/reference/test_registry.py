"""The 006 / SimpleTokenBuilder / legacy builder ids and parameters match docs/architecture.md."""

from __future__ import annotations

from reference import builders, dynamic_key, registry, signaling_token, simple_token_builder
from reference.spec import PARAM_KINDS, BuilderSpec

KEYS = ["app_id", "app_certificate"]
DK_FULL = [*KEYS, "channel_name", "unix_ts", "random_int", "uid", "expired_ts"]
# docs/architecture.md, "Builder ids and arguments"
EXPECTED: dict[str, list[str]] = {
    "access_token.build": [*KEYS, "channel_name", "uid", "ts", "privileges"],
    "rtc.build_token_with_uid": [*KEYS, "channel_name", "uid", "role", "privilege_expired_ts"],
    "rtc.build_token_with_user_account": [*KEYS, "channel_name", "account", "role",
                                          "privilege_expired_ts"],
    "rtm.build_token": [*KEYS, "user_account", "role", "privilege_expired_ts"],
    "simple_token_builder.script": [*KEYS, "channel_name", "uid", "steps"],
    "dynamic_key1.generate": [*KEYS, "channel_name", "unix_ts", "random_int"],
    "dynamic_key2.generate": DK_FULL,
    "dynamic_key3.generate": DK_FULL,
    "dynamic_key4.generate_public_sharing_key": DK_FULL,
    "dynamic_key4.generate_recording_key": DK_FULL,
    "dynamic_key4.generate_media_channel_key": DK_FULL,
    "dynamic_key5.generate_media_channel_key": DK_FULL,
    "dynamic_key5.generate_recording_key": DK_FULL,
    "dynamic_key5.generate_public_sharing_key": DK_FULL,
    "dynamic_key5.generate_in_channel_permission_key": [*DK_FULL, "permission"],
    "signaling_token.generate": ["account", *KEYS, "expired_ts"],
}
MINE: dict[str, BuilderSpec] = {
    spec.id: spec
    for module in (builders, simple_token_builder, dynamic_key, signaling_token)
    for spec in module.SPECS
}


def test_ids_and_parameter_names() -> None:
    assert sorted(MINE) == sorted(EXPECTED)
    for builder_id, names in EXPECTED.items():
        assert [p.name for p in MINE[builder_id].params] == names, builder_id


def test_parameter_kinds_and_families() -> None:
    for spec in MINE.values():
        assert spec.family == spec.id.split(".")[0]
        for param in spec.params:
            assert param.kind in PARAM_KINDS, (spec.id, param.name)
        assert spec.summary


def test_salt_and_clock_flags() -> None:
    legacy = {i for i in MINE if i.startswith(("dynamic_key", "signaling_token"))}
    for builder_id in legacy:
        assert (MINE[builder_id].uses_salt, MINE[builder_id].uses_clock) == (False, False)
    assert (MINE["access_token.build"].uses_salt, MINE["access_token.build"].uses_clock) == (
        True, False)
    for builder_id in ("rtc.build_token_with_uid", "rtm.build_token",
                       "simple_token_builder.script"):
        assert MINE[builder_id].uses_salt and MINE[builder_id].uses_clock


def test_rtm_role_is_optional() -> None:
    role = MINE["rtm.build_token"].param("role")
    assert (role.required, role.default, role.kind) == (False, "rtm_user", "rtm_role")


def test_registry_merges_these_specs() -> None:
    for builder_id, spec in MINE.items():
        assert registry.BUILDERS[builder_id] is spec
    # at1-uid through the registry (docs/formats.md section 10.1)
    token = registry.build(
        "access_token.build",
        {"app_id": "970CA35de60c44645bbae8a215061b33",
         "app_certificate": "5CFd2fd1755d40ecb72977518be15d3b",
         "channel_name": "7d72365eb983485397e3e3f9d460bdda", "uid": 2882341273,
         "ts": 1111111, "privileges": {"1": 1446455471}},
        salt=1,
    )
    assert token.endswith(
        "IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW")
