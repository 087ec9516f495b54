"""``vectors/manifest.json``: the digest of the vector set, per-file hashes and case counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from conformance.vectors.load import VectorFile, set_digest

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "agora-token-conformance/vectors-manifest/v1"


def manifest_data(files: Iterable[VectorFile]) -> dict[str, Any]:
    """The manifest for a set of vector files (already in path order)."""
    files = list(files)
    families = Counter(case.family for vf in files for case in vf.cases)
    return {
        "schema": MANIFEST_SCHEMA,
        "digest": set_digest((vf.path, vf.sha256) for vf in files),
        "cases": sum(len(vf.cases) for vf in files),
        "families": dict(sorted(families.items())),
        "token_zlib": "007 token strings from classic zlib, level 6, one Z_FINISH "
                      "(docs/formats.md §2.6)",
        "files": [
            {"path": vf.path, "sha256": vf.sha256, "cases": len(vf.cases)} for vf in files
        ],
    }


def manifest_text(files: Iterable[VectorFile]) -> str:
    """Byte-stable JSON text of the manifest."""
    return json.dumps(manifest_data(files), indent=2, ensure_ascii=False) + "\n"
