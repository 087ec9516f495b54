"""Reference build speed beside PyPI agoraiotools 0.3.4 (upstream's Python) and the floor.

Cases: (a) a 006 RTC publisher token, (b) a 007 RTC publisher token with a uid, (c) a 007
RTC publisher + RTM token. Each side builds every token from its inputs (agoraiotools: a fresh
low-level object per token with fixed salt/ts, docs/implementations.md section 3.2, since a second
``build()`` on one object returns ''); the reference goes through ``reference.registry.build``.
Prints tokens/second and ``ratio vs-agoraiotools NAME: X.XX``: the median over interleaved
rounds of (reference rate / agoraiotools rate), which cancels most load drift on a shared machine.

The floor of a 007 token is what no builder can skip: the three HMAC-SHA256 of the signature
chain, ``zlib.compress`` and base64, over the same token's signing info prepared in advance
(docs/performance.md). ``ratio reference_vs_floor NAME: X.XX`` is the reference's rate over
the floor loop's, per 007 case, and ``ratio reference_vs_floor: X.XX`` the lowest of them
(target >= 0.80). Rounds are timed in CPU time of this thread (``time.thread_time``): on a
shared machine, wall time also counts the time other processes hold the core.

glibc trims zlib's freed deflate state back to the OS after every call unless the trim
threshold is raised (docs/performance.md §3.1); ``reference.access_token2`` raises it when it is
imported (``reference/_heap.py``), and agoraiotools runs in the same process, so both sides and
the floor run under identical conditions.
"""

from __future__ import annotations

import base64
import importlib
import statistics
import struct
import time
import zlib
from binascii import b2a_base64
from collections.abc import Callable
from types import ModuleType
from typing import Any

from reference import registry
from reference._at2_signing import _hmac_sha256
from reference._heap import keep_heap

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
ACCOUNT = "2882341273"
TS = 1111111  # 007 issue_ts and 006 ts
EXPIRE_006 = 1446455471
ROUNDS = 15
TARGET_SECONDS = 0.1  # per side per round

Builder = Callable[[], str]
_U32 = struct.Struct("<I")


def reference_builders() -> dict[str, Builder]:
    build = registry.build
    common = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL}
    a006 = {**common, "uid": UID, "role": "publisher", "privilege_expired_ts": EXPIRE_006}
    b007 = {**common, "uid": UID, "role": "publisher", "token_expire": 600,
            "privilege_expire": 600}
    c007 = {**common, "account": ACCOUNT, "role": "publisher", "token_expire": 600,
            "privilege_expire": 600}
    now_006 = TS - 86_400  # 006 builders set ts = now + 86400
    return {
        "006_rtc_publisher":
            lambda: build("rtc.build_token_with_uid", a006, salt=1, now=now_006),
        "007_rtc_uid": lambda: build("rtc2.build_token_with_uid", b007, salt=1, now=TS),
        "007_rtc_rtm": lambda: build("rtc2.build_token_with_rtm", c007, salt=1, now=TS),
    }


def agoraiotools_builders() -> dict[str, Builder] | None:
    try:
        at1: ModuleType = importlib.import_module("agoraiotools.AccessToken")
        at2: ModuleType = importlib.import_module("agoraiotools.AccessToken2")
    except ImportError:
        return None

    def a006() -> str:
        token: Any = at1.AccessToken(APP_ID, CERT, CHANNEL, UID)
        token.salt = 1
        token.ts = TS
        for privilege in (1, 2, 3, 4):
            token.addPrivilege(privilege, EXPIRE_006)
        result: str = token.build()
        return result

    def rtc(uid: int | str) -> Any:
        service = at2.ServiceRtc(CHANNEL, uid)
        for privilege in (1, 2, 3, 4):
            service.add_privilege(privilege, 600)
        return service

    def new_token() -> Any:
        token = at2.AccessToken(APP_ID, CERT, issue_ts=TS, expire=600)
        token._AccessToken__salt = 1  # name-mangled private field
        return token

    def b007() -> str:
        token = new_token()
        token.add_service(rtc(UID))
        result: str = token.build()
        return result

    def c007() -> str:
        token = new_token()
        token.add_service(rtc(ACCOUNT))
        rtm = at2.ServiceRtm(ACCOUNT)
        rtm.add_privilege(1, 600)
        token.add_service(rtm)
        result: str = token.build()
        return result

    return {"006_rtc_publisher": a006, "007_rtc_uid": b007, "007_rtc_rtm": c007}


