"""Compare one testee answer with one case: a pure function returning a :class:`Verdict`.

Tiers: 006 and legacy tokens byte-exact; 007 by inflated payload (text equality is a note);
verify mode for builders that cannot take a fixed salt or clock; decode cases by fields;
verify cases by validity; SimpleTokenBuilder scripts step by step.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from conformance.compare.diagnosis import container_causes, field_causes, field_differences, fmt
from conformance.compare.expected import (
    content_fields,
    expected_content,
    expected_fields,
    expected_version,
    token_006_fields,
    token_content,
)
from conformance.compare.verdict import Verdict
from conformance.protocol import Answer, Failure, Outcome, Reply
from conformance.vectors import Case, Expect
from reference import access_token, access_token2
from reference.errors import DecodeError, InvalidInput

DEFAULT_WINDOW = 300.0  # verify mode: allowed distance of issue_ts from the real clock


@dataclass(frozen=True)
class Options:
    """How to compare. ``verify``: verify mode for builders with a salt or a clock; ``now``:
    the real clock for verify mode (None: ``time.time()`` at comparison)."""

    verify: bool = False
    now: float | None = None
    window: float = DEFAULT_WINDOW


EXACT = Options()


def _fail(tier: str, detail: str, differences: list[str] | tuple[str, ...] = (),
          causes: list[str] | tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Verdict:
    return Verdict(Outcome.FAIL, tier, detail, tuple(differences), tuple(causes), notes)


@functools.lru_cache(maxsize=64)
def _plain_pass(tier: str) -> Verdict:
    return Verdict(Outcome.PASS, tier, "", (), (), ())


def _pass(tier: str, notes: tuple[str, ...] = ()) -> Verdict:
    # Verdicts are immutable: the common note-less ones are made once per tier.
    return Verdict(Outcome.PASS, tier, "", (), (), notes) if notes else _plain_pass(tier)


def first_difference(want: bytes | str, got: bytes | str) -> int:
    """Offset of the first differing byte or character."""
    pairs = zip(want, got, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(want), len(got)))


def _decode_failure(tier: str, token: str, version: str, exc: DecodeError) -> Verdict:
    causes = container_causes(token, version) or ["token_structure"]
    return _fail(tier, f"the token does not decode: {exc}", causes=causes)


# ---------------------------------------------------------------- builder cases, exact


def _compare_007(case: Case, token: str) -> Verdict:
    notes: tuple[str, ...] = ()
    if case.expect.token is not None and token == case.expect.token:
        return _pass("payload")
    try:
        got = token_content(token)
    except DecodeError as exc:
        return _decode_failure("payload", token, "007", exc)
    want = expected_content(case)
    if case.expect.token is not None:
        notes = ("token text differs from the vector, payload equal (another deflate engine "
                 "or level: information only)",)
    if got == want:
        return _pass("payload", notes)
    want_fields = content_fields(want)
    try:
        got_fields = access_token2.parse_content(got).to_fields()
    except DecodeError as exc:
        return _fail("payload", f"the payload does not decode: {exc}", causes=["token_structure"])
    return _explain("payload", want_fields, got_fields, want, got)


def _explain(tier: str, want_fields: Mapping[str, Any], got_fields: Mapping[str, Any],
             want: bytes | str, got: bytes | str) -> Verdict:
    differences = field_differences(want_fields, got_fields)
    causes = field_causes(want_fields, got_fields)
    if not differences:
        at = first_difference(want, got)
        differences = [f"every decoded field is equal, the bytes differ from offset {at}"]
        causes = ["non_canonical_order"]
    what = "payload" if tier == "payload" else "token"
    return _fail(tier, f"{what} differs: {differences[0]}", differences, causes)


def _compare_006(case: Case, token: str) -> Verdict:
    want_token = case.expect.token
    assert want_token is not None
    if token == want_token:
        return _pass("exact")
    try:
        got_fields = access_token.parse(token).to_fields()
    except DecodeError as exc:
        return _decode_failure("exact", token, "006", exc)
    return _explain("exact", token_006_fields(want_token), got_fields, want_token, token)


def _compare_text(case: Case, token: str) -> Verdict:
    """Legacy keys: exact text; decodable ones (DynamicKey3-5, SignalingToken) are diagnosed
    field by field."""
    want = case.expect.token
    assert want is not None
    if token == want:
        return _pass("exact")
    from reference.decode import decode

    try:
        return _explain("exact", decode(want).to_fields(), decode(token).to_fields(), want, token)
    except DecodeError:
        pass
    at = first_difference(want, token)
    prefixed = want[:3] in ("005", "004", "003") or want.startswith("1:")
    causes = ["version_prefix"] if prefixed and token[:3] != want[:3] else []
    return _fail("exact", f"token differs from character {at}: want {fmt(want[at:at + 24])}..., "
                 f"got {fmt(token[at:at + 24])}...", [f"token: want {fmt(want)}, got {fmt(token)}"],
                 causes)


def _compare_token(case: Case, token: str, options: Options) -> Verdict:
    version = expected_version(case)
    if options.verify and version is not None and _clocked(case):
        return _verify_mode(case, token, version, options)
    if case.expect.token is None and case.expect.payload is None:
        if case.expect.fields is None:
            return _pass("none", ("the case expects nothing checkable for a token",))
        return _verify_mode(case, token, version or "007", options)
    if version == "007":
        return _compare_007(case, token)
    if version == "006":
        return _compare_006(case, token)
    return _compare_text(case, token)


# ---------------------------------------------------------------- verify mode


def _clocked(case: Case) -> bool:
    from reference.registry import BUILDERS

    spec = BUILDERS.get(case.builder)
    return spec is None or spec.uses_salt or spec.uses_clock


def _ignored(case: Case, version: str) -> frozenset[str]:
    from reference.registry import BUILDERS

    spec = BUILDERS.get(case.builder)
    ignored = {"signature"}
    if spec is None or spec.uses_salt:
        ignored.add("salt")
    if spec is None or spec.uses_clock:
        ignored.add("issue_ts" if version == "007" else "ts")
    return frozenset(ignored)


def identity_006(case: Case) -> tuple[str, int | str]:
    """The channel text and the uid (or account) a 006 builder signs, from the case's
    arguments; ``verify_signature`` renders the uid by the uid rule."""
    args = case.args
    if case.builder.startswith("rtm."):
        return str(args.get("user_account", "")), ""
    return str(args.get("channel_name", "")), args.get("uid", args.get("account", ""))


def _verify_mode(case: Case, token: str, version: str, options: Options,
                 adopted: bool = False) -> Verdict:
    """Decode, check the signature over the token's own salt/clock, the other fields, the
    clock window and the canonical re-encoding (docs/runner.md, verify mode).

    ``adopted``: the timestamp may also equal the expected one (a SimpleTokenBuilder script
    that adopted an existing token's ts with ``init_token_builder``)."""
    want = expected_fields(case)
    ignored = _ignored(case, version)
    cert = str(case.args.get("app_certificate", ""))
    problems: list[str] = []
    causes: list[str] = []
    try:
        if version == "007":
            parsed2 = access_token2.parse(token)
            got = parsed2.to_fields()
            signed = parsed2.verify_signature(cert)
            try:
                canonical = access_token2.canonical_signing_info(got) == parsed2.signing_info
            except InvalidInput:
                canonical = False
            stamp, stamp_name, offset = parsed2.issue_ts, "issue_ts", 0
        else:
            parsed = access_token.parse(token)
            got = parsed.to_fields()
            signed = parsed.verify_signature(cert, *identity_006(case))
            canonical = access_token.pack_message(parsed.salt, parsed.ts, parsed.privileges) \
                == parsed.message
            stamp, stamp_name, offset = parsed.ts, "ts", access_token.TOKEN_LIFETIME
    except DecodeError as exc:
        return _decode_failure("verify", token, version, exc)
    differences = field_differences(want, got, ignore=ignored)
    if differences:
        causes.extend(field_causes(want, got, ignore=ignored))
    if not signed:
        problems.append("signature does not verify with the case's certificate over the "
                        "token's own salt and timestamp")
        causes.append("signature_invalid")
    adopted = adopted or case.builder == "simple_token_builder.script"
    if ("issue_ts" in ignored or "ts" in ignored) and not (
            adopted and stamp == want.get(stamp_name)):
        now = time.time() if options.now is None else options.now
        if abs(stamp - offset - now) > options.window:
            problems.append(f"{stamp_name} {stamp} is {stamp - offset - now:+.0f} s from the real "
                            f"clock{' + 86400' if offset else ''} (window ±{options.window:g} s)")
            causes.append("clock_window")
    if not canonical and not differences:
        problems.append("the canonical re-encoding of the decoded fields differs from the payload")
        causes.append("non_canonical_order")
    notes = ("salt is 0: is the random source seeded?",) if got.get("salt") == 0 else ()
    if differences or problems:
        return _fail("verify", (differences + problems)[0], differences + problems,
                     list(dict.fromkeys(causes)), notes)
    return _pass("verify", notes)


# ---------------------------------------------------------------- other operations


def _compare_results(case: Case, answer: Answer, options: Options) -> Verdict:
    want = list(case.expect.results or ())
    got = list(answer.results or ())
    steps = case.args.get("steps") or []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "<absent>"
        g = got[i] if i < len(got) else "<absent>"
        if w == g:
            continue
        step = next(iter(steps[i]), "?") if i < len(steps) and isinstance(steps[i], dict) else "?"
        label = f"step {i + 1} ({step})"
        if options.verify and isinstance(w, str) and isinstance(g, str) and w[:3] in ("006", "007"):
            sub = replace(case, expect=Expect(token=w))
            verdict = _verify_mode(sub, g, w[:3], options, adopted=True)
            if verdict.passed:
                continue
            return _fail("results", f"{label}: {verdict.detail}",
                         [f"{label}: {d}" for d in verdict.differences], verdict.causes)
        if isinstance(w, str) and isinstance(g, str) and w.startswith("006"):
            try:
                verdict = _explain("exact", token_006_fields(w),
                                   access_token.parse(g).to_fields(), w, g)
                return _fail("results", f"{label}: {verdict.detail}",
                             [f"{label}: {d}" for d in verdict.differences], verdict.causes)
            except DecodeError:
                pass
        return _fail("results", f"{label}: want {fmt(w)}, got {fmt(g)}")
    return _pass("results")


def _compare_decode(case: Case, answer: Answer) -> Verdict:
    expect = case.expect
    if expect.error is not None:
        if answer.error_kind is None:
            return _fail("error", f"decoded a token that must be rejected ({expect.error})",
                         causes=["accepted_invalid_input"])
        note = () if answer.reason in (None, expect.error) else (
            f"reason: want {expect.error}, got {answer.reason}",)
        return _pass("error", note)
    if answer.fields is None:
        return _fail("fields", f"refused to decode: {answer.reason or answer.error_kind}: "
                     f"{answer.error_message}", causes=["refused_valid_input"])
    want = expect.fields or {}
    if dict(answer.fields) == dict(want):
        return _pass("fields")
    differences = field_differences(want, answer.fields)
    return _fail("fields", differences[0] if differences else "fields differ", differences,
                 field_causes(want, answer.fields))


def _compare_verify(case: Case, answer: Answer) -> Verdict:
    want = case.expect.valid
    if want is None:
        want = case.expect.error is None
    # decode_error on verify: the token could not be read, i.e. valid false with that reason
    valid = False if answer.error_kind == "decode_error" else answer.valid
    if valid is None:
        return _fail("valid", f"no verdict: {answer.error_kind}: {answer.error_message}")
    if valid != want:
        reason = f" ({answer.reason})" if answer.reason else ""
        return _fail("valid", f"valid: want {str(want).lower()}, got {str(valid).lower()}"
                     f"{reason}")
    if not want and case.expect.error and answer.reason not in (None, case.expect.error):
        return _pass("valid", (f"reason: want {case.expect.error}, got {answer.reason}",))
    return _pass("valid")


def compare(case: Case, reply: Reply, options: Options = EXACT) -> Verdict:
    """The verdict on one answer: PASS, FAIL, ERROR, TIMEOUT, CRASH or UNSUPPORTED.

    Pure: depends only on the case, the reply and the options (pass ``options.now`` to make
    verify mode deterministic). Never raises for any reply.
    """
    if isinstance(reply, Failure):
        return Verdict(reply.outcome, "transport", reply.message)
    if reply.error_kind == "unsupported":
        return Verdict(Outcome.UNSUPPORTED, "error", f"the testee says: {reply.error_message}")
    try:
        return _compare_answer(case, reply, options)
    except (DecodeError, InvalidInput, ValueError) as exc:
        return Verdict(Outcome.ERROR, "vector", f"cannot use the vector's expectation: {exc}")
    except Exception as exc:  # a runner bug must cost this case only, never the run
        return Verdict(Outcome.ERROR, "internal", "the runner could not compare this answer "
                       f"({type(exc).__name__}: {exc}); please report it")


def _compare_answer(case: Case, answer: Answer, options: Options) -> Verdict:
    if case.builder == "token.decode":
        return _compare_decode(case, answer)
    if case.builder == "token.verify":
        return _compare_verify(case, answer)
    if case.expect.error is not None:
        if answer.refused:
            return _pass("error")
        return _fail("error", f"built a token for input that must be refused "
                     f"({case.expect.error})", causes=["accepted_invalid_input"])
    if answer.refused:
        detail = f"{answer.error_kind or 'refused'}: {answer.error_message}".strip(": ")
        if answer.error_kind == "internal":
            return Verdict(Outcome.ERROR, "error", f"the testee failed: {answer.error_message}")
        return _fail("error", f"refused a valid input ({detail or 'empty token'})",
                     causes=["refused_valid_input"])
    if case.expect.results is not None:
        return _compare_results(case, answer, options)
    assert answer.token is not None
    return _compare_token(case, answer.token, options)
