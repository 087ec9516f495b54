"""The conformance matrix: implementations against builder groups, as Markdown and as HTML."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from conformance.output import markdown_cell, printable
from conformance.protocol import Outcome

# Cell verdicts, worst first: a cell shows the worst verdict among its cases.
FAIL, XFAIL, PASS, UNSUPPORTED, ABSENT = "fail", "xfail", "pass", "unsupported", "n/a"
_BAD = frozenset({Outcome.FAIL, Outcome.ERROR, Outcome.TIMEOUT, Outcome.CRASH, Outcome.XPASS})
_SYMBOL = {FAIL: "❌", XFAIL: "⚠️", PASS: "✅", UNSUPPORTED: "—", ABSENT: "·"}
_COLOUR = {FAIL: "#f8d0d0", XFAIL: "#fbe9b7", PASS: "#cdeccd", UNSUPPORTED: "#eeeeee",
           ABSENT: "#ffffff"}
README_START, README_END = "<!-- matrix:start -->", "<!-- matrix:end -->"


def group_of(family: str, builder: str) -> str:
    """The matrix column of a case: its family, or the operation for ``token.*`` cases."""
    return builder if family == "token" else family


@dataclass
class Row:
    """One implementation: outcome counts per builder group."""

    name: str
    package: str = ""
    cells: dict[str, Counter[Outcome]] = field(default_factory=dict)
    note: str = ""  # why the row is empty (toolchain missing, ...)

    def add(self, group: str, outcome: Outcome) -> None:
        self.cells.setdefault(group, Counter())[outcome] += 1

    def totals(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for counts in self.cells.values():
            total.update(counts)
        return total


def verdict(counts: Mapping[Outcome, int] | None) -> str:
    """The cell's verdict: fail > xfail > pass > unsupported (n/a when there are no cases)."""
    if not counts or sum(counts.values()) == 0:
        return ABSENT
    if any(counts.get(o, 0) for o in _BAD):
        return FAIL
    if counts.get(Outcome.XFAIL, 0):
        return XFAIL
    if counts.get(Outcome.PASS, 0):
        return PASS
    return UNSUPPORTED


def _groups(rows: Sequence[Row], groups: Iterable[str] | None) -> list[str]:
    if groups is not None:
        return list(groups)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row.cells))
    return list(seen)


def _cell_text(counts: Mapping[Outcome, int] | None, long: bool = False) -> str:
    """``✅ 9/9``: the verdict's symbol, then passed/supported cases (``long`` adds words)."""
    v = verdict(counts)
    word = f" {v}" if long else ""
    if v in (ABSENT, UNSUPPORTED) or counts is None:
        return _SYMBOL[v] + word
    unsupported = counts.get(Outcome.UNSUPPORTED, 0)
    detail = f"{counts.get(Outcome.PASS, 0)}/{sum(counts.values()) - unsupported}"
    extra = f" (+{unsupported} unsupported)" if long and unsupported else ""
    return f"{_SYMBOL[v]}{word} {detail}{extra}"


def _totals_text(row: Row) -> str:
    t = row.totals()
    bad = sum(t.get(o, 0) for o in _BAD)
    return (f"{t.get(Outcome.PASS, 0)} pass, {bad} fail, {t.get(Outcome.XFAIL, 0)} xfail, "
            f"{t.get(Outcome.UNSUPPORTED, 0)} unsupported")


def to_markdown(rows: Sequence[Row], groups: Iterable[str] | None = None) -> str:
    """A GitHub-flavoured Markdown table; each cell is the verdict and passed/supported cases."""
    cols = _groups(rows, groups)
    lines = ["| implementation | " + " | ".join(cols) + " | totals |",
             "|---|" + "---|" * len(cols) + "---|"]
    for row in rows:
        name = f"**{markdown_cell(row.name)}**" + (
            f" ({markdown_cell(row.package)})" if row.package else "")
        if row.note:
            cells = [_SYMBOL[ABSENT]] * len(cols)
            note = markdown_cell(row.note, 500)
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {note} |")
            continue
        cells = [_cell_text(row.cells.get(c)) for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {_totals_text(row)} |")
    lines.append("")
    lines.append("Cells: the worst outcome of the group's cases — ❌ fail > ⚠️ xfail (a known, "
                 "documented discrepancy: see the adapter's expected-failures file) > ✅ pass > "
                 "— unsupported (· no cases) — then passed/supported cases.")
    return "\n".join(lines) + "\n"


def to_html(rows: Sequence[Row], groups: Iterable[str] | None = None,
            title: str = "Agora token conformance matrix") -> str:
    """A self-contained HTML page (inline CSS, no scripts or external resources)."""
    cols = _groups(rows, groups)
    def esc(text: str) -> str:
        return html.escape(printable(text))

    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for row in rows:
        name = f"<th class='impl'>{esc(row.name)}<br><small>{esc(row.package)}</small></th>"
        if row.note:
            tds = "".join(f"<td style='background:{_COLOUR[ABSENT]}'>n/a</td>" for _ in cols)
            body.append(f"<tr>{name}{tds}<td>{esc(row.note)}</td></tr>")
            continue
        cells: list[str] = []
        for c in cols:
            counts = row.cells.get(c)
            v = verdict(counts)
            tip = ", ".join(f"{o.value}: {n}" for o, n in sorted(
                (counts or {}).items(), key=lambda kv: kv[0].value))
            cells.append(f"<td class='{v.replace('/', '')}' style='background:{_COLOUR[v]}' "
                       f"title='{esc(tip)}'>{esc(_cell_text(counts, long=True))}</td>")
        body.append(f"<tr>{name}{''.join(cells)}<td>{esc(_totals_text(row))}</td></tr>")
    style = ("body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #999;padding:4px 8px;text-align:center;font-size:90%}"
             "th.impl{text-align:left}")
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{esc(title)}</title><style>{style}</style></head><body>"
            f"<h1>{esc(title)}</h1><table><thead><tr><th>implementation</th>{head}"
            f"<th>totals</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
            "<p>Cells: worst outcome of the group's cases (fail &gt; xfail &gt; pass &gt; "
            "unsupported), then passed/supported cases. Hover a cell for its counts.</p>"
            "</body></html>\n")


def replace_block(text: str, block: str) -> str:
    """``text`` with everything between the README markers replaced by ``block``.

    Raises ``ValueError`` when the markers are missing or out of order.
    """
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"markers {README_START} ... {README_END} not found (in this order)")
    head = text[: start + len(README_START)]
    return f"{head}\n{block.rstrip()}\n{text[end:]}"
