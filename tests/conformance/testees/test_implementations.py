"""The adapter registry loader: placeholders, absolute paths, and what-is-missing messages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance.testees import RegistryError, load_not_driven, load_registry

ROOT = Path(__file__).resolve().parents[3]


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "adapters").mkdir(exist_ok=True)
    path = tmp_path / "adapters" / "registry.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_command_placeholders_and_paths_are_resolved(tmp_path: Path) -> None:
    path = _write(tmp_path, "implementations:\n"
                  "  - {name: a, command: '{python} adapters/a/adapter.py --flag',\n"
                  "     expected_failures: adapters/a/xf.yaml}\n")
    (impl,) = load_registry(path)
    assert impl.argv() == [sys.executable, str(tmp_path / "adapters/a/adapter.py"), "--flag"]
    assert impl.xfail_path() == tmp_path / "adapters/a/xf.yaml"


@pytest.mark.parametrize(
    ("requires", "message"),
    [
        ("[no-such-tool-xyz]", "toolchain 'no-such-tool-xyz' not found on PATH"),
        ("['python:no_such_module_xyz']", "Python package no_such_module_xyz is not installed"),
        ("[adapters/missing/bin]", "adapters/missing/bin is missing (run bash adapters/install"),
    ],
)
def test_missing_names_what_is_missing(tmp_path: Path, requires: str, message: str) -> None:
    path = _write(tmp_path, "implementations:\n"
                  f"  - {{name: a, command: x, expected_failures: e.yaml, requires: {requires}}}\n")
    (impl,) = load_registry(path)
    missing = impl.missing()
    assert missing is not None and message in missing and missing.startswith("a: ")


def test_empty_command_is_not_runnable(tmp_path: Path) -> None:
    path = _write(tmp_path, "implementations:\n"
                  "  - {name: a, command: '', expected_failures: e.yaml}\n")
    assert "no command configured" in (load_registry(path)[0].missing() or "")


def test_bad_entry_names_file_entry_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "implementations:\n  - {name: a, expected_failures: e.yaml}\n")
    with pytest.raises(RegistryError, match=r"registry.yaml: entry 1: field command"):
        load_registry(path)


def test_the_committed_registry_lists_the_node_and_python_adapters() -> None:
    names = {i.name for i in load_registry(ROOT / "adapters" / "registry.yaml")}
    assert {"node-agora-token", "node-agora-access-token", "python-agoraiotools",
            "python-agora-token-builder"} <= names
    for impl in load_registry(ROOT / "adapters" / "registry.yaml"):
        assert impl.xfail_path().exists(), f"{impl.name}: {impl.expected_failures} is missing"


def test_ports_without_an_adapter_are_listed_apart(tmp_path: Path) -> None:
    path = _write(tmp_path, "implementations: []\nnot_driven:\n"
                  "  - {name: up-cs, package: upstream csharp @ x, language: c#,\n"
                  "     reason: no .NET SDK here}\n")
    (port,) = load_not_driven(path)
    assert (port.name, port.package, port.reason) == ("up-cs", "upstream csharp @ x",
                                                      "no .NET SDK here")
    assert load_registry(path) == []  # never an implementation the runner could start
    assert load_not_driven(_write(tmp_path, "implementations: []\n")) == []
    bad = _write(tmp_path, "implementations: []\nnot_driven:\n  - {name: up-cs}\n")
    with pytest.raises(RegistryError, match=r"not_driven entry 1: field package"):
        load_not_driven(bad)


def test_the_committed_registry_says_why_csharp_dart_and_deno_are_not_run() -> None:
    ports = {p.name: p for p in load_not_driven(ROOT / "adapters" / "registry.yaml")}
    assert set(ports) == {"upstream-csharp", "upstream-dart", "upstream-deno"}
    docs = (ROOT / "docs" / "adapters.md").read_text(encoding="utf-8")
    for port in ports.values():
        assert "no adapter" in port.reason and port.package.endswith("@ da06bfb")
        section = port.reason.split('"')[1]  # the docs section the reason points to
        assert f"### {section}" in docs, section
    runnable = {i.name for i in load_registry(ROOT / "adapters" / "registry.yaml")}
    assert not set(ports) & runnable
