"""Every command in a ```sh block of README.md and docs/*.md runs as written and exits 0.

Each command runs in a scratch directory that holds what the docs assume a reader has: a copy
of the vectors (maintainer commands), a Python port `my_port` (the reference, standing in),
`my-adapter.js`/`adapter.js`/`adapter.sh` testees, and the repository's `adapters/`. The
entry points `agora-conformance` and `pytest` run from this checkout. A command whose needs
are missing here (a toolchain, network, the installed adapters) is skipped naming them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)

# (pattern in the command, what it needs, whether that is available here)
NEEDS: tuple[tuple[str, str, bool], ...] = (
    (r"\bpip install\b", "network access and a throwaway environment (AGORA_DOCS_ALL=1)",
     bool(os.environ.get("AGORA_DOCS_ALL"))),
    (r"\btox\b", "tox and the adapter toolchains (AGORA_DOCS_ALL=1)",
     bool(os.environ.get("AGORA_DOCS_ALL"))),
    (r"\bnode\b", "node on PATH", shutil.which("node") is not None),
    (r"adapters/node-agora-token/adapter\.js", "adapters/install.sh node",
     (ROOT / "adapters/node-agora-token/node_modules/agora-token").is_dir()),
    (r"\bmatrix\b", "every adapter installed (adapters/install.sh)",
     bool(os.environ.get("AGORA_DOCS_ALL"))),
)

NODE_STANDIN = (
    "// stands in for the reader's adapter: the reference testee, started from node\n"
    "require('child_process').spawnSync(process.env.AGORA_PYTHON, "
    "['-m', 'conformance.reference_testee'], {stdio: 'inherit'})\n"
)


def commands() -> Iterator[object]:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for block in BLOCK.finditer(text):
            first = text[: block.start(1)].count("\n") + 1
            for offset, line in enumerate(block.group(1).splitlines()):
                command = line.split("  #", 1)[0].strip()
                if not command:
                    continue
                where = f"{doc.relative_to(ROOT)}:{first + offset}"
                missing = [need for pattern, need, ok in NEEDS
                           if re.search(pattern, command) and not ok]
                marks = [pytest.mark.skip(reason=f"needs {'; '.join(missing)}")] if missing else []
                yield pytest.param(command, id=where, marks=marks)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("reader")
    shutil.copytree(ROOT / "vectors", home / "vectors",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", home / "docs")
    (home / "adapters").symlink_to(ROOT / "adapters")
    port = home / "my_port"
    port.mkdir()
    (port / "__init__.py").write_text("")
    standin = "from conformance.reference_testee import REFERENCE as BUILDER\nTESTEE = BUILDER\n"
    (port / "adapter.py").write_text(standin)
    (port / "testee.py").write_text(standin)
    for name in ("my-adapter.js", "adapter.js"):
        (home / name).write_text(NODE_STANDIN)
    script = home / "adapter.sh"
    script.write_text('#!/bin/sh\nexec "$AGORA_PYTHON" -m conformance.reference_testee\n')
    script.chmod(0o755)
    return home


def as_run_here(command: str) -> list[str]:
    """The command with this checkout's entry points and interpreter."""
    words = shlex.split(command)
    # -P: like an installed console script, the current directory is not on sys.path
    python = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else [])]
    entry = {"agora-conformance": [*python, "-m", "conformance"],
             "pytest": [*python, "-m", "pytest", "-p", "agora_conformance_pytest"],
             "python": python, "python3": python}
    return [*entry.get(words[0], words[:1]), *words[1:]]


@pytest.mark.docs
@pytest.mark.parametrize("command", commands())
def test_documented_command_runs(command: str, scratch: Path) -> None:
    env = {**os.environ, "AGORA_PYTHON": sys.executable, "NO_COLOR": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    for part in command.split("&&"):
        argv = as_run_here(part.strip())
        done = subprocess.run(argv, cwd=scratch, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        assert done.returncode == 0, (
            f"{part.strip()!r} exited {done.returncode}\n{done.stdout[-2000:]}"
            f"\n{done.stderr[-2000:]}")
