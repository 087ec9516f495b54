"""Rewrite every machine-written ``expect:`` block from the reference, keeping all other text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from conformance.output import write_tree
from conformance.paths import default_vectors_dir
from conformance.vectors.expect import owned_by_regen, written_expect
from conformance.vectors.id_ledger import LEDGER_NAME, ledger_text, read_ledger
from conformance.vectors.layout import check_layout, replace_expects
from conformance.vectors.load import VectorFile, load_vectors, parse_file
from conformance.vectors.manifest import MANIFEST_NAME, manifest_text
from conformance.vectors.yaml_emit import emit_mapping

EXPECT_INDENT = 6


@dataclass(frozen=True)
class Change:
    """One file whose regenerated text differs from the text on disk."""

    path: str  # relative to the vector directory
    old: str
    new: str

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.old.splitlines(keepends=True), self.new.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
        ))


def regenerate_file(vf: VectorFile) -> str:
    """The file's text with every regen-owned case's expect block recomputed."""
    owned = [case for case in vf.cases if owned_by_regen(case.source)]
    if not owned:
        return vf.text
    spans = check_layout(vf.text, vf.path, [case.id for case in vf.cases])
    blocks = {c.id: emit_mapping(written_expect(c), EXPECT_INDENT) for c in owned}
    return replace_expects(vf.text, spans, blocks)


def plan(directory: Path | None = None) -> list[Change]:
    """Every change regen would make (vector files, id ledger, manifest); raises VectorError."""
    directory = Path(directory) if directory is not None else default_vectors_dir()
    vs = load_vectors(directory, validate=False)
    changes: list[Change] = []
    new_files: list[VectorFile] = []
    for vf in vs.files:
        text = regenerate_file(vf)
        if text == vf.text:
            new_files.append(vf)
        else:
            changes.append(Change(vf.path, vf.text, text))
            new_files.append(parse_file(text, vf.path, vf.abspath, validate=False))
    names = [n for vf in new_files for c in vf.cases for n in (c.id, *c.aliases)]
    generated = {
        LEDGER_NAME: ledger_text(read_ledger(directory), names),
        MANIFEST_NAME: manifest_text(new_files),
    }
    for name, new in generated.items():
        path = directory / name
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        if new != old:
            changes.append(Change(name, old, new))
    return changes


def apply(directory: Path | None, changes: list[Change]) -> None:
    """Write the planned changes all or nothing: interrupted at any point (killed, disk full),
    the tree is the old one or, once the next load finishes the journal, the new one
    (``OSError`` when writing failed; the old tree then stands)."""
    directory = Path(directory) if directory is not None else default_vectors_dir()
    write_tree(directory, {change.path: change.new for change in changes})
