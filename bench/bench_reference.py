"""Reference build speed beside PyPI agoraiotools 0.3.4 (upstream's Python) for the same tokens.

Cases: (a) a 006 RTC publisher token, (b) a 007 RTC publisher token with a uid, (c) a 007
RTC publisher + RTM token. Each side builds every token from its inputs (agoraiotools: a fresh
low-level object per token with fixed salt/ts, docs/implementations.md section 3.2, since a second
``build()`` on one object returns ''); the reference goes through ``reference.registry.build``.
Prints tokens/second and ``ratio vs-agoraiotools NAME: X.XX``: the median over interleaved
rounds of (reference rate / agoraiotools rate), which cancels most load drift on a shared machine.

glibc trims zlib's freed deflate state back to the OS after every call unless
``MALLOC_TRIM_THRESHOLD_`` is set (docs/performance.md §3.1); when the variable is absent this
process sets the same threshold with ``mallopt`` so both sides run under identical conditions.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import os
import statistics
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from reference import registry

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
UID = 2882341273
ACCOUNT = "2882341273"
TS = 1111111  # 007 issue_ts and 006 ts
EXPIRE_006 = 1446455471
M_TRIM_THRESHOLD = -1
TRIM_THRESHOLD = 64 * 1024 * 1024
ROUNDS = 15
TARGET_SECONDS = 0.1  # per side per round

Builder = Callable[[], str]


def pin_malloc_trim() -> str:
    if "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return f"MALLOC_TRIM_THRESHOLD_={os.environ['MALLOC_TRIM_THRESHOLD_']} (environment)"
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        ok = libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
    except (OSError, AttributeError):
        ok = False
    return f"mallopt(M_TRIM_THRESHOLD, {TRIM_THRESHOLD}) {'set' if ok else 'unavailable'}"


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


def calibrate(fn: Builder) -> int:
    count = 1
    while True:
        start = time.perf_counter()
        for _ in range(count):
            fn()
        if time.perf_counter() - start > TARGET_SECONDS / 4:
            return max(1, int(count * TARGET_SECONDS / (time.perf_counter() - start)))
        count *= 4


def rate(fn: Builder, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return count / (time.perf_counter() - start)


def same_payload(ours: str, theirs: str) -> bool:
    from reference.decode import decode

    return decode(ours).payload == decode(theirs).payload if ours.startswith("007") \
        else ours == theirs


def main() -> None:
    print(f"malloc: {pin_malloc_trim()}")
    ours = reference_builders()
    theirs = agoraiotools_builders()
    if theirs is None:
        print("agoraiotools is not importable (pip install agoraiotools==0.3.4, or tox -e bench):"
              " printing the reference's figures only")
    for name, fn in ours.items():
        other = theirs[name] if theirs else None
        if other is not None and not same_payload(fn(), other()):
            print(f"warning: {name}: the two sides build different tokens")
        counts = (calibrate(fn), calibrate(other) if other else 0)
        ref_rates: list[float] = []
        other_rates: list[float] = []
        for _ in range(ROUNDS):  # interleaved: each round's pair sees the same machine load
            ref_rates.append(rate(fn, counts[0]))
            if other is not None:
                other_rates.append(rate(other, counts[1]))
        ref = statistics.median(ref_rates)
        if other is None:
            print(f"{name}: reference {ref:,.0f} tokens/s", flush=True)
            continue
        them = statistics.median(other_rates)
        paired = statistics.median(r / o for r, o in zip(ref_rates, other_rates, strict=True))
        print(f"{name}: reference {ref:,.0f} tokens/s, agoraiotools {them:,.0f} tokens/s "
              f"(medians of {ROUNDS} interleaved rounds)", flush=True)
        print(f"ratio vs-agoraiotools {name}: {paired:.2f}", flush=True)


if __name__ == "__main__":
    main()
