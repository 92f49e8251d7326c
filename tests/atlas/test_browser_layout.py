"""Issue 9 §3 in Chromium: the place, compare and map pages at phone width (360 px) and on a desktop, in
English, Spanish and French: no sideways page scroll, no serious or critical axe-core violation, a visible
focus ring (3:1) at every Tab stop; full-page screenshots kept under tests/browser/artefacts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sanctuary.atlas.web import router
from sanctuary.web.security import SecurityHeaders
from sanctuary.web.templating import STATIC_DIR
from tests.browser.axe_check import axe_violations, focus_problems, page_overflow, require_axe, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 900}}
PAGES = {
    "place": "/atlas/j/us/tx/travis-county",
    "compare": "/atlas/compare?a=us/il/cook-county&b=ca/on/toronto",
    "map": "/atlas?view=scenario:detainer-county-jail",
}


@pytest.fixture(scope="module")
def base_url(atlas_path: Path) -> Iterator[str]:
    app = FastAPI()
    app.state.atlas_db = str(atlas_path)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
    app.add_middleware(SecurityHeaders)  # the real Content-Security-Policy: nothing inline, nothing foreign
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    require_axe()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_atlas_pages_fit_read_and_focus(browser: Any, base_url: str, width: str, lang: str) -> None:
    # JavaScript on only for axe (the pages have none); the real CSP stays in force (axe runs through DevTools).
    context = browser.new_context(viewport=WIDTHS[width], locale={"en": "en-US", "es": "es-ES",
                                                                                  "fr": "fr-CA"}[lang])
    foreign: list[str] = []
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else None)
    page = context.new_page()
    failures: list[str] = []
    for name, path in PAGES.items():
        page.goto(f"{base_url}{path}")  # the language comes from the browser's Accept-Language
        assert page.locator("html").get_attribute("lang") == lang, (name, lang)
        save_screenshot(page, f"atlas-{name}-{width}-{lang}")
        overflow = page_overflow(page)
        if overflow > 0:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e =>
                e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
            failures.append(f"{name}: the page scrolls {overflow}px sideways ({wide})")
        # Wide tables scroll inside their own labelled region instead.
        for box in page.locator(".table-wrap").all()[:12]:
            assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0"
        failures += [f"{name}: axe {v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in axe_violations(page)]
        failures += [f"{name}: {p}" for p in focus_problems(page, stops=25)]
    context.close()
    assert foreign == []
    assert failures == []


def test_the_checks_can_fail(browser: Any) -> None:
    """axe, the focus check and the overflow check each catch what they are for."""
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    page.set_content('<html lang="en"><body><main><a href="#x" style="outline:none">x</a>'
                     '<button style="outline:1px dotted #eee">y</button><img src="data:,">'
                     '<p style="color:#ccc">faint</p><div style="width:900px">wide</div></main></body></html>')
    ids = {v["id"] for v in axe_violations(page, ("minor", "moderate", "serious", "critical"))}
    assert {"image-alt", "color-contrast"} <= ids
    problems = focus_problems(page, stops=2)
    assert len(problems) == 2 and "no ring" in problems[0]
    assert page_overflow(page) > 500
    context.close()
