"""compare(): the comparison tiers and their diagnosis, on docs/formats.md known answers."""

from __future__ import annotations

import base64
import time
import zlib

from conformance.compare import Options, compare
from conformance.protocol import Answer, Failure, Outcome
from conformance.vectors import Case, Expect
from reference.registry import build
from tests.conformance._runner_kat import (
    AT1_TOKEN,
    AT2_SIGNATURE,
    AT2_TOKEN,
    CHANNEL,
    at1_case,
    rtc2_case,
)


def token(case_id: str, text: str) -> Answer:
    return Answer(id=case_id, token=text)


def content(tok: str) -> bytes:
    return zlib.decompress(base64.b64decode(tok[3:]))


def rezip(tok: str, level: int = 6, wbits: int = 15) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return c.compress(content(tok)) + c.flush()


def test_kat_007_passes_on_payload_tier() -> None:
    verdict = compare(rtc2_case(), token("at2-rtc-uid", AT2_TOKEN))
    assert verdict.outcome is Outcome.PASS and verdict.tier == "payload"


def test_other_deflate_level_passes_with_a_note() -> None:
    other = "007" + base64.b64encode(rezip(AT2_TOKEN, level=9)).decode()
    assert other != AT2_TOKEN
    verdict = compare(rtc2_case(), token("x", other))
    assert verdict.outcome is Outcome.PASS
    assert any("payload equal" in n for n in verdict.notes)


def test_raw_deflate_and_urlsafe_base64_are_named() -> None:
    raw = "007" + base64.b64encode(rezip(AT2_TOKEN, wbits=-15)).decode()
    verdict = compare(rtc2_case(), token("x", raw))
    assert verdict.outcome is Outcome.FAIL and "raw_deflate" in verdict.causes
    urlsafe = "007" + base64.urlsafe_b64encode(zlib.compress(content(AT2_TOKEN))).decode()
    assert "-" in urlsafe or "_" in urlsafe
    verdict = compare(rtc2_case(), token("x", urlsafe))
    assert verdict.outcome is Outcome.FAIL and "base64_variant" in verdict.causes


def test_truncated_zlib_stream_and_trailing_bytes_are_told_apart() -> None:
    stream = zlib.compress(content(AT2_TOKEN))
    truncated = "007" + base64.b64encode(stream[:-4]).decode()
    verdict = compare(rtc2_case(), token("x", truncated))
    assert verdict.outcome is Outcome.FAIL and verdict.causes == ("zlib_stream",)
    trailing = "007" + base64.b64encode(stream + b"\0\0\0").decode()
    verdict = compare(rtc2_case(), token("x", trailing))
    assert verdict.outcome is Outcome.FAIL and verdict.causes == ("token_structure",)


def test_privilege_off_by_one_names_service_and_privilege() -> None:
    case = rtc2_case(role="publisher")
    want = build(case.builder, case.args, salt=1, now=1111111)
    got = build(case.builder, {**case.args, "privilege_expire": 601}, salt=1, now=1111111)
    verdict = compare(rtc2_case(role="publisher", expect=Expect(token=want)), token("x", got))
    assert verdict.outcome is Outcome.FAIL
    assert verdict.differences[:4] == (
        "service RTC, privilege 1 expire: want 600, got 601",
        "service RTC, privilege 2 expire: want 600, got 601",
        "service RTC, privilege 3 expire: want 600, got 601",
        "service RTC, privilege 4 expire: want 600, got 601",
    )
    assert verdict.causes == ("expire_value",)


def test_uid_zero_rendered_as_text_zero() -> None:
    args = {**rtc2_case().args, "uid": 0}
    want = build("rtc2.build_token_with_uid", args, salt=1, now=1111111)
    wrong_args = {k: v for k, v in args.items() if k != "uid"} | {"account": "0"}
    got = build("rtc2.build_token_with_user_account", wrong_args, salt=1, now=1111111)
    verdict = compare(rtc2_case(uid=0, expect=Expect(token=want)), token("x", got))
    assert verdict.differences == ('service RTC account: want "", got "0"',)
    assert verdict.causes == ("uid_rendering",)


def test_salt_and_clock_not_honoured() -> None:
    got = build("rtc2.build_token_with_uid", rtc2_case().args, salt=7, now=1111112)
    verdict = compare(rtc2_case(), token("x", got))
    assert verdict.differences == ("issue_ts: want 1111111, got 1111112", "salt: want 1, got 7")
    assert set(verdict.causes) == {"salt_not_honoured", "clock_not_honoured"}


