"""The testee protocol v1 (docs/testee-protocol.md): request and answer lines, and the outcomes
a case can end with.

The public door of the room; other rooms import only the names below. Inside, ``messages``
encodes requests and validates hello and answer lines, ``outcome`` is how one case ends (a
transport failure already is one: timeout, crash, error, unsupported), and
``testee-protocol.json`` is the schema. Both sides use it: the runner's transports
(``conformance.testees``) and the reference's server (``conformance.reference_testee``),
which starts once per case in one-shot mode, so this room stays small and cheap to import.
"""

from conformance.protocol.messages import (
    ERROR_KINDS,
    HELLO_LINE,
    MAX_LINE,
    OPERATIONS,
    PROTOCOL_VERSION,
    STOP_LINE,
    Answer,
    Failure,
    ProtocolError,
    Reply,
    Request,
    TesteeInfo,
    build_request,
    decode_line,
    decode_request,
    encode_answer,
    parse_answer,
    parse_hello,
    verify_request,
)
from conformance.protocol.outcome import OUTCOME_ORDER, Outcome

__all__ = [
    "ERROR_KINDS",
    "HELLO_LINE",
    "MAX_LINE",
    "OPERATIONS",
    "OUTCOME_ORDER",
    "PROTOCOL_VERSION",
    "STOP_LINE",
    "Answer",
    "Failure",
    "Outcome",
    "ProtocolError",
    "Reply",
    "Request",
    "TesteeInfo",
    "build_request",
    "decode_line",
    "decode_request",
    "encode_answer",
    "parse_answer",
    "parse_hello",
    "verify_request",
]
