"""`inspect` names the cause and the fix of each common breakage ("why is my token invalid?").

Tokens are built by the reference and damaged here; the expected values come from the formats
(CRC32 of the UTF-8 text, the uid rule, lengths of the untouched token), not from inspect.
"""

from __future__ import annotations

import json
import time
import zlib
from typing import Any

import pytest

from conformance.cli import main
from reference import registry

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
WRONG_CERT = "fedcba9876543210fedcba9876543210"
OTHER_APP_ID = "0123456789abcdef0123456789abcdef"
NOW = 1_767_225_600
CRC32_TEXT_0 = 0xF4DBDF21  # formats.md: CRC32("0")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(["inspect", *argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out = run(capsys, *argv, "--json")
    return code, json.loads(out)


def rtc007(now: int = NOW, uid: int = 42, token_expire: int = 3600,
           privilege_expire: int = 600, channel: str = "room 1") -> str:
    return registry.build("rtc2.build_token_with_uid", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": channel, "uid": uid,
        "role": "publisher", "token_expire": token_expire,
        "privilege_expire": privilege_expire}, salt=7, now=now)


def rtc006(who: int | str = 42, channel: str = "room1", privilege_ts: int = NOW + 600) -> str:
    builder, key = (("rtc.build_token_with_user_account", "account") if isinstance(who, str)
                    else ("rtc.build_token_with_uid", "uid"))
    return registry.build(builder, {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": channel, key: who,
        "role": "publisher", "privilege_expired_ts": privilege_ts}, salt=7, now=NOW)


def with_plus() -> str:
    token = rtc006()
    assert "+" in token and "/" in token  # the damage below must touch something
    return token


# -- row 1: wrong certificate, or a token for another app id ------------------------------------

def test_wrong_certificate_says_certificate_or_altered(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, rtc007(), "--certificate", WRONG_CERT, "--now", str(NOW))
    assert code == 1 and "INVALID: bad_signature" in out
    assert f"the token is for app id {APP_ID}" in out and "certificate is wrong" in out
    assert WRONG_CERT not in out
    code, data = run_json(capsys, rtc007(), "--certificate", WRONG_CERT, "--now", str(NOW),
                          "--app-id", APP_ID)
    assert code == 1 and data["reason"] == "bad_signature"
    assert "the app id matches" in data["detail"] and data["fix"]


def test_token_for_another_app_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc007(), "--certificate", WRONG_CERT, "--now", str(NOW),
                          "--app-id", OTHER_APP_ID)
    assert code == 1 and data["reason"] == "app_id_mismatch"
    assert data["detail"] == f"the token is for app id {APP_ID}, not {OTHER_APP_ID}"
    assert [r["code"] for r in data["reasons"]] == ["app_id_mismatch", "bad_signature"]


def test_app_id_passed_as_certificate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, rtc007(), "--certificate", APP_ID, "--now", str(NOW))
    assert code == 1 and "the certificate you passed is the app id itself" in out


# -- row 2: a 007 token already expired, no --now ------------------------------------------------

def test_expired_by_default_against_the_real_clock(capsys: pytest.CaptureFixture[str]) -> None:
    built = int(time.time()) - 7200
    token = rtc007(now=built, token_expire=3600, privilege_expire=0)
    code, out = run(capsys, token, "--certificate", CERT)
    assert code == 1 and "INVALID: expired" in out and "the token expired 1h" in out
    assert "ago" in out and "Build a new token" in out
    code, data = run_json(capsys, token)
    assert code == 1 and data["reason"] == "expired" and data["expires_at"] == built + 3600
    assert run(capsys, token, "--now", str(built + 3600))[0] == 0  # --now still overrides


# -- row 3: a privilege expired while the token is still alive ------------------------------------