def test_signature_only() -> None:
    other_cert = "0" * 32
    got = build("rtc2.build_token_with_uid", {**rtc2_case().args, "app_certificate": other_cert},
                salt=1, now=1111111)
    verdict = compare(rtc2_case(), token("x", got))
    assert verdict.causes == ("signature_only",)
    assert verdict.differences[0].startswith(f"signature: want {AT2_SIGNATURE}, got ")


def test_006_exact_and_uid_rendering_via_crc() -> None:
    assert compare(at1_case(), token("x", AT1_TOKEN)).outcome is Outcome.PASS
    case0 = at1_case(uid=0)
    want = build("access_token.build", case0.args, salt=1)
    got = build("access_token.build", {**case0.args, "uid": "0"}, salt=1)
    verdict = compare(at1_case(uid=0, expect=Expect(token=want)), token("x", got))
    # CRC32("") = 0 and CRC32("0") = 0xf4dbdf21 (docs/formats.md section 10.1)
    assert verdict.differences == (f"crc_uid: want 0, got {0xF4DBDF21}",)
    assert verdict.causes == ("uid_rendering",)


def test_006_privilege_order_is_a_failure() -> None:
    # 006 content with privileges packed 1, 3, 2, 4 (PHP, port-bugs C5): build the map by hand
    tok = build("access_token.build", {**at1_case().args, "privileges": {
        "1": 5, "2": 5, "3": 5, "4": 5}}, salt=1)
    raw = bytearray(base64.b64decode(tok[35:]))
    entries = {k: bytes(raw[i:i + 6]) for k, i in zip("1234", range(len(raw) - 24, len(raw), 6),
                                                       strict=True)}
    raw[-24:] = entries["1"] + entries["3"] + entries["2"] + entries["4"]
    swapped = tok[:35] + base64.b64encode(bytes(raw)).decode()
    verdict = compare(at1_case(expect=Expect(token=tok)), token("x", swapped))
    assert verdict.outcome is Outcome.FAIL
    assert "privilege_order" in verdict.causes
    assert "privilege order: want 1,2,3,4, got 1,3,2,4" in verdict.differences


def test_expected_refusal() -> None:
    case = rtc2_case(uid=2**32, expect=Expect(error="invalid_input"))
    assert compare(case, Answer(id="x", token="")).outcome is Outcome.PASS
    assert compare(case, Answer(id="x", error_kind="invalid_input")).outcome is Outcome.PASS
    verdict = compare(case, token("x", AT2_TOKEN))
    assert verdict.outcome is Outcome.FAIL and verdict.causes == ("accepted_invalid_input",)
    refused = compare(rtc2_case(), Answer(id="x", token=""))
    assert refused.outcome is Outcome.FAIL and refused.causes == ("refused_valid_input",)
    internal = compare(rtc2_case(), Answer(id="x", error_kind="internal", error_message="boom"))
    assert internal.outcome is Outcome.ERROR
    unsupported = compare(rtc2_case(), Answer(id="x", error_kind="unsupported"))
    assert unsupported.outcome is Outcome.UNSUPPORTED


def test_transport_failures_pass_through() -> None:
    verdict = compare(rtc2_case(), Failure(Outcome.TIMEOUT, "no answer within 1 s"))
    assert verdict.outcome is Outcome.TIMEOUT and verdict.detail == "no answer within 1 s"


def test_verify_mode_accepts_random_salt_and_real_clock() -> None:
    now = int(time.time())
    got = build("rtc2.build_token_with_uid", rtc2_case().args, salt=None, now=None)
    verdict = compare(rtc2_case(), token("x", got), Options(verify=True, now=now))
    assert verdict.outcome is Outcome.PASS and verdict.tier == "verify"
    # exact comparison of the same token fails on salt and clock
    assert compare(rtc2_case(), token("x", got)).outcome is Outcome.FAIL


