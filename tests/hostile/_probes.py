"""The hostile probes of issue 11: each runs the CLI against a misbehaving testee or a bad file.

``python3 tests/hostile/_probes.py [--cap SECONDS] [NAME ...]`` prints, per probe, the exit
code, the number of results in the JSON report and the wall time (the issue's closing table);
the tests in this folder run the same probes with their own bounds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTEES = Path(__file__).resolve().parent / "testees"
HOSTILE = [sys.executable, str(TESTEES / "hostile_testee.py")]
FIRST_CASE = "at1-uid"  # the first case of the bundled set, in run order
LAST_DECODE = "upstream-dart-decode-python-token"  # a decode case followed by a verify case


@dataclass
class Outcome:
    """What one probe did: exit code (None: still running at the cap), results, seconds."""

    code: int | None
    results: int | None
    seconds: float
    stdout: str
    stderr: str
    report: dict[str, object] | None = None


@dataclass
class Probe:
    name: str
    args: list[str]  # after `python3 -m conformance`
    report: bool = True  # add --report-json (run only)
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[Path], None] | None = None


def command(*words: str) -> str:
    return " ".join(json.dumps(w) if " " in w else w for w in words)


def hostile(mode: str, *rest: str) -> list[str]:
    return ["--command", command(*HOSTILE, mode, *rest)]


def copy_vectors(work: Path) -> Path:
    target = work / "vectors"
    if not target.exists():
        shutil.copytree(ROOT / "vectors", target)
    return target


def edit(rel: str, old: str, new: str | bytes) -> Callable[[Path], None]:
    """A setup step: copy the vectors, then replace ``old`` by ``new`` once in one file."""

    def setup(work: Path) -> None:
        path = copy_vectors(work) / rel
        data = path.read_bytes()
        assert old.encode() in data, (rel, old)
        path.write_bytes(data.replace(old.encode(), new if isinstance(new, bytes)
                                      else new.encode(), 1))

    return setup


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        path = work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return setup


XFAIL = b"""implementation: x
expected_failures:
  - id: "rtc2-uid-0"
    reason: "r"
    evidence: "https://example.invalid/1"
    expires: %s
"""
REGISTRY = b"""implementations:
  - name: broken
    package: %s
    command: %s
    expected_failures: adapters/none.yaml
