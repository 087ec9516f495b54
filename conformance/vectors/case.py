"""One golden vector case, as the loader hands it to the runner."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Expect:
    """What a correct implementation produces for a case; absent keys are not checked."""

    token: str | None = None  # exact text: authoritative for 006/legacy, informational for 007
    payload: str | None = None  # 007: hex of the inflated content (signature + signing_info)
    signature: str | None = None  # hex
    fields: Mapping[str, Any] | None = None  # decoded fields (docs/architecture.md)
    error: str | None = None  # build: "invalid_input"; decode/verify: a ReasonCode value
    valid: bool | None = None  # token.verify
    results: tuple[Any, ...] | None = None  # simple_token_builder.script: one entry per step


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # vector file path, relative to the vector directory
    family: str
    builder: str  # builder id, or "token.decode" / "token.verify"
    args: Mapping[str, Any]
    expect: Expect
    salt: int | None = None
    now: int | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    source: str = "generated"
    aliases: tuple[str, ...] = ()
    deviations: tuple[str, ...] = field(default=())  # D-xx / S-xx ids this case exercises
    line: int = 0  # 1-based line of the case's ``- id:`` in its file (0: unknown)
    # args written with {repeat, length}: the expectation is the token (no payload or fields)
    repeated_text: bool = False
