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

from conformance._implementations import Implementation, load_registry, run_implementation
from conformance._outcome import Outcome
from conformance._run import RunResult
from conformance._vectors import VectorSet, load_vectors

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


def outcomes(run: RunResult, builder_prefix: str) -> dict[str, Outcome]:
    """Case id -> outcome for the cases whose builder starts with ``builder_prefix``."""
    return {r.case_id: r.outcome for r in run.results if r.builder.startswith(builder_prefix)}


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


# Upstream fixture credentials and the known answers of real-implementations.md section 4.
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


def rtc006_request(role: str = "publisher") -> dict[str, object]:
    return {"op": "build", "id": "kat-006", "builder": "rtc.build_token_with_uid",
            "args": {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL,
                     "uid": 2882341273, "role": role, "privilege_expired_ts": 1446455471},
            "salt": 1, "now": 1111111 - 86400}


def rtm006_request() -> dict[str, object]:
    return {"op": "build", "id": "kat-rtm", "builder": "rtm.build_token",
            "args": {"app_id": APP_ID, "app_certificate": CERT, "user_account": "2882341273",
                     "role": "rtm_user", "privilege_expired_ts": 1446455471},
            "salt": 1, "now": 1111111 - 86400}
