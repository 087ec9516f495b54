"""Shared fixtures for the adapter tests: run one registered implementation through the runner.

Each adapter test is marked ``adapters``; it skips (naming the missing toolchain or package)
when the implementation cannot run here, and otherwise runs the whole bundled vector set once
per session with the adapter's expected-failures file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conformance.compare import RunResult, run_implementation
from conformance.protocol import Outcome
from conformance.testees import Implementation, load_registry
from conformance.vectors import VectorSet, load_vectors

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "adapters" / "registry.yaml"
UNEXPECTED = (Outcome.FAIL, Outcome.ERROR, Outcome.CRASH, Outcome.TIMEOUT, Outcome.XPASS)

_RUNS: dict[str, RunResult] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.adapters)


@pytest.fixture(scope="session")
def vectors() -> VectorSet:
    return load_vectors()


def implementation(name: str) -> Implementation:
    """The registry entry, or a skip naming what is missing to run it here."""
    for impl in load_registry(REGISTRY):
        if impl.name == name:
            missing = impl.missing()
            if missing:
                pytest.skip(missing)
            return impl
    raise LookupError(f"{REGISTRY}: no implementation named {name!r}")


@pytest.fixture(scope="session")
def run_adapter(vectors: VectorSet) -> Callable[[str], RunResult]:
    """``run_adapter(name)``: the (cached) run of every vector case against the implementation."""

    def run(name: str) -> RunResult:
        impl = implementation(name)
        if name not in _RUNS:
            _RUNS[name] = run_implementation(impl, vectors)
        return _RUNS[name]

    return run


def unexpected(run: RunResult) -> list[str]:
    """Readable lines for every outcome that fails the run, plus expected-failure problems."""
    lines = [r.text() for r in run.results if r.outcome in UNEXPECTED]
    if run.testee_error:
        lines.insert(0, f"testee unusable: {run.testee_error}\n{run.stderr_tail}")
    return lines + run.xfail_problems


@pytest.fixture(scope="session")
def assert_suite_passes(run_adapter: Callable[[str], RunResult]) -> Callable[[str], None]:
    """``assert_suite_passes(name)``: the whole vector set run against the implementation has
    no unexpected outcome (every case passes or is an explained expected failure)."""

    def check(name: str) -> None:
        problems = unexpected(run_adapter(name))
        assert not problems, "\n\n".join(problems)

    return check


def ask(name: str, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pipe protocol lines to the adapter by hand (hello first) and return its answers."""
    import json
    import subprocess

    impl = implementation(name)
    lines = [{"op": "hello", "protocol": 1}, *requests, {"op": "stop"}]
    proc = subprocess.run(impl.argv(), input="".join(json.dumps(x) + "\n" for x in lines),
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


# Upstream fixture credentials and the known answers of docs/implementations.md section 4.
APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
TOKEN006_PUBLISHER = (  # section 4.1: RTC publisher, uid 2882341273, salt 1, ts 1111111
    "006970CA35de60c44645bbae8a215061b33IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHl"
    "IgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW"
)
TOKEN006_RTM = (  # section 4.1: RTM account "2882341273"
    "006970CA35de60c44645bbae8a215061b33IAB/LZFT1ktgHw9V4dPyjw/+8Axznf2K8aBSsz1gfbhkwFegUeUAAAAA"
    "EAABAAAAR/QQAAEA6AOvKDdW"
)
SIG007_CHAT_USER = "28523b422bbfe03c"  # section 4.2: first 16 hex digits of the signature
SIG007_RTC_PUBLISHER = "c731521be1461348"  # RTC publisher, uid 2882341273, 600/600
# docs/formats.md sections 2.13 and 10.1, KAT at2-rtc-uid: RTC join-only token (privilege {1: 600})
# for uid 2882341273, salt 1, issue_ts 1111111, expire 600; its signature and its text after "007".
AT2_RTC_UID_SIGNATURE = "16a0b84c5a5e82cbf74fb813d09f59c54bdac9c06120580539ac97578e958b1a"
TOKEN_AT2_RTC_UID = (
    "eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcw"
    "Mk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj"
)


def build_request(builder: str, args: dict[str, object], salt: int = 1, now: int = 1111111,
                  rid: str | None = None) -> dict[str, object]:
    """A build request line with the fixture credentials (id: ``rid``, else the builder id)."""
    return {"op": "build", "id": rid or builder, "builder": builder,
            "args": {"app_id": APP_ID, "app_certificate": CERT, **args}, "salt": salt, "now": now}


def rtc2_request(role: str = "publisher", salt: int = 1, now: int = 1111111) -> dict[str, object]:
    """RTC 007 for uid 2882341273 in CHANNEL, token and privileges 600 s (the section 4.2 and
    at2-rtc-uid inputs: a publisher signs as SIG007_RTC_PUBLISHER, a subscriber is the KAT)."""
    return build_request("rtc2.build_token_with_uid",
                         {"channel_name": CHANNEL, "uid": 2882341273, "role": role,
                          "token_expire": 600, "privilege_expire": 600}, salt, now)


def rtc006_request(role: str = "publisher") -> dict[str, object]:
    return build_request("rtc.build_token_with_uid",
                         {"channel_name": CHANNEL, "uid": 2882341273, "role": role,
                          "privilege_expired_ts": 1446455471}, 1, 1111111 - 86400, "kat-006")


def rtm006_request() -> dict[str, object]:
    return build_request("rtm.build_token",
                         {"user_account": "2882341273", "role": "rtm_user",
                          "privilege_expired_ts": 1446455471}, 1, 1111111 - 86400, "kat-rtm")
