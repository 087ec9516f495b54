"""Testee protocol v1: request encoding, and validation of hello and answer lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.protocol.outcome import Outcome

PROTOCOL_VERSION = 1
OPERATIONS = ("build", "decode", "verify")
ERROR_KINDS = frozenset({"invalid_input", "unsupported", "internal", "decode_error"})
MAX_LINE = 1 << 20  # longer answer lines are garbage
MAX_DEPTH = 32  # deeper answer values are garbage (decoded fields nest 4 levels)

# One encoder and one decoder for every line: json.dumps with options builds an encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


class ProtocolError(ValueError):
    """A line from the testee that does not follow docs/testee-protocol.md."""


@dataclass(frozen=True)
class Request:
    """One request; ``message`` is the full JSON object sent to a subprocess testee."""

    op: str
    id: str
    message: Mapping[str, Any]

    def line(self) -> bytes:
        """The request as one UTF-8 JSON line; ``TypeError`` when args are not JSON data."""
        return (_ENCODER.encode(self.message) + "\n").encode("utf-8")


def build_request(
    case_id: str, builder: str, args: Mapping[str, Any], salt: int | None, now: int | None
) -> Request:
    message = {"op": "build", "id": case_id, "builder": builder, "args": dict(args),
               "salt": salt, "now": now}
    return Request("build", case_id, message)


def decode_request(case_id: str, token: str) -> Request:
    return Request("decode", case_id, {"op": "decode", "id": case_id, "token": token})


def verify_request(case_id: str, args: Mapping[str, Any]) -> Request:
    message: dict[str, Any] = {"op": "verify", "id": case_id}
    message.update(args)
    return Request("verify", case_id, message)


HELLO_LINE = b'{"op":"hello","protocol":1}\n'
STOP_LINE = b'{"op":"stop"}\n'


@dataclass(frozen=True)
class Answer:
    """A well-formed answer. A refusal is an ``error`` or an empty token."""

    id: str
    token: str | None = None
    results: tuple[Any, ...] | None = None
    fields: Mapping[str, Any] | None = None
    valid: bool | None = None
    reason: str | None = None  # verify: why invalid; decode error: the ReasonCode value
    error_kind: str | None = None
    error_message: str = ""

    @property
    def refused(self) -> bool:
        return self.error_kind is not None or self.token == ""


@dataclass(frozen=True)
class Failure:
    """No usable answer for a case: the outcome (error, timeout, crash) and why."""

    outcome: Outcome
    message: str


Reply = Answer | Failure


@dataclass(frozen=True)
class TesteeInfo:
    """What the testee said about itself in the handshake."""

    __test__ = False  # not a pytest test class, despite the name

    implementation: Mapping[str, Any]
    builders: frozenset[str]
    operations: frozenset[str] = frozenset({"build"})
    verify_mode: frozenset[str] = frozenset()
    protocol: int = PROTOCOL_VERSION
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        impl = self.implementation
        text = f"{impl.get('name', '?')} {impl.get('version', '')}".strip()
        return f"{text} ({impl.get('language', '?')})"

    def to_json(self) -> dict[str, Any]:
        return {
            "implementation": dict(self.implementation),
            "builders": sorted(self.builders),
            "operations": sorted(self.operations),
            "verify_mode": sorted(self.verify_mode),
            "protocol": self.protocol,
        }

    def supports(self, builder: str) -> bool:
        """Whether a case with this builder id (or ``token.decode``/``token.verify``) can run."""
        if builder == "token.decode":
            return "decode" in self.operations
        if builder == "token.verify":
            return "verify" in self.operations
        return builder in self.builders


def _str_list(obj: Mapping[str, Any], key: str, required: bool) -> frozenset[str]:
    value = obj.get(key)
    if value is None and not required:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProtocolError(f"hello: {key!r} must be a list of strings, got {preview(value)}")
    return frozenset(value)


def parse_hello(obj: Any) -> TesteeInfo:
    """Validate a hello answer (already JSON-decoded) into :class:`TesteeInfo`."""
    if not isinstance(obj, dict):
        raise ProtocolError(f"hello: expected a JSON object, got {preview(obj)}")
    check_json(obj, "hello")
    if obj.get("op") != "hello":
        raise ProtocolError(f'hello: expected "op": "hello", got {preview(obj.get("op"), 40)}')
    if obj.get("protocol") != PROTOCOL_VERSION:
        raise ProtocolError(f"hello: protocol {obj.get('protocol')!r} is not supported (want 1)")
    impl = obj.get("implementation")
    if not isinstance(impl, dict) or not all(
        isinstance(impl.get(k), str) for k in ("name", "language", "version")
    ):
        raise ProtocolError(
            "hello: 'implementation' must be an object with string name, language and version"
        )
    operations = _str_list(obj, "operations", required=False) or frozenset({"build"})
    unknown = operations - set(OPERATIONS)
    if unknown or "build" not in operations:
        raise ProtocolError(
            f"hello: operations must include 'build' and only name {', '.join(OPERATIONS)}"
        )
    known = {"op", "protocol", "implementation", "builders", "operations", "verify_mode"}
    return TesteeInfo(
        implementation=impl,
        builders=_str_list(obj, "builders", required=True),
        operations=operations,
        verify_mode=_str_list(obj, "verify_mode", required=False),
        extra={k: v for k, v in obj.items() if k not in known},
    )


def decode_line(line: bytes) -> Any:
    """JSON-decode one answer line; ``ProtocolError`` names what is wrong with it."""
    if len(line) > MAX_LINE:
        raise ProtocolError(f"answer line longer than {MAX_LINE} bytes")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(f"answer is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not text.endswith("\n"):
        raise ProtocolError(f"partial answer line (no newline before end of output): {text!r:.80}")
    try:  # the usual answer: one JSON value, then the newline
        value, end = _SCAN(text, 0)
        if end == len(text) - 1:
            return value
    except (StopIteration, json.JSONDecodeError):
        pass
    except RecursionError:
        raise ProtocolError(f"answer nested deeper than {MAX_DEPTH} levels") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"answer is not JSON ({exc.msg}): {text.strip()!r:.80}") from None
    except RecursionError:
        raise ProtocolError(f"answer nested deeper than {MAX_DEPTH} levels") from None


def preview(value: Any, limit: int = 80) -> str:
    """The start of ``value``'s repr, for messages (never raises, whatever the nesting)."""
    if isinstance(value, (dict, list)):
        try:
            check_json(value, "value")
        except ProtocolError as exc:
            return f"<{type(value).__name__}: {exc}>"
    text = repr(value)
    return text if len(text) <= limit else text[:limit]