def floor_builder(token: str) -> Builder:
    """The floor of one 007 token: 3 HMAC-SHA256, zlib.compress and base64, nothing else."""
    content = zlib.decompress(base64.b64decode(token[3:]))
    signing_info = content[34:]  # after u16(32) + signature
    cert = CERT.encode()

    def floor() -> str:
        k1 = _hmac_sha256(_U32.pack(TS), cert, "sha256")
        k2 = _hmac_sha256(_U32.pack(1), k1, "sha256")
        signature = _hmac_sha256(k2, signing_info, "sha256")
        compressed = zlib.compress(b"\x20\x00" + signature + signing_info, 6)
        return "007" + b2a_base64(compressed, newline=False).decode()

    if floor() != token:
        raise AssertionError("the floor loop does not rebuild the reference's token")
    return floor


def calibrate(fn: Builder) -> int:
    count = 1
    while True:
        start = time.thread_time()
        for _ in range(count):
            fn()
        if time.thread_time() - start > TARGET_SECONDS / 4:
            return max(1, int(count * TARGET_SECONDS / (time.thread_time() - start)))
        count *= 4


def rate(fn: Builder, count: int) -> float:
    start = time.thread_time()
    for _ in range(count):
        fn()
    return count / (time.thread_time() - start)


def same_payload(ours: str, theirs: str) -> bool:
    from reference.decode import decode

    return decode(ours).payload == decode(theirs).payload if ours.startswith("007") \
        else ours == theirs


def interleaved(sides: list[Builder]) -> list[list[float]]:
    """Rates of each side over ROUNDS rounds, the sides taking turns within every round."""
    counts = [calibrate(fn) for fn in sides]
    rates: list[list[float]] = [[] for _ in sides]
    for _ in range(ROUNDS):  # each round's sides see the same machine load
        for fn, count, out in zip(sides, counts, rates, strict=True):
            out.append(rate(fn, count))
    return rates


def paired(ours: list[float], theirs: list[float]) -> float:
    return statistics.median(r / o for r, o in zip(ours, theirs, strict=True))


def main() -> None:
    print(f"malloc: {keep_heap()}")
    ours = reference_builders()
    theirs = agoraiotools_builders()
    if theirs is None:
        print("agoraiotools is not importable (pip install agoraiotools==0.3.4, or tox -e bench):"
              " comparing the reference with the floor only")
    floor_ratios: list[float] = []
    for name, fn in ours.items():
        other = theirs[name] if theirs else None
        if other is not None and not same_payload(fn(), other()):
            print(f"warning: {name}: the two sides build different tokens")
        sides = [fn]
        floor = floor_builder(fn()) if name.startswith("007") else None
        if floor is not None:
            sides.append(floor)
        if other is not None:
            sides.append(other)
        rates = interleaved(sides)
        line = f"{name}: reference {statistics.median(rates[0]):,.0f} tokens/s"
        if floor is not None:
            line += f", floor {statistics.median(rates[1]):,.0f} tokens/s"
        if other is not None:
            line += f", agoraiotools {statistics.median(rates[-1]):,.0f} tokens/s"
        print(f"{line} (medians of {ROUNDS} interleaved rounds, CPU time)", flush=True)
        if other is not None:
            print(f"ratio vs-agoraiotools {name}: {paired(rates[0], rates[-1]):.2f}", flush=True)
        if floor is not None:
            floor_ratios.append(paired(rates[0], rates[1]))
            print(f"ratio reference_vs_floor {name}: {floor_ratios[-1]:.2f}", flush=True)
    print(f"ratio reference_vs_floor: {min(floor_ratios):.2f}", flush=True)


if __name__ == "__main__":
    main()
