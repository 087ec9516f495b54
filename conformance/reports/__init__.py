"""Renderings for people and tools: console, JSON, JUnit and Markdown run reports, the matrix,
and a token's inspection (``agora-conformance inspect``).

The public door of the room; other rooms import only the names below.

Names load on first use (PEP 562 ``__getattr__``): a command imports only the modules of this
room that it touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import lazy_door

if TYPE_CHECKING:
    from conformance.reports.console import (
        ProgressLine,
        levels_line,
        summary,
        totals_line,
        use_colour,
    )
    from conformance.reports.diff import ReportError, diff_reports
    from conformance.reports.github import report_to_github
    from conformance.reports.inspect_text import render as render_token
    from conformance.reports.json_report import write as write_json
    from conformance.reports.junit import write as write_junit
    from conformance.reports.markdown import write as write_markdown
    from conformance.reports.matrix import Row, group_of, replace_block
    from conformance.reports.matrix import to_html as matrix_html
    from conformance.reports.matrix import to_markdown as matrix_markdown

# Public name -> (module of this room, attribute).
_EXPORTS: dict[str, tuple[str, str]] = {
    "ProgressLine": ("console", "ProgressLine"),
    "levels_line": ("console", "levels_line"),
    "summary": ("console", "summary"),
    "totals_line": ("console", "totals_line"),
    "use_colour": ("console", "use_colour"),
    "ReportError": ("diff", "ReportError"),
    "diff_reports": ("diff", "diff_reports"),
    "report_to_github": ("github", "report_to_github"),
    "render_token": ("inspect_text", "render"),
    "write_json": ("json_report", "write"),
    "write_junit": ("junit", "write"),
    "write_markdown": ("markdown", "write"),
    "Row": ("matrix", "Row"),
    "group_of": ("matrix", "group_of"),
    "replace_block": ("matrix", "replace_block"),
    "matrix_html": ("matrix", "to_html"),
    "matrix_markdown": ("matrix", "to_markdown"),
}

__all__ = [
    "ProgressLine",
    "ReportError",
    "Row",
    "diff_reports",
    "group_of",
    "levels_line",
    "matrix_html",
    "matrix_markdown",
    "render_token",
    "replace_block",
    "report_to_github",
    "summary",
    "totals_line",
    "use_colour",
    "write_json",
    "write_junit",
    "write_markdown",
]


__getattr__ = lazy_door(__name__, _EXPORTS, globals())
