"""axe-core accessibility checks for any Playwright page: reusable by every browser test.

axe-core (MPL-2.0, https://github.com/dequelabs/axe-core) is installed from the npm registry at the version
pinned in ``tests/browser/axe/package.json`` / ``package-lock.json`` by ``make axe``
(``npm ci``; ``make test`` does it). It is a test-only tool and is not shipped.

Use::

    from tests.browser.axe import assert_accessible, axe_violations

    assert_accessible(page)                      # no serious or critical violation
    found = axe_violations(page, ("critical",))  # or inspect them yourself

The script is evaluated through the DevTools protocol (``page.evaluate``), so the page's Content Security
Policy (``script-src 'self'``) stays in force and is not bypassed for the page's own resources.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make axe` (npm ci in tests/browser/axe)")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Any, impacts: tuple[str, ...] = SERIOUS) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; the violations whose impact is in ``impacts``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def assert_accessible(page: Any, impacts: tuple[str, ...] = SERIOUS) -> None:
    found = axe_violations(page, impacts)
    assert not found, describe(found)
