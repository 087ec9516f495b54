"""`agora-conformance inspect`: exit codes, JSON output, stdin, and the certificate never shown."""

from __future__ import annotations

import base64
import io
import json
import zlib

import pytest

from conformance.cli import main

CERT = "5CFd2fd1755d40ecb72977518be15d3b"
# docs/implementations.md §4.2 (RTC publisher + RTM): the Python/classic and Node strings, and
# upstream go/src/accesstoken2/accesstoken_test.go's Go string for the RTM "test_user" token
PYTHON = ("007eJxTYHjNyj415sLf281TT2jd52gMyguwUBKaOPHnh33f9599e2+6AoOluYGzo7FpSqqZQbKJiZmJaVJSYqpF"
          "opGhqYGZYZKxsfsXAYYIJgYGRgYGBiYgyQLEID4TmGQGkyxgUoHBPMXcyNjMNDXJ0sLYxMLU2NI81TjVOM0yxcTM"
          "ICklJZGLwcjCwsjYxNDI3BhkFsQkZFEAssUrFg==")
NODE = ("007eJxTYHjNyj415sLf281TT2jd52gMyguwUBKaOPHnh33f9599e2+6AoOluYGzo7FpSqqZQbKJiZmJaVJSYqpFo"
        "pGhqYGZYZKxsfsXAYYIJgYGRgYGBiYGRgYWBkYwnwlMMoNJFjCpwGCeYm5kbGaammRpYWxiYWpsaZ5qnGqcZpliYmaQ"
        "lJKSyMVgZGFhZGxiaGRuDDILYhKyKACyxSsW")
GO = ("007eJxSYOCdJftjyTM2zxW6Xhm/5T0j5LdcUt/xYVt48fb5Mp3PX9coMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhma"
      "GpgZJhkbu38RYIhgYmBgZABhJgZGBkYwn5OhJLW4JL60OLUIEAAA//9ZVh6A")
TOKEN_006 = ("006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfR"
             "BXoFHlEAABAAAAR/QQAAEAAQCvKDdW")


KAT_NOW = "1111111"  # the upstream known-answer tokens are issued then (expiry is checked)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """``inspect ARGV``, with the clock at KAT_NOW unless ARGV sets ``--now``."""
    clock = [] if "--now" in argv or not argv else ["--now", KAT_NOW]
    try:
        code = main(["inspect", *argv, *clock])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("token", [PYTHON, NODE, GO], ids=["python", "node", "go"])
def test_decodes_and_verifies_every_upstream_engine(capsys: pytest.CaptureFixture[str],
                                                    token: str) -> None:
    code, out = run(capsys, token, "--certificate", CERT)
    assert code == 0, out
    assert "signature valid" in out and "970CA35de60c44645bbae8a215061b33" in out
    assert "1970-01-13 20:38:31 UTC" in out and "1111111" in out  # issue_ts, UTC and raw
    assert CERT not in out


def test_breakdown_lists_services_and_privileges(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, PYTHON, "--now", "1111111")
    assert code == 0
    for text in ("RTC (type 1)", "RTM (type 2)", "JoinChannel (1)", "PublishDataStream (4)",
                 "Login (1)", "1111711", "in 10m", "salt       1", "not checked"):
        assert text in out, text


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, NODE, "--json", "--certificate", CERT)
    assert code == 0
    data = json.loads(out)
    assert data["valid"] is True
    assert data["fields"]["services"][1] == {"type": 2, "privileges": {"1": 600},
                                             "user_id": "2882341273"}
    assert data["fields"]["signature"].startswith("eb0507955cd0fddb")
    assert CERT not in out


