"""All-or-nothing file writes: one file by temp file, fsync and rename; a tree by staging."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

STAGING = ".regen-staging"  # a tree write's new files, below the tree's root
COMMITTED = "committed.json"  # in STAGING: the files to move into place (the commit point)


def _mode_for(path: Path) -> int:
    """The permission bits the file has now, or those a new file gets under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform or filesystem can
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, mode)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text as UTF-8) so that readers see the old file or the
    new one, never a part: a temporary file beside it, fsync, rename. A target that exists
    and is not a regular file (``/dev/stdout``, a pipe) is written in place; ``OSError`` on
    any failure, and the old file is left as it was."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "wb") as out:
            out.write(raw)
        return
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _write_synced(Path(tmp), raw, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_tree(directory: Path, files: Mapping[str, str]) -> None:
    """Write several files below ``directory`` all or nothing: every new text is staged and
    synced in ``STAGING``, then the list of them is committed (one atomic write), then they
    are moved over their targets and the staging folder removed. Interrupted before the
    commit, the old tree stands; after it, :func:`recover` (run by every load) finishes."""
    recover(directory)
    staging = directory / STAGING
    try:
        for rel, text in files.items():
            staged = staging / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            _write_synced(staged, text.encode("utf-8"), _mode_for(directory / rel))
        staging.mkdir(exist_ok=True)
        write_atomic(staging / COMMITTED, json.dumps(sorted(files)) + "\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    recover(directory)


def recover(directory: Path) -> None:
    """Finish a committed tree write, or drop an uncommitted one (cheap when there is none:
    one ``stat``). ``OSError`` or ``ValueError`` when the staging folder is unusable."""
    staging = directory / STAGING
    if not staging.is_dir():
        return
    committed = staging / COMMITTED
    if committed.is_file():
        names = json.loads(committed.read_text(encoding="utf-8"))
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"{committed}: not a list of file names")
        for rel in names:
            staged = staging / rel
            if staged.exists():
                os.replace(staged, directory / rel)
        for parent in {(directory / rel).parent for rel in names}:
            _fsync_dir(parent)
    shutil.rmtree(staging)
    _fsync_dir(directory)
