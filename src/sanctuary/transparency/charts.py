"""Charts for the public page, drawn on the server as SVG (no script, no style attribute: the CSP forbids
inline styles, so colours are presentation attributes).

Accessible: each chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` named by ``aria-labelledby``, and
the page puts the same numbers in a table right after it. Every outcome has a pattern as well as a colour
(solid, stripes, dots, cross-hatch, ...), so the chart reads in grey and for colour-blind readers. Only
published numbers are drawn: a withheld part of a bar is drawn as the (published) row total less the published
cells, with its own hatching, never split into its cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from sanctuary.transparency.suppression import ProtectedTable

WIDTH = 400  # user units; the page scales the chart to at most 38rem, so text stays legible at 360 px
MONTH_WIDTH = 400
ROW = 40
TOP = 8

# (colour, pattern) per outcome position; colours from the Okabe-Ito palette (distinct for colour-blind readers).
STYLES: tuple[tuple[str, str], ...] = (
    ("#0072B2", "solid"),
    ("#D55E00", "stripes"),
    ("#009E73", "dots"),
    ("#CC79A7", "cross"),
    ("#E69F00", "horizontal"),
    ("#56B4E9", "vertical"),
)
HIDDEN_STYLE = ("#757575", "hatch")


def _pattern(pid: str, colour: str, kind: str) -> str:
    head = f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
    base = f'<rect width="8" height="8" fill="{colour}"/>'
    marks = {
        "solid": "",
        "stripes": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" stroke-width="2"/>',
        "dots": '<circle cx="4" cy="4" r="1.8" fill="#ffffff"/>',
        "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#ffffff" stroke-width="1.5"/>',
        "horizontal": '<path d="M0,4 H8" stroke="#000000" stroke-width="2"/>',
        "vertical": '<path d="M4,0 V8" stroke="#000000" stroke-width="2"/>',
        "hatch": '<rect width="8" height="8" fill="#ffffff"/>'
                 '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#757575" stroke-width="1.5"/>',
    }[kind]
    return f"{head}{base}{marks}</pattern>"


def style_of(index: int) -> tuple[str, str]:
    return STYLES[index % len(STYLES)]


def swatch(prefix: str, index: int | None) -> str:
    """A small legend swatch (decorative: the legend's text names the outcome)."""
    colour, kind = HIDDEN_STYLE if index is None else style_of(index)
    pid = f"{prefix}-sw"
    return (f'<svg class="swatch" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">'
            f"<defs>{_pattern(pid, colour, kind)}</defs>"
            f'<rect x="0.5" y="0.5" width="17" height="17" fill="url(#{pid})" stroke="#000000"/></svg>')


def _defs(prefix: str, n: int) -> str:
    pats = [_pattern(f"{prefix}-p{i}", *style_of(i)) for i in range(n)]
    pats.append(_pattern(f"{prefix}-hid", *HIDDEN_STYLE))
    return f"<defs>{''.join(pats)}</defs>"


@dataclass(frozen=True)
class Words:
    title: str
    desc: str
    hidden: str  # the mark for a withheld number
    total: str


def _known_parts(cells: Sequence[int | None]) -> list[tuple[int, int]]:
    return [(j, c) for j, c in enumerate(cells) if c]


def bar_chart(prefix: str, table: ProtectedTable, labels: Sequence[str], words: Words) -> str:
    """Horizontal stacked bars, one per row with something received (label above its bar)."""
    rows = [i for i, total in enumerate(table.row_totals) if total.count != 0]
    counts = [[c.count for c in table.cells[i]] for i in rows]
    known_max = max([table.row_totals[i].count or sum(c or 0 for c in counts[n])
                     for n, i in enumerate(rows)] or [1])
    scale = (WIDTH - 90) / max(known_max, 1)
    height = TOP + ROW * len(rows) + 8
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="{prefix}-title {prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{prefix}-title">{escape(words.title)}</title>',
           f'<desc id="{prefix}-desc">{escape(words.desc)}</desc>', _defs(prefix, len(table.columns))]
    for n, i in enumerate(rows):
        y = TOP + n * ROW
        out.append(f'<text x="0" y="{y + 12}" font-size="14" fill="#000000">{escape(labels[i])}</text>')
        x = 0.0
        for j, value in _known_parts(counts[n]):
            w = value * scale
            out.append(f'<rect x="{x:.1f}" y="{y + 16}" width="{w:.1f}" height="16" fill="url(#{prefix}-p{j})" '
                       f'stroke="#000000" stroke-width="0.5"/>')
            x += w
        total = table.row_totals[i].count
        known = sum(c or 0 for c in counts[n])
        if total is not None and total > known:
            w = (total - known) * scale
            out.append(f'<rect x="{x:.1f}" y="{y + 16}" width="{w:.1f}" height="16" fill="url(#{prefix}-hid)" '
                       f'stroke="#000000" stroke-width="0.5"/>')
            x += w
        shown = str(total) if total is not None else words.hidden
        out.append(f'<text x="{x + 6:.1f}" y="{y + 29}" font-size="13" fill="#000000">{escape(shown)}</text>')
    out.append("</svg>")
    return "".join(out)


