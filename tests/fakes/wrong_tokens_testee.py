"""A testee with realistic port bugs, for the diagnosis tests (answers via the reference).

  rtc2.*: uid 0 is rendered "0" (port-bugs A4), privilege_expire off by one (+1)
  rtc.build_token_with_uid: publish privileges also for subscribers (port-bugs C2)
  everything else: the reference's answer
Usage: python wrong_tokens_testee.py [PREFIX ...]: declare only the builders starting with a
PREFIX (default: every builder of the reference).
"""

from __future__ import annotations

import json
import sys

from conformance.reference_testee import answer


def mutate(request: dict) -> dict:
    builder, args = request.get("builder", ""), dict(request.get("args") or {})
    if builder == "rtc2.build_token_with_uid" and args.get("uid") == 0:
        request = {**request, "builder": "rtc2.build_token_with_user_account"}
        args["account"] = "0"
        del args["uid"]
    elif builder.startswith("rtc2.") and "privilege_expire" in args:
        args["privilege_expire"] = args["privilege_expire"] + 1
    elif builder == "rtc.build_token_with_uid" and args.get("role") == "subscriber":
        args["role"] = "publisher"
    return {**request, "args": args}


def main() -> int:
    for raw in sys.stdin.buffer:
        request = json.loads(raw)
        if request.get("op") == "stop":
            return 0
        if request.get("op") == "build":
            request = mutate(request)
        reply = answer(request)
        if reply is not None and request.get("op") == "hello":
            reply = {**reply, "implementation": {"name": "wrong-tokens", "language": "python",
                                                 "version": "0"}}
            if sys.argv[1:]:
                reply["builders"] = [b for b in reply["builders"]
                                     if b.startswith(tuple(sys.argv[1:]))]
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
