"""Server-drawn SVG charts (no JavaScript): an event study and a synthetic-control path.

Each chart is one image (``role="img"``) with a ``<title>`` and ``<desc>``; the page prints the same numbers in
a table next to it. Series differ by shape and line style, never by colour alone: pre-adoption estimates are
hollow circles, post-adoption ones filled squares; the treated state is a solid line, its synthetic control a
dashed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

W, H = 640.0, 300.0
L, R, T, B = 64.0, 16.0, 20.0, 44.0


def _scale(lo: float, hi: float, a: float, b: float) -> tuple[float, float]:
    span = hi - lo or 1.0
    return lo, (b - a) / span


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    step = (hi - lo) / (n - 1) if hi > lo else 1.0
    return [lo + i * step for i in range(n)]


def event_study(points: Sequence[tuple[int, float, float, float]], title: str, desc: str, x_label: str,
                y_label: str, uid: str) -> str:
    ks = [p[0] for p in points]
    lows = [p[2] for p in points] + [0.0]
    highs = [p[3] for p in points] + [0.0]
    ylo, yhi = min(lows), max(highs)
    pad = (yhi - ylo) * 0.08 or 0.1
    ylo, yhi = ylo - pad, yhi + pad
    kmin, kmax = min(ks) - 0.5, max(ks) + 0.5

    def x(k: float) -> float:
        return L + (k - kmin) / (kmax - kmin) * (W - L - R)

    def y(v: float) -> float:
        return T + (yhi - v) / (yhi - ylo) * (H - T - B)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:g} {H:g}" role="img" class="evidence-chart" '
           f'aria-labelledby="{uid}-t {uid}-d"><title id="{uid}-t">{escape(title)}</title>'
           f'<desc id="{uid}-d">{escape(desc)}</desc>',
           '<g font-family="sans-serif" font-size="11" fill="#222">']
    for v in _ticks(ylo, yhi):
        out.append(f'<line x1="{L:g}" x2="{W - R:g}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                   f'<text x="{L - 6:g}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
    out.append(f'<line x1="{L:g}" x2="{W - R:g}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#000"/>')
    out.append(f'<line x1="{x(-0.5):.1f}" x2="{x(-0.5):.1f}" y1="{T:g}" y2="{H - B:g}" stroke="#000" '
               'stroke-dasharray="4 3"/>')
    for k, c, lo, hi in points:
        cx = x(k)
        out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(lo):.1f}" y2="{y(hi):.1f}" stroke="#000"/>')
        if k < 0:
            out.append(f'<circle cx="{cx:.1f}" cy="{y(c):.1f}" r="4" fill="#fff" stroke="#000" stroke-width="1.5"/>')
        else:
            out.append(f'<rect x="{cx - 4:.1f}" y="{y(c) - 4:.1f}" width="8" height="8" fill="#08519c" '
                       'stroke="#000"/>')
        # The end bins gather every year beyond them.
        tick = f"≤{k}" if k == min(ks) and k < -1 else f"≥{k}" if k == max(ks) and k > 0 else str(k)
        out.append(f'<text x="{cx:.1f}" y="{H - B + 16:g}" text-anchor="middle">{tick}</text>')
    out.append(f'<text x="{(L + W - R) / 2:g}" y="{H - 8:g}" text-anchor="middle">{escape(x_label)}</text>')
    out.append(f'<text transform="translate(14,{(T + H - B) / 2:g}) rotate(-90)" text-anchor="middle">'
               f'{escape(y_label)}</text>')
    out.append("</g></svg>")
    return "".join(out)


def paths(years: Sequence[int], actual: Sequence[float], synthetic: Sequence[float], start: int, title: str,
          desc: str, labels: tuple[str, str], y_label: str, uid: str) -> str:
    vals = list(actual) + list(synthetic)
    ylo, yhi = min(vals), max(vals)
    pad = (yhi - ylo) * 0.08 or 0.1
    ylo, yhi = ylo - pad, yhi + pad
    x0, x1 = min(years), max(years)

    def x(v: float) -> float:
        return L + (v - x0) / ((x1 - x0) or 1) * (W - L - R - 110)

    def y(v: float) -> float:
        return T + (yhi - v) / (yhi - ylo) * (H - T - B)

    def line(series: Sequence[float]) -> str:
        return " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in zip(years, series, strict=True))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:g} {H:g}" role="img" class="evidence-chart" '
           f'aria-labelledby="{uid}-t {uid}-d"><title id="{uid}-t">{escape(title)}</title>'
           f'<desc id="{uid}-d">{escape(desc)}</desc>', '<g font-family="sans-serif" font-size="11" fill="#222">']
    for v in _ticks(ylo, yhi):
        out.append(f'<line x1="{L:g}" x2="{x(x1):.1f}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                   f'<text x="{L - 6:g}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
    for yr in years:
        if yr % 5 == 0:
            out.append(f'<text x="{x(yr):.1f}" y="{H - B + 16:g}" text-anchor="middle">{yr}</text>')
    out.append(f'<line x1="{x(start - 0.5):.1f}" x2="{x(start - 0.5):.1f}" y1="{T:g}" y2="{H - B:g}" stroke="#000" '
               'stroke-dasharray="4 3"/>')
    out.append(f'<polyline points="{line(actual)}" fill="none" stroke="#000" stroke-width="2"/>')
    out.append(f'<polyline points="{line(synthetic)}" fill="none" stroke="#08519c" stroke-width="2" '
               'stroke-dasharray="6 4"/>')
    lx = x(x1) + 10
    out.append(f'<line x1="{lx:.1f}" x2="{lx + 24:.1f}" y1="{T + 10:g}" y2="{T + 10:g}" stroke="#000" '
               f'stroke-width="2"/><text x="{lx + 28:.1f}" y="{T + 14:g}">{escape(labels[0])}</text>')
    out.append(f'<line x1="{lx:.1f}" x2="{lx + 24:.1f}" y1="{T + 30:g}" y2="{T + 30:g}" stroke="#08519c" '
               f'stroke-width="2" stroke-dasharray="6 4"/><text x="{lx + 28:.1f}" y="{T + 34:g}">'
               f'{escape(labels[1])}</text>')
    out.append(f'<text transform="translate(14,{(T + H - B) / 2:g}) rotate(-90)" text-anchor="middle">'
               f'{escape(y_label)}</text>')
    out.append("</g></svg>")
    return "".join(out)
