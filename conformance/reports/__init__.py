"""Renderings for people and tools: console, JSON, JUnit and Markdown run reports, the matrix,
and a decoded token (``agora-conformance inspect``).

The public door of the room; other rooms import only the names below.
"""

from conformance.reports.console import ProgressLine, summary, totals_line
from conformance.reports.inspect_text import render as render_token
from conformance.reports.json_report import write as write_json
from conformance.reports.junit import write as write_junit
from conformance.reports.markdown import write as write_markdown
from conformance.reports.matrix import Row, group_of, replace_block
from conformance.reports.matrix import to_html as matrix_html
from conformance.reports.matrix import to_markdown as matrix_markdown

__all__ = [
    "ProgressLine",
    "Row",
    "group_of",
    "matrix_html",
    "matrix_markdown",
    "render_token",
    "replace_block",
    "summary",
    "totals_line",
    "write_json",
    "write_junit",
    "write_markdown",
]