def check_json(value: Any, what: str) -> None:
    """``ProtocolError`` unless ``value`` is JSON data (objects with string keys, arrays,
    strings, finite numbers, booleans, null) nested at most :data:`MAX_DEPTH` levels."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (str, bool, int)) or item is None:
            continue
        if isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                raise ProtocolError(f"{what}: {item} is not a JSON number")
            continue
        if depth > MAX_DEPTH:
            raise ProtocolError(f"{what}: nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                raise ProtocolError(f"{what}: an object key is not a string")
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend((v, depth + 1) for v in item)
        else:
            raise ProtocolError(f"{what}: a {type(item).__name__} is not JSON data")


def _error(obj: Mapping[str, Any], case_id: str) -> Answer:
    err = obj["error"]
    if not isinstance(err, dict) or err.get("kind") not in ERROR_KINDS:
        raise ProtocolError(
            f"'error' must be an object whose kind is one of {', '.join(sorted(ERROR_KINDS))}"
        )
    message = err.get("message", "")
    reason = err.get("reason")
    return Answer(
        id=case_id,
        error_kind=err["kind"],
        error_message=message if isinstance(message, str) else preview(message, 500),
        reason=reason if isinstance(reason, str) else None,
    )


def parse_answer(obj: Any, op: str) -> Answer:
    """Validate one JSON-decoded answer to a request of operation ``op``."""
    if not isinstance(obj, dict):
        raise ProtocolError(f"answer must be a JSON object, got {preview(obj)}")
    case_id = obj.get("id")
    if not isinstance(case_id, str):
        raise ProtocolError(f"answer has no string 'id': {preview(obj)}")
    if "error" in obj:
        return _error(obj, case_id)
    if op == "build":
        token = obj.get("token")
        if not isinstance(token, str):
            raise ProtocolError("build answer needs a string 'token' or an 'error'")
        results = obj.get("results")
        if results is not None and not isinstance(results, list):
            raise ProtocolError("'results' must be a list")
        if results is not None:
            check_json(results, "'results'")
        return Answer(id=case_id, token=token,
                      results=tuple(results) if results is not None else None)
    if op == "decode":
        fields = obj.get("fields")
        if not isinstance(fields, dict):
            raise ProtocolError("decode answer needs an object 'fields' or an 'error'")
        check_json(fields, "'fields'")
        return Answer(id=case_id, fields=fields)
    if op == "verify":
        valid = obj.get("valid")
        if not isinstance(valid, bool):
            raise ProtocolError("verify answer needs a boolean 'valid' or an 'error'")
        reason = obj.get("reason")
        return Answer(id=case_id, valid=valid, reason=reason if isinstance(reason, str) else None)
    raise ProtocolError(f"unknown operation {op!r}")


def encode_answer(answer: Mapping[str, Any]) -> bytes:
    """Serialise an answer object (used by testees written in Python, e.g. the reference)."""
    return (_ENCODER.encode(answer) + "\n").encode("utf-8")
