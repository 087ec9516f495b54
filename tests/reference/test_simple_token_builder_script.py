"""The ``simple_token_builder.script`` builder and ``run_script`` (per-step results)."""

from __future__ import annotations

from typing import Any

import pytest

from reference import simple_token_builder
from reference.errors import InvalidInput
from reference.simple_token_builder import run_script

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
NOW = 1111111 - 86400  # the builder's ts = now + 86400 = 1111111
P = "006970CA35de60c44645bbae8a215061b33"
# docs/simple-token-builder.md section 8/9
K1 = P + "IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW"
V2 = P + (
    "IAA0ax/L8nH0OBkKYpVR/tTel/MVTytgkc5MkbeKtqSg0bdIfRBXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAA"
)
V3 = P + (
    "IACaQkyvEHZKr1Jan/9DS0Aj5UfCXLoHF6hCT5mOprSBhrdIfRBXoFHlIgABAAAAR/QQAAQAAQAAAAAABwAAAAAA"
    "CAAAAAAACQAAAAAA"
)
V13 = P + (
    "IACHqYJzdDbW3/qYBXYx4vLfbqpqtU5/f2Tm/DgkmWrUltxTzGpXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABAAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAA"
)
V15 = P + (
    "IABGQSTNHUv9bNhTGh1s4Iz2Xq0NlhfrhJPvX35fwDNfl7dIfRBXoFHlQAABAAAAR/QQAAkAAQAAAAAAAgAAAAAA"
    "AwAAAAAABQAAAAAABgAAAAAACgAAAAAACwAAAAAADAAAAAAAZQAAAAAA"
)
SPEC = simple_token_builder.SPECS[0]


def script(steps: list[Any], channel: str = CHANNEL, uid: int | str = 2882341273) -> dict[str, Any]:
    return {"app_id": APP_ID, "app_certificate": CERT, "channel_name": channel, "uid": uid,
            "steps": steps}


def test_spec_shape() -> None:
    assert SPEC.id == "simple_token_builder.script"
    assert [p.name for p in SPEC.params] == ["app_id", "app_certificate", "channel_name", "uid",
                                             "steps"]
    assert SPEC.uses_salt and SPEC.uses_clock


def test_k1_script() -> None:
    args = script([{"set_privilege": [1, 1446455471]}, {"build_token": None}])
    assert SPEC.build(args, 1, NOW) == K1
    assert run_script(args, 1, NOW) == (K1, [None, K1])


def test_results_per_step_and_last_token_wins() -> None:
    steps = [{"init_privileges": "publisher"}, {"build_token": None},
             {"init_token_builder": V2}, {"set_privilege": ["101", 0]},
             {"remove_privilege": 4}, {"build_token": None}, {"init_token_builder": "00"}]
    token, results = run_script(script(steps), 7, 12345)
    assert token == V15
    assert results[0] is None
    assert results[1] != V2  # salt 7 and ts 12345 + 86400 are not V-2's
    assert results[2:] == [True, None, None, V15, False]


def test_v13_script_retarget() -> None:
    steps = [{"init_token_builder": V2}, {"build_token": None}]
    assert SPEC.build(script(steps, channel="otherchannel"), None, None) == V13


def test_replace_not_merge_script() -> None:
    steps = [{"set_privilege": [1, 5]}, {"init_privileges": "subscriber"}, {"build_token": None}]
    assert SPEC.build(script(steps), 1, NOW) == V3


@pytest.mark.parametrize(
    "steps",
    [
        [],
        [{"init_privileges": "publisher"}],
        [{"init_privileges": "owner"}, {"build_token": None}],
        [{"set_privilege": [1]}, {"build_token": None}],
        [{"set_privilege": [1, -1]}, {"build_token": None}],
        [{"set_privilege": [70000, 1]}, {"build_token": None}],
        [{"remove_privilege": "x"}, {"build_token": None}],
        [{"init_token_builder": 5}, {"build_token": None}],
        [{"jump": 1}, {"build_token": None}],
        [{"build_token": None, "init_privileges": "admin"}],
        ["build_token"],
    ],
)
def test_bad_scripts_are_refused(steps: list[Any]) -> None:
    with pytest.raises(InvalidInput) as info:
        SPEC.build(script(steps), 1, NOW)
    assert info.value.field.startswith("steps")


def test_bad_app_id_refused_at_build_token() -> None:
    args = script([{"build_token": None}])
    args["app_id"] = "not-hex"
    with pytest.raises(InvalidInput) as info:
        SPEC.build(args, 1, NOW)
    assert info.value.field == "app_id"


@pytest.mark.parametrize("missing", ["app_id", "app_certificate", "channel_name", "uid", "steps"])
def test_missing_argument(missing: str) -> None:
    args = script([{"build_token": None}])
    del args[missing]
    with pytest.raises(InvalidInput) as info:
        SPEC.build(args, 1, NOW)
    assert info.value.field == missing
