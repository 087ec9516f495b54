"""Advisory limits (docs/formats.md section 1): reported, never refused."""

from __future__ import annotations

from reference import limits, registry
from reference.decode import decode

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"


def test_channel_name_length_boundary() -> None:
    assert limits.check_channel_name("a" * 63) == []
    [message] = limits.check_channel_name("a" * 64)
    assert "64 bytes" in message and message.startswith("channel_name")
    assert limits.check_channel_name("é" * 32)  # 64 bytes, 32 characters


def test_channel_name_character_set() -> None:
    documented = "azAZ09 !#$%&()+-:;<=.>?@[]^_{|}~,"
    assert limits.check_channel_name(documented) == []
    for bad in ("a/b", "a\\b", "quote'", 'dq"', "star*", "back`tick", "tab\t", "é"):
        assert limits.check_channel_name(bad), bad


def test_account_limits() -> None:
    assert limits.check_account("x" * 255) == []
    assert limits.check_account("x" * 256)
    assert limits.check_account("user/1")
    assert limits.check_rtm_user_id("u" * 64) == []
    assert limits.check_rtm_user_id("u" * 65)


def test_advisories_by_argument_name_and_builds_anyway() -> None:
    args = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": "c" * 70,
            "account": "a*b", "role": "publisher", "token_expire": 600}
    messages = limits.advisories(args)
    assert [m.split(":")[0] for m in messages] == ["channel_name", "account"]
    token = registry.build("rtc2.build_token_with_user_account", args, salt=1, now=1)
    assert decode(token).to_fields()["services"][0]["channel_name"] == "c" * 70
    assert limits.advisories({"uid": 5, "channel_name": "ok"}) == []
