"""pytest entry point of agora-token-conformance: adds the --agora-* options, nothing else.

Registered under a name no project uses (``agora_conformance_pytest``), and it imports the
suite (package ``conformance``) only when ``--agora-command`` or ``--agora-builder`` is given,
so installing the suite never changes how another project's tests run.
"""

from __future__ import annotations

import pytest

SUITE_PLUGIN = "conformance.pytest_plugin"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("agora", "agora-token-conformance (one test item per vector)")
    group.addoption("--agora-command", metavar='"PROGRAM ARGS"',
                    help="run the vectors against a JSON-lines testee program (POSIX)")
    group.addoption("--agora-builder", metavar="python:MODULE:OBJECT",
                    help="run the vectors against an in-process Python builder")
    group.addoption("--agora-one-shot", action="store_true",
                    help="with --agora-command: one process per case")
    group.addoption("--agora-vectors", metavar="DIR", help="vector directory (default: bundled)")
    group.addoption("--agora-xfail", metavar="FILE", help="expected-failures file (YAML)")
    group.addoption("--agora-timeout", type=float, default=10.0, metavar="SECONDS",
                    help="per-case timeout of a testee program (default 10)")
    group.addoption("--agora-startup-timeout", type=float, default=30.0, metavar="SECONDS",
                    help="time allowed for the testee's hello, once per session (default 30)")
    group.addoption("--agora-verify", action="store_true",
                    help="verify mode for every builder with a salt or clock")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("agora_command") or config.getoption("agora_builder"):
        config.pluginmanager.import_plugin(SUITE_PLUGIN)