def test_007_privilege_expired(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc007(), "--certificate", CERT, "--now", str(NOW + 700))
    assert code == 1 and data["reason"] == "privilege_expired"
    assert data["detail"].startswith("RTC JoinChannel (1), PublishAudioStream (2), "
                                     "PublishVideoStream (3), PublishDataStream (4) expired "
                                     "1m 40s ago")
    assert "although the token is valid until" in data["detail"]
    join = data["privileges"][0]
    assert join == {"service": "RTC", "service_type": 1, "privilege": "JoinChannel", "id": 1,
                    "expires_at": NOW + 600, "expired": True}


def test_006_privilege_expired(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, rtc006(), "--certificate", CERT, "--channel-name", "room1",
                    "--uid", "42", "--now", str(NOW + 601))
    assert code == 1 and "privilege_expired: JoinChannel (1), PublishAudioStream (2)" in out
    assert "expired 1s ago" in out
    assert run(capsys, rtc006(), "--now", str(NOW + 600))[0] == 0


def test_zero_privilege_is_never_expired(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc007(privilege_expire=0), "--now", str(NOW + 3000))
    assert code == 0 and all(p["expires_at"] is None for p in data["privileges"])


# -- row 4: 006 with --certificate but no channel or uid ------------------------------------------

def test_006_without_channel_or_uid_is_decoded(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, rtc006(), "--certificate", CERT, "--now", str(NOW))
    assert code == 2 and APP_ID in out and "JoinChannel (1)" in out
    assert "needs_channel_and_uid" in out and "--channel-name" in out
    assert f"channel {zlib.crc32(b'room1'):#010x}" in out
    code, out = run(capsys, rtc006(), "--certificate", CERT, "--now", str(NOW), "--uid", "42")
    assert code == 2 and "pass --channel-name" in out and "--uid or --account" not in out


# -- row 5: 006 with the wrong channel or uid ------------------------------------------------------

def test_006_wrong_channel_names_the_crc(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc006(), "--certificate", CERT, "--now", str(NOW),
                          "--channel-name", "room2", "--uid", "42")
    assert code == 1 and data["reason"] == "channel_mismatch"
    assert data["detail"].startswith("channel name does not match (the token was built for a "
                                     f"channel whose CRC32 is {zlib.crc32(b'room1'):#010x}")
    assert "bad_signature" not in [r["code"] for r in data["reasons"]]
    code, out = run(capsys, rtc006(), "--now", str(NOW), "--channel-name", "Room1")
    assert code == 1 and "it matches 'room1', the name in lower case" in out


def test_006_wrong_uid_names_the_crc(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc006(), "--certificate", CERT, "--now", str(NOW),
                          "--channel-name", "room1", "--uid", "43")
    assert code == 1 and data["reason"] == "uid_mismatch"
    assert f"CRC32 is {zlib.crc32(b'42'):#010x}" in data["detail"]


def test_006_account_zero_is_not_uid_zero(capsys: pytest.CaptureFixture[str]) -> None:
    token = rtc006(who="0")
    assert json.loads(run(capsys, token, "--json", "--now", str(NOW))[1])["fields"][
        "crc_uid"] == CRC32_TEXT_0
    code, data = run_json(capsys, token, "--certificate", CERT, "--now", str(NOW),
                          "--channel-name", "room1", "--uid", "0")
    assert code == 1 and data["reason"] == "uid_mismatch"
    assert "built for account '0' (the text), not uid 0" in data["detail"]
    assert "--account 0" in data["detail"]
    assert run(capsys, token, "--certificate", CERT, "--now", str(NOW), "--channel-name",
               "room1", "--account", "0")[0] == 0


def test_006_uid_zero_admits_any_uid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, rtc006(who=0), "--certificate", CERT, "--now", str(NOW),
                    "--channel-name", "room1", "--uid", "7")
    assert code == 0 and "built for uid 0 (any uid)" in out


def test_006_uid_given_as_account_text_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, rtc006(), "--certificate", CERT, "--now", str(NOW), "--channel-name",
               "room1", "--account", "42")[0] == 0


# -- row 6: '+' turned into a space, or %2B --------------------------------------------------------

