"""What the reference produces for a case: the ``expect`` mapping regen writes and lint checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.vectors.case import Case
from conformance.vectors.load import VectorError
from reference import decode, registry, simple_token_builder
from reference.errors import DecodeError, InvalidInput

# Order of the keys in an emitted expect block.
EXPECT_KEYS = ("token", "payload", "signature", "fields", "results", "error", "valid")
INVALID_INPUT = "invalid_input"
DECODE = "token.decode"
VERIFY = "token.verify"
SCRIPT = "simple_token_builder.script"
# What a case written with repeated text leaves out of its expect block: the bytes are long,
# the token (a repetitive text compresses well) holds the same content in a few hundred bytes.
LONG_TEXT_OMITS = ("payload", "fields")
# Sources whose expect block regen writes; the others are copied by hand and only checked.
OWNED_PREFIXES = ("generated", "port-bugs:")


def owned_by_regen(source: str) -> bool:
    """True when ``regen`` writes this case's ``expect`` block."""
    return source.startswith(OWNED_PREFIXES)


def describe_token(token: str) -> dict[str, Any]:
    """Expected values for a built token: text, decoded fields and, for 007, payload/signature."""
    out: dict[str, Any] = {"token": token}
    try:
        decoded = decode.decode(token)
    except DecodeError:
        return out  # a legacy key without a decodable form: the text is the whole answer
    fields = decoded.to_fields()
    if decoded.payload_hex is not None:
        out["payload"] = decoded.payload_hex
        out["signature"] = fields["signature"]
    out["fields"] = fields
    return out


def _verify(args: Mapping[str, Any]) -> dict[str, Any]:
    decode.verify(**dict(args))
    return {"valid": True}


def compute_expect(case: Case) -> dict[str, Any]:
    """Run the case through the reference; keys in :data:`EXPECT_KEYS` order."""
    try:
        if case.builder == DECODE:
            return {"fields": decode.decode(case.args["token"]).to_fields()}
        if case.builder == VERIFY:
            return _verify(case.args)
        if case.builder == SCRIPT:
            token, results = simple_token_builder.run_script(case.args, case.salt, case.now)
            out = describe_token(token)
            out["results"] = results
            return out
        return describe_token(
            registry.build(case.builder, case.args, salt=case.salt, now=case.now)
        )
    except InvalidInput:
        return {"error": INVALID_INPUT}
    except DecodeError as exc:
        return {"error": exc.reason.value}


def reference_expect(case: Case) -> dict[str, Any]:
    """:func:`compute_expect`, with a reference crash raised as a ``VectorError`` naming the case
    (a reference bug must name the case, not end in a traceback)."""
    try:
        return compute_expect(case)
    except Exception as exc:
        raise VectorError(case.file, case.id, None,
                          f"the reference crashed: {type(exc).__name__}: {exc}") from exc


def written_expect(case: Case) -> dict[str, Any]:
    """The expect block regen writes: :func:`reference_expect` in emission order, without
    :data:`LONG_TEXT_OMITS` when the case's args use repeated text."""
    expect = reference_expect(case)
    omitted = LONG_TEXT_OMITS if case.repeated_text else ()
    return {k: expect[k] for k in EXPECT_KEYS if k in expect and k not in omitted}


def ordered(expect: Mapping[str, Any]) -> dict[str, Any]:
    """The expect mapping with its keys in the fixed emission order."""
    return {k: expect[k] for k in EXPECT_KEYS if k in expect}


def mismatches(case: Case, actual: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(field, message)`` for every expected value of ``case`` that ``actual`` contradicts.

    A 007 ``token`` is compared through its inflated payload (docs/formats.md §2.6): an upstream
    token from another deflate engine is reproduced when it inflates to the same content.
    """
    problems: list[tuple[str, str]] = []
    for name in EXPECT_KEYS:
        expected = getattr(case.expect, name)
        if expected is None:
            continue
        got = actual.get(name)
        if name == "results" and got is not None:
            got = tuple(got)
        if name == "token" and isinstance(expected, str) and expected.startswith("007") and (
            isinstance(got, str) and expected != got
        ):
            try:
                if decode.decode(expected).payload_hex == actual.get("payload"):
                    continue
            except DecodeError:
                pass
        if expected != got:
            problems.append((f"expect.{name}", f"reference gives {_show(got)}, "
                                               f"vector says {_show(expected)}"))
    return problems


def _show(value: Any, limit: int = 90) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
