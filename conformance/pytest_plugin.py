"""pytest collection of the golden vectors: a collector per vector file, an item per case.

Loaded by the ``agora_conformance_pytest`` entry point (which owns the ``--agora-*`` options)
only when ``--agora-command`` or ``--agora-builder`` is given. The vectors are collected like
any test files, so counts, ``--co``, ``-k``, deselection, ``-x``, ``--lf`` and pytest-xdist
behave as in any project. The testee starts once per session (per xdist worker), when the
first case runs; a testee that cannot start ends the session once, with exit code 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from conformance.compare import CaseResult, RunOptions, XfailError, load_xfail, run_cases
from conformance.protocol import Outcome
from conformance.testees import Testee, TesteeError, open_testee
from conformance.vectors import Case, VectorError, VectorFile, load_vectors

ROOT_NODE = "agora"  # node ids: agora/<vector file>::<case id>


class AgoraCaseFailure(Exception):
    """A case that did not pass; ``repr_failure`` shows the runner's own text."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(result.detail)
        self.result = result


class AgoraSession:
    """The vectors, the expected failures and the (lazily started) testee of one session."""

    def __init__(self, config: pytest.Config) -> None:
        self.option = config.getoption
        try:
            self.vectors = load_vectors(self.option("agora_vectors"))
            path = self.option("agora_xfail")
            self.xfail = load_xfail(path) if path else None
        except (VectorError, XfailError) as exc:
            raise pytest.UsageError(str(exc)) from None
        self.options = RunOptions(verify=self.option("agora_verify"))
        self.testee: Testee | None = None

    def started_testee(self) -> Testee:
        """The session's testee, started on first use; ends the session if it cannot start."""
        if self.testee is None:
            try:
                self.testee = open_testee(
                    builder=self.option("agora_builder"), command=self.option("agora_command"),
                    one_shot=self.option("agora_one_shot"), timeout=self.option("agora_timeout"),
                    startup_timeout=self.option("agora_startup_timeout"))
                self.testee.start()
            except TesteeError as exc:
                pytest.exit(f"agora-conformance: the testee cannot start: {exc}", returncode=2)
        return self.testee

    def run_one(self, case: Case) -> CaseResult:
        run = run_cases(self.started_testee(), [case], options=self.options, xfail=self.xfail,
                        known_ids=[case.id])
        return run.results[0]

    def problems(self) -> list[str]:
        """Expected-failures entries that are expired or match no case."""
        if self.xfail is None:
            return []
        known = [n for c in self.vectors.cases for n in (c.id, *c.aliases)]
        return self.xfail.problems(known, {}, dt.date.today())

    def close(self) -> None:
        if self.testee is not None:
            self.testee.close()


_SESSION = pytest.StashKey[AgoraSession]()


def _marker(tag: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in tag)


class AgoraItem(pytest.Item):
    """One golden vector case."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        for tag in case.tags:
            self.add_marker(_marker(tag), append=True)

    def runtest(self) -> None:
        result = self.config.stash[_SESSION].run_one(self.case)
        if result.outcome is Outcome.PASS:
            return
        if result.outcome is Outcome.UNSUPPORTED:
            pytest.skip(f"unsupported: {result.detail}")
        if result.outcome is Outcome.XFAIL:
            pytest.xfail(f"{result.xfail_reason}: {result.detail}")
        raise AgoraCaseFailure(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str | Any:
        if isinstance(excinfo.value, AgoraCaseFailure):
            return excinfo.value.result.text()
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        path = self.config.stash[_SESSION].vectors.directory / self.case.file
        return path, (self.case.line - 1 if self.case.line else None), f"vector {self.case.id}"


class AgoraProblems(pytest.Item):
    """Stale entries of the expected-failures file (expired, or matching no case)."""

    def __init__(self, *, problems: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        raise AssertionError("\n".join(self.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        return "\n".join(self.problems)


class AgoraVectorFile(pytest.Collector):
    """The cases of one vector file."""

    def __init__(self, *, vector_file: VectorFile, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.vector_file = vector_file

    def collect(self) -> list[pytest.Item]:
        return [AgoraItem.from_parent(self, name=case.id, case=case)
                for case in self.vector_file.cases]


class AgoraVectors(pytest.Collector):
    """Every vector file, and the expected-failures file's problems."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        session = self.config.stash[_SESSION]
        nodes: list[pytest.Item | pytest.Collector] = [
            AgoraVectorFile.from_parent(self, name=vf.path, nodeid=f"{ROOT_NODE}/{vf.path}",
                                        vector_file=vf)
            for vf in session.vectors.files]
        problems = session.problems()
        if problems:
            nodes.append(AgoraProblems.from_parent(self, name="expected-failures-file",
                                                   problems=problems))
        return nodes


def pytest_configure(config: pytest.Config) -> None:
    session = AgoraSession(config)
    config.stash[_SESSION] = session
    for tag in sorted({_marker(t) for c in session.vectors.cases for t in c.tags}):
        config.addinivalue_line("markers", f"{tag}: agora vector tag")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, Any]:
    report = yield
    if isinstance(collector, pytest.Session) and report.passed:
        report.result.append(AgoraVectors.from_parent(collector, name=ROOT_NODE,
                                                      nodeid=ROOT_NODE))
    return report


def pytest_unconfigure(config: pytest.Config) -> None:
    session = config.stash.get(_SESSION, None)
    if session is not None:
        session.close()
