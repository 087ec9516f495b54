"""The adapter registry (``adapters/registry.yaml``): implementations, commands, availability.

Running one through the vectors is ``compare.run.run_implementation``."""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class RegistryError(ValueError):
    """An unusable registry file; the message names the file, entry and field."""


@dataclass(frozen=True)
class Implementation:
    name: str
    package: str
    language: str
    command: str  # as written, with {python} / {node} / {upstream} placeholders
    expected_failures: str  # path relative to the registry's root
    requires: tuple[str, ...]
    root: Path  # the repository root the paths are relative to

    def argv(self) -> list[str]:
        """The command line with placeholders resolved and paths made absolute.

        ``{node}`` runs node without ``NODE_EXTRA_CA_CERTS``: adapters never use the network,
        and loading the extra certificates doubles node's start-up (docs/performance.md §3.3).
        """
        node = shutil.which("node") or "node"
        command = self.command.replace("{upstream}", str(upstream_root() or "{upstream}"))
        words = shlex.split(command.replace("{python}", "@PY@").replace("{node}", "@NODE@"))
        env = shutil.which("env")
        if words and words[0] == "@NODE@" and env and os.environ.get("NODE_EXTRA_CA_CERTS"):
            words[:0] = [env, "-u", "NODE_EXTRA_CA_CERTS"]
        out = []
        for word in words:
            word = word.replace("@PY@", sys.executable).replace("@NODE@", node)
            if word.startswith("adapters/"):
                word = str(self.root / word)
            out.append(word)
        return out

    def xfail_path(self) -> Path:
        return self.root / self.expected_failures

    def missing(self) -> str | None:
        """Why the implementation cannot run here (naming what is missing), or None."""
        if not self.command.strip():
            return f"{self.name}: no command configured in the registry"
        for need in self.requires:
            if need.startswith("upstream:"):
                problem = _missing_upstream(need.split(":", 1)[1])
                if problem:
                    return f"{self.name}: {problem}"
            elif need.startswith("python:"):
                module = need.split(":", 1)[1]
                if importlib.util.find_spec(module) is None:
                    return (f"{self.name}: Python package {module} is not installed "
                            "(pip install -r adapters/python/requirements.txt)")
            elif "/" in need:
                if not (self.root / need).exists():
                    return f"{self.name}: {need} is missing (run bash adapters/install.sh)"
            elif shutil.which(need) is None:
                return f"{self.name}: toolchain {need!r} not found on PATH"
        return None


UPSTREAM_ENV = "AGORA_UPSTREAM"


def upstream_root() -> Path | None:
    """The folder of upstream AgoraDynamicKey snapshots named by ``$AGORA_UPSTREAM``, if set."""
    value = os.environ.get(UPSTREAM_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else None


def _missing_upstream(relative: str) -> str | None:
    """Why the upstream source folder ``relative`` (under ``$AGORA_UPSTREAM``) is not usable."""
    root = upstream_root()
    if root is None:
        return (f"upstream sources not configured: set {UPSTREAM_ENV} to a folder holding "
                f"{relative} (snapshots of AgoraIO/Tools DynamicKey/AgoraDynamicKey; "
                "docs/adapters.md says how to point an adapter at your own checkout)")
    if not (root / relative).is_dir():
        return f"upstream source folder {root / relative} does not exist ({UPSTREAM_ENV}={root})"
    return None


def _entry(raw: Any, index: int, path: Path, root: Path) -> Implementation:
    where = f"{path}: entry {index}"
    if not isinstance(raw, Mapping):
        raise RegistryError(f"{where}: expected a mapping")
    for name in ("name", "command", "expected_failures"):
        if not isinstance(raw.get(name), str):
            raise RegistryError(f"{where}: field {name}: required, a string")
    requires = raw.get("requires") or []
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise RegistryError(f"{where}: field requires: expected a list of strings")
    try:
        shlex.split(raw["command"])
    except ValueError as exc:
        raise RegistryError(f"{where}: field command: {exc}") from None
    return Implementation(raw["name"], str(raw.get("package", "")), str(raw.get("language", "")),
                          raw["command"], raw["expected_failures"], tuple(requires), root)


def _section(path: Path, name: str, required: bool) -> list[Any]:
    """The list under the registry's top-level key ``name`` (empty when optional and absent)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not YAML: {' '.join(str(exc).split())}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. a date 2027-02-30
        raise RegistryError(f"{path}: a value YAML cannot read: {exc}") from None
    items = data.get(name) if isinstance(data, Mapping) else None
    if items is None and not required:
        return []
    if not isinstance(items, list):
        raise RegistryError(f"{path}: field {name}: expected a list")
    return items


def load_registry(path: str | Path) -> list[Implementation]:
    """Every implementation in the registry, in file order (paths relative to the repo root)."""
    path = Path(path)
    items = _section(path, "implementations", required=True)
    root = path.resolve().parent.parent
    return [_entry(raw, i, path, root) for i, raw in enumerate(items, 1)]


@dataclass(frozen=True)
class NotDriven:
    """A port the suite knows of but has no adapter for (no toolchain where it runs)."""

    name: str
    package: str
    language: str
    reason: str  # why it is not run, and where the docs sketch how to drive it


def load_not_driven(path: str | Path) -> list[NotDriven]:
    """The registry's ``not_driven`` entries, in file order (none when the section is absent)."""
    path = Path(path)
    found = []
    for index, raw in enumerate(_section(path, "not_driven", required=False), 1):
        fields = ("name", "package", "language", "reason")
        bad = next((f for f in fields if not isinstance(raw, Mapping)
                    or not isinstance(raw.get(f), str)), None)
        if bad:
            raise RegistryError(f"{path}: not_driven entry {index}: field {bad}: "
                                "required, a string")
        found.append(NotDriven(*(raw[f] for f in fields)))
    return found
