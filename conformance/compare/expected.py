"""What a case expects of a token, decoded from its vector once per process and shared."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from conformance.vectors import Case
from reference import access_token, access_token2
from reference.errors import DecodeError, ReasonCode


def expected_version(case: Case) -> str | None:
    """"007", "006", or None for legacy keys (compared as text)."""
    expect = case.expect
    if expect.payload is not None:
        return "007"
    if expect.token is not None:
        return expect.token[:3] if expect.token[:3] in ("006", "007") else None
    if expect.fields is not None:
        version = expect.fields.get("version")
        return version if version in ("006", "007") else None
    return None


def token_content(token: str) -> bytes:
    """The inflated content of a 007 token (strict base64, any valid zlib stream)."""
    if not token.startswith("007"):
        raise DecodeError(ReasonCode.BAD_VERSION, "not a 007 token")
    return access_token2.inflate(access_token2.b64decode_strict(token[3:]))


def expected_content(case: Case) -> bytes:
    if case.expect.payload is not None:
        return _payload_bytes(case.expect.payload)
    assert case.expect.token is not None
    return _token_bytes(case.expect.token)


# The vectors' expectations, decoded once per process (a run compares each case once; matrix,
# interop and mutation runs compare the same cases again for every testee). Keyed by the text
# itself; the results are shared, so callers never change them.
_CACHE = 8192


@functools.lru_cache(maxsize=_CACHE)
def _payload_bytes(payload: str) -> bytes:
    return bytes.fromhex(payload)


@functools.lru_cache(maxsize=_CACHE)
def _token_bytes(token: str) -> bytes:
    return token_content(token)


@functools.lru_cache(maxsize=_CACHE)
def content_fields(content: bytes) -> Mapping[str, Any]:
    """The decoded fields of an expected 007 content (cached: never change the result)."""
    return access_token2.parse_content(content).to_fields()


@functools.lru_cache(maxsize=_CACHE)
def token_006_fields(token: str) -> Mapping[str, Any]:
    """The decoded fields of an expected 006 token (cached: never change the result)."""
    return access_token.parse(token).to_fields()


def expected_fields(case: Case) -> Mapping[str, Any]:
    """The decoded fields a correct token has: ``expect.fields``, else decoded from the vector."""
    expect = case.expect
    if expect.fields is not None:
        return expect.fields
    if expected_version(case) == "007":
        return content_fields(expected_content(case))
    assert expect.token is not None
    return token_006_fields(expect.token)
