"""A testee that answers like the reference except where its MODE says to misbehave.

Usage: python misbehaving_testee.py MODE [CASE_ID]. Misbehaviour is triggered by the request
whose id is CASE_ID (or every request, when no id is given):
  good          behave (the reference over the JSON-lines protocol)
  crash         exit with status 3 instead of answering
  hang          never answer that request (sleep)
  garbage       answer "this is not json"
  non_utf8      answer bytes that are not UTF-8
  partial       write half an answer without a newline, then exit
  wrong_id      answer with the id "bogus"
  skip          answer nothing for that request, carry on with the next
  long_line     answer a 2 MiB line
  stderr_flood  write 4 MiB to stderr before answering (normally)
  stray_line    print a debug line on stdout before the (correct) answer
  exit_at_once  exit with status 1 before the hello
  silent        read forever, never answer anything (not even hello)
  bad_hello     answer the hello with an object lacking "builders"
  import_error  die before the hello with a Python traceback (a broken adapter import)
  verify_decode_error  answer a verify request whose token cannot be read with the error
                kind decode_error and the reason (docs/testee-protocol.md, section 3)
"""

from __future__ import annotations

import json
import os
import sys
import time

from conformance.reference_testee import answer

UNREADABLE = {"bad_version", "bad_base64", "bad_zlib", "truncated", "trailing_bytes",
              "bad_app_id", "bad_field"}


def out(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def main() -> int:
    mode = sys.argv[1]
    target = sys.argv[2] if len(sys.argv) > 2 else None
    if mode == "exit_at_once":
        sys.stderr.write("fake: giving up at once\n")
        return 1
    if mode == "import_error":
        import no_such_module_for_the_fake  # type: ignore[import-not-found]  # noqa: F401
    for raw in sys.stdin.buffer:
        request = json.loads(raw)
        if mode == "silent":
            continue
        if request.get("op") == "hello" and mode == "bad_hello":
            out(b'{"op":"hello","protocol":1,"implementation":{"name":"x","language":"y",'
                b'"version":"0"}}\n')
            continue
        if request.get("op") == "stop":
            return 0
        hit = request.get("op") != "hello" and (target is None or request.get("id") == target)
        reply = answer(request)
        if (mode == "verify_decode_error" and request.get("op") == "verify" and reply
                and reply.get("valid") is False and reply.get("reason") in UNREADABLE):
            reply = {"id": reply["id"], "error": {"kind": "decode_error",
                                                  "reason": reply["reason"], "message": ""}}
        if hit:
            if mode == "crash":
                sys.stderr.write(f"fake: crashing on {request.get('id')}\n")
                sys.stderr.flush()
                os._exit(3)
            if mode == "hang":
                time.sleep(3600)
            if mode == "garbage":
                out(b"this is not json\n")
                continue
            if mode == "non_utf8":
                out(b'{"id": "\xff\xfe"}\n')
                continue
            if mode == "partial":
                out(b'{"id": "' + request["id"].encode()[:3])
                os._exit(0)
            if mode == "wrong_id":
                assert reply is not None
                reply["id"] = "bogus"
            if mode == "skip":
                continue
            if mode == "long_line":
                out(b'{"id":"' + b"x" * (2 << 20) + b'"}\n')
                continue
            if mode == "stray_line":
                out(b"debug: building a token\n")
            if mode == "stderr_flood":
                chunk = b"flood " * 10000 + b"\n"
                for _ in range(70):
                    sys.stderr.buffer.write(chunk)
        out(json.dumps(reply).encode() + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