def test_plus_turned_into_space(capsys: pytest.CaptureFixture[str]) -> None:
    token = with_plus()
    damaged = token.replace("+", " ")
    code, data = run_json(capsys, damaged, "--now", str(NOW))
    assert code == 1 and data["reason"] == "plus_as_space"
    assert f"{token.count('+')} space(s)" in data["detail"] and "URL-encode" in data["fix"]
    code, out = run(capsys, damaged, "--now", str(NOW), "--repair", "--certificate", CERT,
                    "--channel-name", "room1", "--uid", "42")
    assert code == 0 and f"repaired   {token}" in out


def test_percent_encoded(capsys: pytest.CaptureFixture[str]) -> None:
    token = with_plus()
    damaged = token.replace("+", "%2B").replace("/", "%2F")
    code, data = run_json(capsys, damaged, "--now", str(NOW))
    assert code == 1 and data["reason"] == "percent_encoded"
    assert data["detail"] == "URL percent-encoding %2B, %2F"
    code, data = run_json(capsys, damaged.replace("%", "%25"), "--now", str(NOW), "--repair")
    assert code == 0 and data["repaired_token"] == token
    assert data["notes"] == ["repaired percent_encoded: URL percent-encoding %25 (encoded 2 "
                             "times)"]


@pytest.mark.parametrize("damage, reason", [
    (lambda t: f'"{t}"', "quoted"),
    (lambda t: f"  {t}\n", "surrounding_whitespace"),
    (lambda t: t[:60] + "\n" + t[60:], "line_breaks"),
    (lambda t: t[:50] + "\u200b" + t[50:], "invisible_characters"),
    (lambda t: t.replace("+", "-").replace("/", "_"), "url_safe_base64"),
    (lambda t: t[3:], "missing_prefix"),
], ids=["quoted", "whitespace", "line-break", "zero-width", "url-safe", "no-prefix"])
def test_text_damage_is_named_and_repaired(capsys: pytest.CaptureFixture[str],
                                           damage: Any, reason: str) -> None:
    token = with_plus()
    code, data = run_json(capsys, damage(token), "--now", str(NOW))
    assert code == 1 and data["reason"] == reason and data["fix"]
    code, data = run_json(capsys, damage(token), "--now", str(NOW), "--repair")
    assert code == 0 and data["repaired_token"] == token


def test_missing_007_prefix_and_padding(capsys: pytest.CaptureFixture[str]) -> None:
    token = rtc007()
    assert token.endswith("==")
    code, data = run_json(capsys, token[3:], "--now", str(NOW))
    assert code == 1 and data["reason"] == "missing_prefix" and "'007'" in data["detail"]
    code, data = run_json(capsys, token[:-2], "--now", str(NOW))
    assert code == 1 and data["reason"] == "missing_padding"
    assert data["detail"] == "2 trailing '=' removed"


def test_006_app_id_of_wrong_length_or_not_hex(capsys: pytest.CaptureFixture[str]) -> None:
    token = rtc006()
    code, data = run_json(capsys, token[:10] + token[11:], "--now", str(NOW))
    assert code == 1 and data["reason"] == "bad_app_id"
    assert data["detail"] == "the app id part of the token is 31 hex characters, not 32"
    code, data = run_json(capsys, token[:10] + "x" + token[11:], "--now", str(NOW))
    assert data["detail"] == "character 'x' at position 7 of the app id is not hexadecimal"


# -- row 7: truncated by a copy and paste ---------------------------------------------------------

@pytest.mark.parametrize("keep", [100, 137, 138])
def test_006_truncated_gives_expected_length(capsys: pytest.CaptureFixture[str],
                                             keep: int) -> None:
    token = rtc006()
    code, data = run_json(capsys, token[:keep], "--now", str(NOW))
    assert code == 1 and data["reason"] == "truncated"
    assert (f"it is {keep} characters, a complete one is {len(token)} "
            f"({len(token) - keep} missing)") in data["detail"]


