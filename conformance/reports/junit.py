"""JUnit XML for CI dashboards: one testcase per case, classname = family."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.compare import RunResult
from conformance.output import write_atomic
from conformance.protocol import Outcome

_FAILURE = {Outcome.FAIL, Outcome.XPASS}
_ERROR = {Outcome.ERROR, Outcome.TIMEOUT, Outcome.CRASH}
_SKIPPED = {Outcome.UNSUPPORTED, Outcome.XFAIL}


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 32 else f"\\x{ord(c):02x}" for c in text)


def to_xml(run: RunResult) -> ET.ElementTree:
    totals = run.totals()
    suite = ET.Element("testsuite", {
        "name": "agora-conformance",
        "tests": str(len(run.results)),
        "failures": str(sum(totals[o.value] for o in _FAILURE)),
        "errors": str(sum(totals[o.value] for o in _ERROR)),
        "skipped": str(sum(totals[o.value] for o in _SKIPPED)),
        "time": f"{run.seconds:.3f}",
        "timestamp": run.started,
    })
    props = ET.SubElement(suite, "properties")
    for name, value in (("testee", run.testee.label if run.testee else run.testee_error),
                        ("vectors", run.vector_digest), ("runner", run.runner_version)):
        ET.SubElement(props, "property", {"name": name, "value": _clean(value)})
    for result in run.results:
        where = {"file": f"vectors/{result.file}", "line": str(result.line)} if result.line else {}
        case = ET.SubElement(suite, "testcase", {
            "classname": result.family, "name": result.case_id, "time": f"{result.seconds:.6f}",
            **where})
        text = _clean(result.text())
        if result.outcome in _FAILURE:
            ET.SubElement(case, "failure", {"message": _clean(result.detail)[:500],
                                            "type": result.outcome.value}).text = text
        elif result.outcome in _ERROR:
            ET.SubElement(case, "error", {"message": _clean(result.detail)[:500],
                                          "type": result.outcome.value}).text = text
        elif result.outcome in _SKIPPED:
            ET.SubElement(case, "skipped", {"message": _clean(
                f"{result.outcome.value}: {result.xfail_reason or result.detail}")[:500]})
    if run.xfail_problems:
        case = ET.SubElement(suite, "testcase", {"classname": "expected-failures",
                                                 "name": run.xfail_file or "xfail"})
        ET.SubElement(case, "failure", {"message": "stale expected-failures entries"}).text = (
            _clean("\n".join(run.xfail_problems)))
    return ET.ElementTree(suite)


def write(run: RunResult, path: str | Path) -> None:
    """Write the XML all or nothing (``OSError`` when it cannot be written)."""
    root = to_xml(run).getroot()
    assert root is not None
    ET.indent(root)
    write_atomic(path, ET.tostring(root, encoding="utf-8", xml_declaration=True))