def test_wrong_certificate_exits_1_without_echo(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = "0123456789abcdef0123456789ABCDEF"
    code, out = run(capsys, PYTHON, "--certificate", wrong)
    assert code == 1 and "bad_signature" in out and wrong not in out
    code, out = run(capsys, PYTHON, "--certificate", wrong, "--json")
    assert code == 1 and json.loads(out)["reason"] == "bad_signature" and wrong not in out


def test_expired_with_now(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, PYTHON, "--now", "1111712")
    assert code == 1 and "expired" in out
    code, out = run(capsys, PYTHON, "--now", "1111711", "--certificate", CERT)
    assert code == 0


@pytest.mark.parametrize("token, reason", [
    ("hello", "bad_version"),
    ("007eJx!!", "bad_base64"),
    ("007" + base64.b64encode(b"junk").decode(), "bad_zlib"),
    ("007" + base64.b64encode(zlib.compress(b"\x20\x00")).decode(), "truncated"),
])
def test_invalid_tokens_exit_1_with_reason(capsys: pytest.CaptureFixture[str], token: str,
                                           reason: str) -> None:
    code, out = run(capsys, token)
    assert code == 1 and reason in out
    code, out = run(capsys, token, "--json")
    assert code == 1 and json.loads(out)["reason"] == reason


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    secret = "5CFd2fd1755d40ecb72977518be15d3"  # 31 characters: malformed
    code, out = run(capsys, PYTHON, "--certificate", secret)
    assert code == 2 and secret not in out
    assert run(capsys)[0] == 2
    assert run(capsys, PYTHON, "--now", "soon")[0] == 2
    code, out = run(capsys, TOKEN_006, "--certificate", CERT)
    assert code == 2 and "--channel-name" in out and CERT not in out


def test_006_verify(capsys: pytest.CaptureFixture[str]) -> None:
    channel = "7d72365eb983485397e3e3f9d460bdda"
    code, out = run(capsys, TOKEN_006, "--certificate", CERT, "--channel-name", channel,
                    "--uid", "2882341273")
    assert code == 0 and "signature valid" in out and "JoinChannel (1)" in out
    code, out = run(capsys, TOKEN_006, "--certificate", CERT, "--channel-name", channel,
                    "--account", "x")
    assert code == 1 and "uid_mismatch" in out  # found from the CRC32 before the signature


def test_token_from_stdin(capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"  {GO}\n"))
    code, out = run(capsys, "-", "--certificate", CERT)
    assert code == 0 and "test_user" in out


def test_legacy_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    from reference import registry

    app_id = "970CA35de60c44645bbae8a215061b33"
    dk5 = registry.build("dynamic_key5.generate_in_channel_permission_key", {
        "app_id": app_id, "app_certificate": CERT, "channel_name": "c", "unix_ts": 1,
        "random_int": 2, "uid": 3, "expired_ts": 4, "permission": "3"})
    code, out = run(capsys, dk5, "--now", "1")
    assert code == 0 and "DynamicKey5" in out and '{"1": "3"}' in out
    assert run(capsys, dk5, "--now", "1", "--certificate", CERT)[0] == 2
    code, out = run(capsys, dk5, "--now", "1", "--certificate", CERT, "--channel-name", "c",
                    "--uid", "3")
    assert code == 0 and "signature valid" in out
    assert run(capsys, dk5, "--now", "1", "--certificate", CERT, "--channel-name", "c",
               "--uid", "4")[0] == 1
    signal = registry.build("signaling_token.generate", {
        "account": "acc", "app_id": app_id, "app_certificate": CERT, "expired_ts": 1000})
    code, out = run(capsys, signal, "--now", "1", "--certificate", CERT, "--account", "acc")
    assert code == 0 and "SignalingToken" in out and CERT not in out
    assert run(capsys, signal, "--now", "1", "--certificate", CERT, "--account", "other")[0] == 1
    assert run(capsys, signal, "--now", "1", "--certificate", CERT)[0] == 2


def test_unknown_service_type_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib
    import hmac
    import struct

    def s(raw: bytes) -> bytes:
        return struct.pack("<H", len(raw)) + raw

    info = (s(b"970CA35de60c44645bbae8a215061b33") + struct.pack("<IIIH", 1111111, 600, 1, 2)
            + struct.pack("<HHHI", 4, 1, 1, 0) + struct.pack("<HH", 99, 0) + b"??")
    k1 = hmac.new(struct.pack("<I", 1111111), CERT.encode(), hashlib.sha256).digest()
    k2 = hmac.new(struct.pack("<I", 1), k1, hashlib.sha256).digest()
    content = s(hmac.new(k2, info, hashlib.sha256).digest()) + info
    token = "007" + base64.b64encode(zlib.compress(content)).decode()
    code, out = run(capsys, token, "--certificate", CERT)
    assert code == 0 and "FPA (type 4)" in out and "unknown service type 99" in out
    code, out = run(capsys, token, "--json")
    assert json.loads(out)["fields"]["unknown_service_type"] == 99