@pytest.mark.parametrize("keep", [40, 100, -4, -1])
def test_007_truncated(capsys: pytest.CaptureFixture[str], keep: int) -> None:
    code, data = run_json(capsys, rtc007()[:keep], "--now", str(NOW))
    assert code == 1 and data["reason"] == "truncated" and "was cut" in data["detail"]


def test_legacy_truncated(capsys: pytest.CaptureFixture[str]) -> None:
    signal = registry.build("signaling_token.generate", {
        "account": "acc", "app_id": APP_ID, "app_certificate": CERT, "expired_ts": NOW})
    code, data = run_json(capsys, signal[:-5], "--now", str(NOW))
    assert code == 1 and data["reason"] == "truncated"
    assert f"a complete one is {len(signal)}" in data["detail"]


def test_appended_text(capsys: pytest.CaptureFixture[str]) -> None:
    token = rtc007()
    code, data = run_json(capsys, token + token, "--now", str(NOW))
    assert code == 1 and data["reason"] == "trailing_bytes"
    assert data["detail"] == (f"{len(token)} characters follow the end of the token (a "
                              f"complete one is {len(token)})")


# -- row 8: an RTC token used where RTM is needed --------------------------------------------------

def test_rtc_token_used_for_rtm(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc007(), "--now", str(NOW), "--service", "rtm",
                          "--account", "42")
    assert code == 1 and data["reason"] == "service_missing"
    assert data["detail"] == "no RTM service: the token has RTC"
    with_rtm = registry.build("rtc2.build_token_with_rtm", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "c", "account": "bob",
        "role": "publisher", "token_expire": 600}, salt=1, now=NOW)
    assert run(capsys, with_rtm, "--now", str(NOW), "--service", "rtm", "--account", "bob",
               "--certificate", CERT)[0] == 0
    code, data = run_json(capsys, with_rtm, "--now", str(NOW), "--service", "rtm",
                          "--account", "alice")
    assert data["detail"] == "the RTM service is for user 'bob', not 'alice'"


def test_007_expectations(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, rtc007(uid=0), "--now", str(NOW), "--channel-name", "Room 1",
                          "--account", "0")
    assert code == 1 and [r["code"] for r in data["reasons"]] == ["channel_mismatch"]
    assert "differ only in letter case" in data["detail"]
    token = registry.build("rtc2.build_token_with_user_account", {
        "app_id": APP_ID, "app_certificate": CERT, "channel_name": "c", "account": "0",
        "role": "subscriber", "token_expire": 600}, salt=1, now=NOW)
    code, data = run_json(capsys, token, "--now", str(NOW), "--uid", "0", "--service", "rtc",
                          "--privilege", "PublishAudioStream")
    assert code == 1 and [r["code"] for r in data["reasons"]] == ["uid_mismatch",
                                                                  "privilege_missing"]
    assert data["detail"].startswith("the RTC service is for account '0', not uid 0")
    assert "does not grant PublishAudioStream (it grants RTC JoinChannel)" in \
        data["reasons"][1]["message"]


def test_006_rtm_token_checks_the_account_in_the_channel_slot(
        capsys: pytest.CaptureFixture[str]) -> None:
    token = registry.build("rtm.build_token", {
        "app_id": APP_ID, "app_certificate": CERT, "user_account": "bob",
        "privilege_expired_ts": 0}, salt=1, now=NOW)
    assert run(capsys, token, "--now", str(NOW), "--service", "rtm", "--account", "bob",
               "--certificate", CERT)[0] == 0
    code, data = run_json(capsys, token, "--now", str(NOW), "--service", "rtc")
    assert code == 1 and data["reason"] == "service_missing"
    assert run(capsys, token, "--now", str(NOW), "--account", "eve")[0] == 1


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, rtc007(), "--privilege", "Fly")[0] == 2
    assert run(capsys, rtc007(), "--app-id", "nothex")[0] == 2
    assert run(capsys, rtc007(), "--service", "video")[0] == 2
    assert run(capsys, rtc007(), "--uid", "-1")[0] == 2