"""

PROBES: list[Probe] = [
    Probe("inproc-system-exit", ["run", "--builder", "python:hostile_builders:SYSTEM_EXIT"]),
    Probe("inproc-keyboard-interrupt", ["run", "--builder", "python:hostile_builders:INTERRUPT"]),
    Probe("deep-json", ["run", *hostile("deep", FIRST_CASE)]),
    Probe("bad-services-cli", ["run", *hostile("bad_services"), "--family", "token"]),
    Probe("bad-services-inproc",
          ["run", "--builder", "python:hostile_builders:BAD_SERVICES", "--family", "token"]),
    Probe("stop-after-one", ["run", *hostile("stop_after_one")]),
    Probe("orphan-after-one", ["run", *hostile("orphan_after_one")],
          env={"HOSTILE_PIDS": "{work}/pids"}),
    Probe("close-stdout", ["run", *hostile("close_stdout")]),
    Probe("huge-line", ["run", *hostile("huge_line")]),
    Probe("mistyped-builder", ["run", "--vectors", "{work}/vectors"],
          setup=edit("access_token2/rtc_build_token_with_uid.yaml",
                     "builder: rtc2.build_token_with_uid", "builder: rtc2.build_token_with_uidd")),
    Probe("duplicate-answer", ["run", *hostile("duplicate", FIRST_CASE)]),
    Probe("late-answer", ["run", *hostile("late", LAST_DECODE), "--family", "token"]),
    Probe("hostile-text", ["run", *hostile("hostile_text"), "--family", "rtc2",
                           "--markdown", "{work}/r.md"]),
    Probe("report-missing-dir", ["run", "-q", "--report-json", "{work}/no/such/dir/r.json",
                                 "--junit", "{work}/r.xml"], report=False),
    Probe("report-dev-full", ["run", "-q", "--report-json", "/dev/full",
                              "--junit", "{work}/r.xml"], report=False),
    Probe("report-is-a-directory", ["run", "-q", "--markdown", "{work}",
                                    "--junit", "{work}/r.xml"], report=False),
    Probe("xfail-bad-date", ["run", "--xfail", "{work}/x.yaml"],
          setup=write("x.yaml", XFAIL % b"2027-02-30")),
    Probe("xfail-datetime", ["run", "--xfail", "{work}/x.yaml"],
          setup=write("x.yaml", XFAIL % b"2027-01-31 10:00:00")),
    Probe("registry-unbalanced-quote", ["matrix", "--registry", "{work}/adapters/r.yaml"],
          report=False, setup=write("adapters/r.yaml", REGISTRY % (b"p", b"\"'unbalanced\""))),
    Probe("registry-bad-date", ["matrix", "--registry", "{work}/adapters/r.yaml"],
          report=False, setup=write("adapters/r.yaml", REGISTRY % (b"2027-02-30", b"x"))),
    Probe("registry-not-utf8", ["matrix", "--registry", "{work}/adapters/r.yaml"],
          report=False, setup=write("adapters/r.yaml", REGISTRY % (b"\xff\xfe", b"x"))),
    Probe("credentials-malformed", ["lint", "--vectors", "{work}/vectors"], report=False,
          setup=edit("_credentials.yaml", "credentials:\n", "credentials:\n  - 5\n")),
    Probe("ids-not-utf8", ["regen", "--check", "--vectors", "{work}/vectors"], report=False,
          setup=edit("_ids.txt", "at1-uid\n", b"at1-uid\n\xff\n")),
    Probe("yaml-merge-key", ["run", "--vectors", "{work}/vectors"], report=False,
          setup=edit("access_token2/rtc_build_token_with_uid.yaml",
                     "defaults:\n  args:\n", "defaults:\n  args: &a\n    <<: {}\n")),
    Probe("command-unbalanced-quote", ["run", "--command", "'unbalanced"], report=False),
    Probe("timeout-nan", ["run", "--command", command(sys.executable, "-m",
                                                      "conformance.reference_testee"),
                          "--timeout", "nan"], report=False),
    Probe("window-nan", ["run", "--window", "nan", "--verify"], report=False),
]


def run_probe(probe: Probe, work: Path, cap: float) -> Outcome:
    """Run one probe in ``work`` (a fresh directory), killing it after ``cap`` seconds."""
    if probe.setup is not None:
        probe.setup(work)
    args = [a.replace("{work}", str(work)) for a in probe.args]
    report = work / "report.json"
    if probe.report and args[0] == "run":
        args += ["--report-json", str(report)]
    env = {**os.environ, **{k: v.replace("{work}", str(work)) for k, v in probe.env.items()}}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTEES), str(ROOT), env.get("PYTHONPATH", "")])
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "conformance", *args, "--no-progress"]
                            if args[0] == "run" else [sys.executable, "-m", "conformance", *args],
                            cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=cap)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        code = None
    seconds = time.monotonic() - t0
    data = None
    if report.is_file():
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except ValueError:
            data = None
    results = len(data["cases"]) if isinstance(data, dict) else None
    return Outcome(code, results, seconds, out.decode("utf-8", "replace"),
                   err.decode("utf-8", "replace"), data)


def main(argv: list[str]) -> int:
    import tempfile

    cap = 120.0
    if argv[:1] == ["--cap"]:
        cap, argv = float(argv[1]), argv[2:]
    chosen = [p for p in PROBES if not argv or p.name in argv]
    print("| probe | exit code | results | wall time (s) | last stderr line |")
    print("|---|---:|---:|---:|---|")
    for probe in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            got = run_probe(probe, Path(tmp), cap)
        code = "killed at cap" if got.code is None else str(got.code)
        last = (got.stderr.strip().splitlines() or [""])[-1][:100].replace("|", "\\|")
        print(f"| {probe.name} | {code} | {got.results if got.results is not None else '-'} "
              f"| {got.seconds:.1f} | {last!r} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