def month_chart(prefix: str, table: ProtectedTable, months: Sequence[str], labels: Sequence[str],
                policy_month: str | None, words: Words, line_label: str, before: str, after: str) -> str:
    """Vertical stacked columns, one per month of ``months`` (rows of ``table``), with a dashed line at the
    policy's month (the line is drawn at the start of that month's column)."""
    index = {key: i for i, key in enumerate(table.rows)}
    rows = [index[m] for m in months]
    width, left, bottom, top = MONTH_WIDTH, 24, 230, 40
    height = bottom + 50
    step = (width - left - 10) / max(len(rows), 1)
    heights = [table.row_totals[i].count or sum(c.count or 0 for c in table.cells[i]) for i in rows]
    scale = (bottom - top - 14) / max(max(heights or [1]), 1)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="{prefix}-title {prefix}-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{prefix}-title">{escape(words.title)}</title>',
           f'<desc id="{prefix}-desc">{escape(words.desc)}</desc>', _defs(prefix, len(table.columns)),
           f'<line x1="{left}" y1="{bottom}" x2="{width - 5}" y2="{bottom}" stroke="#000000"/>']
    bar = max(step * 0.7, 2)
    for n, i in enumerate(rows):
        x = left + n * step + (step - bar) / 2
        y = float(bottom)
        for j, cell in enumerate(table.cells[i]):
            if not cell.count:
                continue
            h = cell.count * scale
            y -= h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                       f'fill="url(#{prefix}-p{j})" stroke="#000000" stroke-width="0.5"/>')
        total = table.row_totals[i].count
        known = sum(c.count or 0 for c in table.cells[i])
        if total is not None and total > known:
            h = (total - known) * scale
            y -= h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                       f'fill="url(#{prefix}-hid)" stroke="#000000" stroke-width="0.5"/>')
        if total:  # a withheld total gets no number over its column (the table says "hidden")
            shown = str(total)
            out.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="12" text-anchor="middle" '
                       f'fill="#000000">{escape(shown)}</text>')
        if len(rows) <= 8 or n % (3 if len(rows) <= 16 else 4) == 0:
            out.append(f'<text x="{x + bar / 2:.1f}" y="{bottom + 15}" font-size="13" text-anchor="middle" '
                       f'fill="#000000">{escape(labels[n])}</text>')
    if policy_month is not None:
        at = next((n for n, m in enumerate(months) if m >= policy_month), len(months))
        x = left + at * step
        out.append(f'<line x1="{x:.1f}" y1="{top - 14}" x2="{x:.1f}" y2="{bottom + 20}" stroke="#000000" '
                   f'stroke-width="2" stroke-dasharray="6 4"/>')
        label_x = min(max(x, 100.0), width - 100.0)
        out.append(f'<text x="{label_x:.1f}" y="{top - 20}" font-size="13" text-anchor="middle" fill="#000000">'
                   f"{escape(line_label)}</text>")
        out.append(f'<text x="{x - 6:.1f}" y="{bottom + 38}" font-size="12" text-anchor="end" fill="#000000">'
                   f"← {escape(before)}</text>")
        out.append(f'<text x="{x + 6:.1f}" y="{bottom + 38}" font-size="12" fill="#000000">'
                   f"{escape(after)} →</text>")
    out.append("</svg>")
    return "".join(out)
