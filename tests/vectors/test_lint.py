"""Every lint rule passes on the bundled vector set (schema, ids, layout, credentials, values)."""

from __future__ import annotations

from types import ModuleType

import pytest

from conformance.vectors import LintContext, load_vectors, rule_modules
from conformance.vectors.lint_rules import load_context, run_rule


@pytest.fixture(scope="module")
def context() -> LintContext:
    return load_context()


@pytest.mark.parametrize("module", rule_modules(), ids=lambda m: str(m.NAME))
def test_rule_is_clean_on_the_bundled_set(module: ModuleType, context: LintContext) -> None:
    problems = [str(p) for p in run_rule(module, context)]
    assert not problems, "\n".join(problems[:20])


def test_bundled_set_validates_strictly() -> None:
    vs = load_vectors()
    assert len(vs.cases) >= 300
    assert vs.digest.startswith("sha256:")
