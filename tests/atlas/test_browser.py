"""The map and scenario pages in a real browser (Debian's Chromium through Playwright), without JavaScript."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sanctuary.atlas.web import router
from sanctuary.web.templating import STATIC_DIR

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def base_url(atlas_path: Path) -> Iterator[str]:
    app = FastAPI()
    app.state.atlas_db = str(atlas_path)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
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
def page(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        foreign: list[str] = []
        context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base_url) else None)
        pg = context.new_page()
        yield pg
        assert foreign == [], foreign
        browser.close()


def test_map_page_renders_and_the_chooser_works_without_javascript(page: object, base_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{base_url}/atlas")
    svg = page.locator("svg.atlas-map")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 300
    assert page.locator("svg.atlas-map g.countys path").count() == 3142
    assert page.locator("link[href='/atlas/static/atlas.css']").count() == 1
    page.select_option("#view", "scenario:detainer-county-jail")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(f"{base_url}/atlas?view=scenario%3Adetainer-county-jail&country=us")
    expect(page.locator("h1")).to_contain_text("ICE detainer at a county jail")
    page.get_by_label("Canada (provinces and territories)").check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator("svg.atlas-map g.provinces path")).to_have_count(13)


def test_scenario_page_answers_in_one_screen(page: object, base_url: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{base_url}/atlas/scenario")
    page.get_by_role("link", name="ICE detainer at a county jail (administrative warrant, no criminal record)").click()
    table = page.locator("table.answer-table")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    for name in ("Travis County", "Cook County", "San Francisco"):
        expect(table).to_contain_text(name)
    first = rows.nth(0).bounding_box()
    last = rows.nth(2).bounding_box()
    assert first is not None and last is not None and last["y"] < 2 * 900  # the answer sits near the top

    page.get_by_role("link", name="Shelter intake asks for immigration status").click()
    expect(table).to_contain_text("Toronto")
    expect(table).to_contain_text("Vancouver")
    expect(table).to_contain_text("Houston")
    # A custom request through the plain GET form.
    page.fill("#highlight", "us/il/cook-county")
    page.select_option("#kind", "jail")
    page.select_option("#action", "interview")
    page.select_option("#requester", "ice")
    page.get_by_role("button", name="Decide everywhere").click()
    expect(page.locator("table.answer-table tbody tr")).to_have_count(1)
    expect(page.locator("table.answer-table")).to_contain_text("Cook County")
