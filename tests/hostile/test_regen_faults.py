"""`regen` stopped at every step of its writing (killed, or the disk full) leaves the old tree
or the new one, never a mix; the next load finishes a committed write."""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import pytest
from _probes import ROOT
from test_hostile_files import snapshot

from conformance.cli import main
from conformance.vectors import load_vectors

# A small vector set: regen rewrites every one of these (their clock moves by a second).
FILES = ("access_token2/rtc_build_token_with_uid.yaml", "access_token2/fpa_build_token.yaml",
         "access_token2/chat_build_user_token.yaml")
KEPT = ("_credentials.yaml", "_ids.txt", "manifest.json")


def small_vectors(root: Path) -> Path:
    vectors = root / "vectors"
    for rel in (*FILES, *KEPT):
        (vectors / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "vectors" / rel, vectors / rel)
    for rel in FILES:
        path = vectors / rel
        text = path.read_text(encoding="utf-8")
        assert "\n  now: 1111111\n" in text
        path.write_text(text.replace("\n  now: 1111111\n", "\n  now: 1111112\n", 1),
                        encoding="utf-8")
    return vectors


class Fault(Exception):
    pass


@contextmanager
def steps(on_step: Callable[[int], None]) -> Iterator[list[int]]:
    """Call ``on_step(n)`` before every write, fsync, rename or replace (n = 1, 2, ...)."""
    count = [0]

    def step() -> None:
        count[0] += 1
        on_step(count[0])

    real_open = builtins.open

    class Writer:
        def __init__(self, file: Any) -> None:
            self._file = file

        def write(self, data: Any) -> int:
            step()
            return int(self._file.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self._file, name)

        def __enter__(self) -> Writer:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

    def opener(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return Writer(handle) if any(c in mode for c in "wax+") else handle

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            step()
            return func(*args, **kwargs)
        return wrapped

    patches = [(builtins, "open", opener), (io, "open", opener)]
    patches += [(os, name, wrap(getattr(os, name))) for name in ("fsync", "replace", "rename")]
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, value in patches:
        setattr(obj, name, value)
    try:
        yield count
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


def regen(vectors: Path) -> int:
    with redirect_stderr(io.StringIO()):
        return main(["regen", "--vectors", str(vectors)])


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], int]:
    """(old tree, new tree, the number of writing steps of a full regen)."""
    vectors = small_vectors(tmp_path_factory.mktemp("full"))
    old = snapshot(vectors)
    with steps(lambda n: None) as count:
        assert regen(vectors) == 0
    new = snapshot(vectors)
    assert new != old and count[0] >= len(FILES)
    return old, new, count[0]


def test_regen_killed_at_every_step(tmp_path: Path,
                                    trees: tuple[dict[str, str], dict[str, str], int]) -> None:
    old, new, total = trees
    for kill_at in range(1, total + 1):
        vectors = small_vectors(tmp_path / f"k{kill_at}")
        pid = os.fork()
        if pid == 0:  # the child dies at that step, with no clean-up at all
            code = 3
            try:
                def die(n: int) -> None:
                    if n == kill_at:  # noqa: B023 - the child runs one iteration only
                        os._exit(9)
                with steps(die):
                    code = regen(vectors)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) in (0, 9)
        load_vectors(vectors)  # a reader finishes a committed write, or drops a staged one
        assert snapshot(vectors) in (old, new), f"killed at step {kill_at} of {total}: a mix"


def test_regen_on_a_full_disk_at_every_step(
        tmp_path: Path, trees: tuple[dict[str, str], dict[str, str], int]) -> None:
    old, new, total = trees
    for fail_at in range(1, total + 1):
        vectors = small_vectors(tmp_path / f"f{fail_at}")

        def full(n: int) -> None:
            if n == fail_at:  # noqa: B023 - used within this iteration only
                raise OSError(errno.ENOSPC, "No space left on device")

        err = io.StringIO()
        with steps(full), redirect_stderr(err):
            code = main(["regen", "--vectors", str(vectors)])
        load_vectors(vectors)
        tree = snapshot(vectors)
        assert tree in (old, new), f"disk full at step {fail_at} of {total}: a mix"
        if tree == old:
            assert code == 2 and "No space left" in err.getvalue()
            lines = err.getvalue().strip().splitlines()  # the vector directory named, the error
            assert len(lines) == 2 and "vectors: " in lines[0] and "No space left" in lines[1]