def test_verify_mode_checks_window_signature_and_fields() -> None:
    now = int(time.time())
    skewed = build("rtc2.build_token_with_uid", rtc2_case().args, salt=5, now=now - 8 * 3600)
    verdict = compare(rtc2_case(), token("x", skewed), Options(verify=True, now=now))
    assert verdict.outcome is Outcome.FAIL and "clock_window" in verdict.causes
    wrong_cert = build("rtc2.build_token_with_uid", {**rtc2_case().args,
                                                     "app_certificate": "1" * 32}, salt=5, now=now)
    verdict = compare(rtc2_case(), token("x", wrong_cert), Options(verify=True, now=now))
    assert verdict.causes == ("signature_invalid",)
    wrong_channel = build("rtc2.build_token_with_uid", {**rtc2_case().args, "channel_name": "b"},
                          salt=5, now=now)
    verdict = compare(rtc2_case(), token("x", wrong_channel), Options(verify=True, now=now))
    assert verdict.differences == (f'service RTC channel_name: want "{CHANNEL}", got "b"',)


def test_verify_mode_006() -> None:
    case = Case(id="rtc006", file="t", family="rtc", builder="rtc.build_token_with_uid",
                args={"app_id": at1_case().args["app_id"], "app_certificate": at1_case().args[
                    "app_certificate"], "channel_name": CHANNEL, "uid": 2882341273,
                    "role": "publisher", "privilege_expired_ts": 1446455471},
                expect=Expect(), salt=1, now=1111111)
    case = Case(**{**case.__dict__, "expect": Expect(token=build(case.builder, case.args, salt=1,
                                                                 now=1111111))})
    now = int(time.time())
    got = build(case.builder, case.args, salt=None, now=None)
    assert compare(case, token("x", got), Options(verify=True, now=now)).passed
    other_uid = build(case.builder, {**case.args, "uid": 1}, salt=None, now=None)
    verdict = compare(case, token("x", other_uid), Options(verify=True, now=now))
    assert "uid_rendering" in verdict.causes and "signature_invalid" in verdict.causes


def test_decode_and_verify_cases() -> None:
    fields = {"version": "006", "app_id": "a"}
    dcase = Case(id="d", file="t", family="token", builder="token.decode",
                 args={"token": AT1_TOKEN}, expect=Expect(fields=fields))
    assert compare(dcase, Answer(id="d", fields=fields)).passed
    bad = compare(dcase, Answer(id="d", fields={**fields, "app_id": "b"}))
    assert bad.differences == ('app_id: want "a", got "b"',)
    ecase = Case(id="e", file="t", family="token", builder="token.decode",
                 args={"token": "007!"}, expect=Expect(error="bad_base64"))
    assert compare(ecase, Answer(id="e", error_kind="decode_error", reason="bad_zlib")).passed
    assert not compare(ecase, Answer(id="e", fields=fields)).passed
    vcase = Case(id="v", file="t", family="token", builder="token.verify",
                 args={"token": AT2_TOKEN}, expect=Expect(valid=False, error="expired"))
    assert compare(vcase, Answer(id="v", valid=False, reason="expired")).passed
    assert compare(vcase, Answer(id="v", valid=True)).outcome is Outcome.FAIL


def test_script_results_step_by_step() -> None:
    case = Case(id="s", file="t", family="simple_token_builder",
                builder="simple_token_builder.script", args={"steps": [
                    {"init_privileges": "publisher"}, {"build_token": None}]},
                expect=Expect(results=(None, AT1_TOKEN)))
    assert compare(case, Answer(id="s", token=AT1_TOKEN, results=(None, AT1_TOKEN))).passed
    other = build("access_token.build", {**at1_case().args, "ts": 1111112}, salt=1)
    verdict = compare(case, Answer(id="s", token=other, results=(None, other)))
    assert verdict.detail.startswith("step 2 (build_token): token differs: ts: want 1111111")


def test_legacy_exact_text() -> None:
    # docs/formats.md §10.1, DynamicKey5 KAT dk5-recording: the signature must be upper-case hex
    sig = "929C9E46187A022BAAB26B7BF018438C675CFE1A"
    case = Case(id="dk", file="t", family="dynamic_key5", builder="dynamic_key5.x", args={},
                expect=Expect(token="005" + sig))
    assert compare(case, token("dk", "005" + sig)).passed
    verdict = compare(case, token("dk", "005" + sig.lower()))
    assert verdict.outcome is Outcome.FAIL and verdict.detail.startswith(
        "token differs from character 6")  # 005 929 then C vs c
    assert verdict.causes == ()
    assert compare(case, token("dk", "004" + sig)).causes == ("version_prefix",)
