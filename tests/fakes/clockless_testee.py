"""A testee whose builders cannot take a salt or clock: random salt, real clock.

With --declare it lists every builder under "verify_mode" in its hello (so the runner checks
it in verify mode); without, it pretends to honour salt/now (and fails exact comparison).
With --skew SECONDS its clock is off by that much (UTC offset bug, port-bugs H1).
"""

from __future__ import annotations

import json
import sys
import time

from conformance.reference_testee import HELLO, answer


def main() -> int:
    declare = "--declare" in sys.argv
    skew = int(sys.argv[sys.argv.index("--skew") + 1]) if "--skew" in sys.argv else 0
    for raw in sys.stdin.buffer:
        request = json.loads(raw)
        op = request.get("op")
        if op == "stop":
            return 0
        if op == "hello":
            reply = dict(HELLO)
            if declare:
                reply["verify_mode"] = list(HELLO["builders"])
        else:
            if op == "build":
                request = {**request, "salt": None, "now": int(time.time()) + skew}
            reply = answer(request) or {}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
