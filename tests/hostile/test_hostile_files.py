"""Writes are all-or-nothing and hostile text stays text in the files the suite writes."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from _probes import ROOT, TESTEES, copy_vectors

EVIL_BITS = ("\x1b", "\r", "\x07")


def _env() -> dict[str, str]:
    return {**os.environ,
            "PYTHONPATH": os.pathsep.join([str(TESTEES), str(ROOT),
                                           os.environ.get("PYTHONPATH", "")])}


def _cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "conformance", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, check=False)


def test_fuzz_candidates_keep_testee_text_inside_comments(tmp_path: Path) -> None:
    from testees.hostile_builders import HOSTILE_TEXT

    from conformance.differential import run_fuzz, write_candidates
    from conformance.testees import InProcessTestee

    result = run_fuzz(InProcessTestee(HOSTILE_TEXT), examples=2, seed=0,
                      only=["fpa2.build_token"])
    assert len(result.findings) == 1
    (candidate,) = write_candidates(result, tmp_path)
    text = candidate.read_text(encoding="utf-8")
    assert not any(bit in text for bit in EVIL_BITS)
    data = yaml.safe_load(text)
    assert set(data) == {"schema", "family", "builder", "source", "description", "cases"}
    assert "injected" not in data and all("injected" not in key for key in data["cases"][0])
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("evil\\ninjected" in line for line in comments)  # shown escaped, in a comment


# ------------------------------------------------------------ regen: old tree or new tree


def snapshot(directory: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``directory``."""
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()
            and "__pycache__" not in p.parts}


def perturbed_vectors(work: Path) -> Path:
    """A copy of the vectors whose generated expectations are all out of date (the clock of
    every file that sets one moves by a second), so regen rewrites many files."""
    vectors = copy_vectors(work)
    for path in sorted(vectors.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "\n  now: 1111111\n" in text:
            path.write_text(text.replace("\n  now: 1111111\n", "\n  now: 1111112\n", 1),
                            encoding="utf-8")
    return vectors


def test_regen_killed_at_random_points_leaves_the_old_or_the_new_tree(tmp_path: Path) -> None:
    base = perturbed_vectors(tmp_path / "base")
    old = snapshot(base)
    done = _cli("regen", "--vectors", str(base), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    new = snapshot(base)
    assert new != old
    rng = random.Random(11)
    for attempt in range(6):
        work = tmp_path / f"kill{attempt}"
        work.mkdir()
        vectors = perturbed_vectors(work)
        assert snapshot(vectors) == old
        t0 = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "conformance", "regen", "--vectors",
                                 str(vectors)], cwd=work, env=_env(), start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert time.monotonic() - t0 < 60
        check = _cli("regen", "--check", "--vectors", str(vectors), cwd=work)
        assert check.returncode in (0, 1), check.stderr
        assert snapshot(vectors) in (old, new), f"attempt {attempt}: a mixed tree"
