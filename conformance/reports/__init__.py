"""Renderings for people and tools: console, JSON, JUnit and Markdown run reports, the matrix,
and a token's inspection (``agora-conformance inspect``).

The public door of the room; other rooms import only the names below.
"""

from conformance.reports.console import ProgressLine, levels_line, summary, totals_line, use_colour
from conformance.reports.diff import ReportError, diff_reports
from conformance.reports.github import report_to_github
from conformance.reports.inspect_text import render as render_token
from conformance.reports.json_report import write as write_json
from conformance.reports.junit import write as write_junit
from conformance.reports.markdown import write as write_markdown
from conformance.reports.matrix import Row, group_of, replace_block
from conformance.reports.matrix import to_html as matrix_html
from conformance.reports.matrix import to_markdown as matrix_markdown

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
