"""pytest plugin: ``--agora-command``/``--agora-builder`` turn every vector into a test item.

Inactive (adds only its options) unless one of those options is given, and cheap to import:
the runner is imported when the first item is collected. Items are named by case id, so
``-k``, ``-x``, ``--junitxml`` and pytest-xdist work as for any test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conformance.compare import CaseResult, RunOptions, XfailFile
    from conformance.testees import Testee
    from conformance.vectors import Case


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("agora", "agora-token-conformance (one test item per vector)")
    group.addoption("--agora-command", metavar='"PROGRAM ARGS"',
                    help="run the vectors against a JSON-lines testee program")
    group.addoption("--agora-builder", metavar="python:MODULE:OBJECT",
                    help="run the vectors against an in-process Python builder")
    group.addoption("--agora-one-shot", action="store_true",
                    help="with --agora-command: one process per case")
    group.addoption("--agora-vectors", metavar="DIR", help="vector directory (default: bundled)")
    group.addoption("--agora-xfail", metavar="FILE", help="expected-failures file (YAML)")
    group.addoption("--agora-timeout", type=float, default=10.0, metavar="SECONDS",
                    help="per-case timeout (default 10)")
    group.addoption("--agora-verify", action="store_true",
                    help="verify mode for every builder with a salt or clock")


def _active(config: pytest.Config) -> bool:
    return bool(config.getoption("agora_command") or config.getoption("agora_builder"))


class AgoraCaseFailure(Exception):
    """A case that did not pass; ``repr_failure`` shows the runner's own text."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(result.detail)
        self.result = result


class _State:
    """The testee of the session, started by the first item that runs."""

    def __init__(self, config: pytest.Config, xfail: XfailFile | None) -> None:
        self.config = config
        self.xfail = xfail
        self.testee: Testee | None = None
        self.options: RunOptions | None = None

    def run_one(self, case: Case) -> CaseResult:
        from conformance.compare import RunOptions, run_cases
        from conformance.testees import open_testee

        opt = self.config.getoption
        if self.testee is None:
            self.testee = open_testee(builder=opt("agora_builder"), command=opt("agora_command"),
                                      one_shot=opt("agora_one_shot"),
                                      timeout=opt("agora_timeout"))
            self.options = RunOptions(verify=opt("agora_verify"))
        run = run_cases(self.testee, [case], options=self.options, xfail=self.xfail,
                        known_ids=[case.id])
        return run.results[0]

    def close(self) -> None:
        if self.testee is not None:
            self.testee.close()


def _marker(tag: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in tag)


class AgoraItem(pytest.Item):
    """One golden vector case."""

    def __init__(self, *, case: Case, state: _State, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.state = state
        for tag in case.tags:
            self.add_marker(_marker(tag), append=True)

    def runtest(self) -> None:
        from conformance.protocol import Outcome

        result = self.state.run_one(self.case)
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

    def reportinfo(self) -> tuple[str, int | None, str]:
        return self.case.file, None, f"agora vector {self.case.id}"


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


class AgoraVectors(pytest.Collector):
    def collect(self) -> list[pytest.Item]:
        return []


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    if not _active(config):
        return
    import datetime as dt

    from conformance.compare import XfailError, load_xfail
    from conformance.vectors import VectorError, load_vectors

    try:
        vectors = load_vectors(config.getoption("agora_vectors"))
        path = config.getoption("agora_xfail")
        xfail = load_xfail(path) if path else None
    except (VectorError, XfailError) as exc:
        raise pytest.UsageError(str(exc)) from None
    for tag in sorted({_marker(t) for c in vectors.cases for t in c.tags}):
        config.addinivalue_line("markers", f"{tag}: agora vector tag")
    state = _State(config, xfail)
    config.stash[_STATE] = state
    parent = AgoraVectors.from_parent(session, name="agora", nodeid="agora")
    for case in vectors.cases:
        items.append(AgoraItem.from_parent(parent, name=case.id, nodeid=f"agora::{case.id}",
                                           case=case, state=state))
    if xfail is not None:
        known = [n for c in vectors.cases for n in (c.id, *c.aliases)]
        problems = xfail.problems(known, {}, dt.date.today())
        if problems:
            items.append(AgoraProblems.from_parent(parent, name="expected-failures-file",
                                                   nodeid="agora::expected-failures-file",
                                                   problems=problems))


_STATE = pytest.StashKey[_State]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash.get(_STATE, None)
    if state is not None:
        state.close()
