"""Where the bundled vectors and JSON Schemas are, in a checkout or an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def default_vectors_dir() -> Path:
    """The golden vector directory shipped with the package (``vectors/`` in a checkout).

    A checkout that is not pip-installed has no ``agora_conformance_vectors`` package: its
    ``vectors/`` folder beside ``conformance/`` is the bundled set then.
    """
    try:
        return Path(str(resources.files("agora_conformance_vectors")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "vectors"


CHECKOUT_VECTORS = "vectors"
VECTOR_DIR_MARKER = "manifest.json"  # every vector directory has one (written by regen)


def working_vectors_dir(explicit: Path | None = None) -> tuple[Path, str]:
    """The vector directory a maintainer command works on, and why: ``explicit`` (--vectors),
    else ``./vectors`` when the current directory holds a vector directory, else the bundled
    set."""
    if explicit is not None:
        return Path(explicit), "--vectors"
    local = Path.cwd() / CHECKOUT_VECTORS
    if (local / VECTOR_DIR_MARKER).is_file():
        return local, "./vectors of the current directory"
    return default_vectors_dir(), "the bundled set"


def is_installed_package(directory: Path) -> bool:
    """True when ``directory`` lies inside an installed package (site- or dist-packages)."""
    return any(part in ("site-packages", "dist-packages") for part in directory.resolve().parts)


# Each JSON Schema lives in the room that owns the format it describes.
SCHEMA_ROOMS = {
    "vector-file.json": "conformance.vectors",
    "testee-protocol.json": "conformance.protocol",
    "run-report.json": "conformance.reports",
    "inspect-output.json": "conformance.inspect",
}


def schema_path(name: str) -> Path:
    """Path of a shipped JSON Schema: ``vector-file.json`` (in ``conformance/vectors``),
    ``testee-protocol.json`` (``conformance/protocol``), ``run-report.json``
    (``conformance/reports``) or ``inspect-output.json`` (``conformance/inspect``)."""
    return Path(str(resources.files(SCHEMA_ROOMS[name]) / name))
