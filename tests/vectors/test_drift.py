"""Drift gate: the committed vectors are exactly what `agora-conformance regen` writes."""

from __future__ import annotations

import json

import pytest

from conformance.cli import main
from conformance.paths import default_vectors_dir
from conformance.vectors import load_vectors
from conformance.vectors import regen as _regen


def test_regen_check_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    changes = _regen.plan()
    assert not changes, "vectors drifted from the reference; run `agora-conformance regen`:\n" + \
        "".join(c.diff() for c in changes)[:4000]
    assert main(["regen", "--check"]) == 0
    assert capsys.readouterr().out == ""


def test_manifest_digest_is_the_loaders_digest() -> None:
    manifest = json.loads((default_vectors_dir() / "manifest.json").read_text(encoding="utf-8"))
    vs = load_vectors()
    assert manifest["digest"] == vs.digest
    assert manifest["cases"] == len(vs.cases)
    assert [f["path"] for f in manifest["files"]] == [f.path for f in vs.files]
