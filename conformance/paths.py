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
