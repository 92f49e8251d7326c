"""Accessibility checks in Chromium through Playwright, for every browser test: axe-core (pinned in
tests/browser/axe/package-lock.json, installed by ``make axe`` with ``npm ci``) and a focus-visibility check that
axe does not make; plus the page-overflow measure and the screenshots kept as test artefacts.

Use::

    from tests.browser.axe_check import assert_accessible, axe_violations, focus_problems, save_screenshot

    assert_accessible(page)                  # no serious or critical violation (the message lists them)
    assert axe_violations(page) == []        # the same, as data: [{id, impact, help, nodes}]
    assert focus_problems(page) == []        # every Tab stop shows a ring of at least 3:1 against its background
    save_screenshot(page, "desk-notice-phone-fr")   # tests/browser/artefacts/desk-notice-phone-fr.png

axe-core (MPL-2.0, https://github.com/dequelabs/axe-core) is a test-only tool and is never served by the app.
Its script is evaluated through the DevTools protocol (``page.evaluate``), so the page's own
Content-Security-Policy (``script-src 'self'``) stays in force and needs no ``bypass_csp``; the context needs
JavaScript on (the pages themselves use none). A missing install fails the test, never skips it.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = Path(os.environ.get("SANCTUARY_TEST_ARTEFACTS", Path(__file__).resolve().parent / "artefacts"))
BLOCKING = ("serious", "critical")
SERIOUS = BLOCKING


def require_axe() -> Path:
    """The installed axe-core, or a failure saying how to install it (never a silent skip)."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make axe` (npm ci in tests/browser/axe)")
    return AXE_JS


@cache
def axe_source() -> str:
    return require_axe().read_text(encoding="utf-8")


_RUN = """async () => {
    const r = await window.axe.run(document, {resultTypes: ['violations']});
    return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""


def axe_violations(page: Any, impacts: tuple[str, ...] = BLOCKING) -> list[dict[str, Any]]:
    """axe-core's violations of the given impacts on the page as it is now (WCAG 2.x A/AA and best practices):
    each ``{"id", "impact", "help", "nodes"}``, ``nodes`` the CSS selectors of up to five offending elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    result: list[dict[str, Any]] = page.evaluate(_RUN)
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes'][:3]}" for v in violations)


def assert_accessible(page: Any, impacts: tuple[str, ...] = BLOCKING) -> None:
    """Fail, listing them, when axe finds violations of these impacts (serious and critical by default)."""
    found = axe_violations(page, impacts)
    assert not found, describe(found)


_RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def _rgb(css: str) -> tuple[float, float, float] | None:
    m = _RGB.search(css or "")
    if not m or (m.group(4) is not None and float(m.group(4)) == 0):
        return None
    return (float(m.group(1)) / 255, float(m.group(2)) / 255, float(m.group(3)) / 255)


def _luminance(c: tuple[float, float, float]) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


_FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    let bg = 'rgb(255, 255, 255)';
    for (let p = el.parentElement; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') { bg = c; break; }
    }
    const label = (el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.value || '')
                   .trim().slice(0, 30));
    return {label, outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
            outlineColor: s.outlineColor, boxShadow: s.boxShadow, background: bg};
}"""


def focus_problems(page: Any, stops: int = 40, minimum: float = 3.0, start: str | None = None) -> list[str]:
    """Tab through up to ``stops`` elements: each must show an outline (at least 2 px) or ring whose colour
    contrasts ``minimum``:1 with the background around it (WCAG 2.2 SC 1.4.11 / 2.4.13). ``start``: a selector
    to focus first (e.g. ``"main"``, to check the page's own controls rather than the header shared by all)."""
    problems: list[str] = []
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    if start is not None:
        page.focus(start)
    seen = 0
    for _ in range(stops):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            break
        seen += 1
        background = _rgb(state["background"]) or (1.0, 1.0, 1.0)
        rings = []
        if state["outlineStyle"] not in ("none", "") and state["outlineWidth"] >= 2:
            colour = _rgb(state["outlineColor"])
            if colour:
                rings.append(contrast(colour, background))
        for m in _RGB.finditer(state["boxShadow"] or ""):
            colour = _rgb(m.group(0))
            if colour:
                rings.append(contrast(colour, background))
        if not rings or max(rings) < minimum:
            best = f"{max(rings):.2f}:1" if rings else "no ring"
            problems.append(f"{state['label']!r}: focus {best} against {state['background']}")
    if seen == 0:
        problems.append("nothing took the keyboard focus")
    return problems


def save_screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot kept as a test artefact in ``tests/browser/artefacts`` (or
    ``$SANCTUARY_TEST_ARTEFACTS``); the folder is git-ignored: CI keeps it as the run's artefact."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def page_overflow(page: Any) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits the viewport)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
