"""Lazy imports: the lazy doors list every public name once, and a command imports what it uses."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

LAZY_DOORS = ("conformance.vectors", "conformance.compare", "conformance.reports")


@pytest.mark.parametrize("door", LAZY_DOORS)
def test_a_lazy_door_serves_every_public_name(door: str) -> None:
    module = importlib.import_module(door)
    assert sorted(module._EXPORTS) == sorted(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None


@pytest.mark.parametrize(("command", "absent"), [
    ("run", ("jsonschema", "hypothesis", "conformance.vectors.regen",
             "conformance.vectors.lint_rules", "conformance.differential")),
    ("inspect", ("yaml", "jsonschema", "conformance.vectors", "conformance.compare")),
])
def test_a_command_imports_only_what_it_uses(command: str, absent: tuple[str, ...]) -> None:
    code = (f"import sys; from conformance.cli import build_parser; build_parser({command!r}); "
            f"print(sorted(m for m in {absent!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
