"""A cache of parsed and validated vector files, keyed by a digest of what they were made from.

Parsing the YAML and validating it against the JSON Schema cost most of a ``run`` (about 0.3 s
for the bundled set, plus 0.1 s importing jsonschema); the files change rarely. An entry holds
the parsed data of every file of a set that passed validation and the unique-id check. Its key
is a SHA-256 over the set digest (the one ``manifest.json`` records for the bundled set,
recomputed from every file's content for the bundled set and user directories alike: nothing
is trusted by name or mtime), the vector-file schema, the PyYAML and Python versions and this
format's version, so an edited file, schema or loader is a miss. An entry carries the SHA-256
of its own payload: one that is truncated, corrupt, written for another key or unreadable is
ignored (a miss) and rewritten, never trusted. The payload is ``marshal`` data (plain dicts,
lists and scalars: nothing is imported or run to read it).

Where: ``$AGORA_CONFORMANCE_CACHE`` (``off`` disables the cache), else
``$XDG_CACHE_HOME/agora-conformance``, else ``~/.cache/agora-conformance``. Writing is best
effort: a read-only or missing home just means no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMAT = 1
_MAGIC = b"agora-conformance vector cache "
ENV = "AGORA_CONFORMANCE_CACHE"


def cache_dir() -> Path | None:
    """The cache directory, or None when ``AGORA_CONFORMANCE_CACHE=off``."""
    configured = os.environ.get(ENV)
    if configured:
        return None if configured.lower() in ("off", "0", "no", "false") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "agora-conformance"


def key(set_digest: str, schema: bytes, yaml_version: str) -> str:
    """The entry key: what the parsed, validated data depends on."""
    h = hashlib.sha256()
    for part in (f"{FORMAT}", set_digest, hashlib.sha256(schema).hexdigest(), yaml_version,
                 f"{sys.version_info[0]}.{sys.version_info[1]}"):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _path(entry_key: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"vectors-{entry_key[:40]}.cache"


def load(entry_key: str, count: int) -> list[Any] | None:
    """The parsed data of the ``count`` files of the entry ``entry_key``; None on any doubt."""
    path = _path(entry_key)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
        header, _, payload = raw.partition(b"\n")
        if header != _MAGIC + hashlib.sha256(payload).hexdigest().encode():
            return None
        stored_key, data = marshal.loads(payload)
    except Exception:  # unreadable, truncated or foreign: a miss, whatever went wrong
        return None
    if stored_key != entry_key or not isinstance(data, list) or len(data) != count:
        return None
    return data


def store(entry_key: str, data: Sequence[Any]) -> None:
    """Write an entry (atomically); data that marshal cannot hold, or any OS error, is skipped."""
    path = _path(entry_key)
    if path is None:
        return
    try:
        payload = marshal.dumps((entry_key, list(data)))
    except ValueError:  # e.g. a YAML timestamp: not plain data, not cached
        return
    blob = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".vectors-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return
