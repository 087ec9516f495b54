"""Requirement levels: a case checks a format rule or a strictness rule; the derived level."""

from __future__ import annotations

from conformance.vectors.case import Case

FORMAT = "format"  # bytes every correct port must produce or accept
STRICTNESS = "strictness"  # input validation the suite recommends (docs/runner.md)
LEVELS = (FORMAT, STRICTNESS)

# Decode/verify refusals of a token that can still be read: the suite recommends them.
STRICT_REASONS = frozenset({"bad_base64", "trailing_bytes", "expired"})
# Refusals of a token that cannot be read (or whose signature is wrong): every port refuses.
FORMAT_REASONS = frozenset({"bad_version", "truncated"})
# Reasons whose level depends on the case (a garbage zlib stream vs a wrong Adler-32; a 006
# body shorter than its app id vs a 007 app id that is not hex; a wrong signature vs an
# altered 006 CRC the signature does not cover): the stated level stands.
CASE_REASONS = frozenset({"bad_zlib", "bad_app_id", "bad_signature"})


def derived_level(case: Case) -> str | None:
    """The level the case's expectation implies, or None when only the stated level can say.

    A refused build checks strictness; a decode that reports an unknown service type checks
    strictness; decode/verify refusals by their reason (see the tables above); every other
    expectation (a token, fields, a valid verify, script results) checks the format.
    """
    error = case.expect.error
    if error is None:
        fields = case.expect.fields or {}
        return STRICTNESS if "unknown_service_type" in fields else FORMAT
    if case.builder not in ("token.decode", "token.verify"):
        return STRICTNESS
    if error in STRICT_REASONS:
        return STRICTNESS
    if error in FORMAT_REASONS:
        return FORMAT
    return None
