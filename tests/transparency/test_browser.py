"""/transparency in Debian's Chromium (Playwright) against a real `sanctuary serve`: the three languages at
desktop and phone (360 px) widths, no request to another host, no horizontal scrolling of the page, and axe-core
finding no serious or critical violation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.axe_check import assert_accessible
from tests.browser.chromium import launched
from tests.desk.server import create_account, env_for, free_port, served
from tests.transparency.conftest import CANARIES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "browser test password"
WIDTHS = {"desktop": (1280, 900), "phone": (360, 740)}
HEADINGS = {
    "en": "Transparency: requests from immigration authorities",
    "es": "Transparencia: solicitudes de las autoridades de inmigración",
    "fr": "Transparence : demandes des autorités de l'immigration",
}
SHOTS = os.environ.get("SANCTUARY_SCREENSHOTS")  # a folder to keep the screenshots in, for a person to look at


def _log(base: str, clerk: str, counsel: str, paper: str, action: str, day: str, final: str | None) -> None:
    body = {
        "request": {"date": day, "agency": {"jurisdiction": "us/or/salem", "kind": "jail"}, "action": action,
                    "requester": {"agency": "ice", "purpose": "civil_immigration"},
                    "instrument": {"type": paper, "signed_by": "immigration_officer"},
                    "subject": {"in_custody": True}},
        "intake": {"channel": "fax", "received_at": f"{day}T18:00:00+00:00",
                   "agents": [{"name": "Agent Quillfeather", "badge": "BADGE-CANARY-7731"}],
                   "agent_agency": "Canary ERO Field Office", "person_ref": "PERSON-CANARY-0042",
                   "stated_purpose": "canary purpose text"},
    }
    made = httpx.post(f"{base}/api/v1/requests", json=body, headers={"Authorization": f"Bearer {clerk}"},
                      timeout=30)
    assert made.status_code == 201, made.text
    if final:
        done = httpx.post(f"{base}/api/v1/requests/{made.json()['id']}/final", timeout=30,
                          headers={"Authorization": f"Bearer {counsel}"},
                          json={"outcome": final, "reason": "test: the legal ground recorded by counsel"})
        assert done.status_code in (200, 201), done.text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = env_for(tmp_path_factory.mktemp("transparency") / "data")
    env.update(SANCTUARY_JURISDICTION="us/or/salem", SANCTUARY_TIMEZONE="America/Los_Angeles")
    clerk = create_account(env, "clara", "clerk", PASSWORD)
    counsel = create_account(env, "cora", "counsel", PASSWORD)
    port = free_port()
    with served(env, port):
        base = f"http://127.0.0.1:{port}"
        # Around Oregon's Sanctuary Promise Act (19 July 2021): many detainers declined, a few small groups.
        for month in range(1, 13):
            for n in range(6 if month >= 7 else 9):
                _log(base, clerk, counsel, "detainer", "hold", f"2021-{month:02d}-{n + 2:02d}",
                     "declined" if month >= 7 or n % 3 else "complied")
        for n in range(3):
            _log(base, clerk, counsel, "admin_warrant", "notify_release", f"2021-09-{n + 10:02d}", None)
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as instance:
        yield instance


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_transparency_page(site: str, browser: Any, lang: str, width: str, tmp_path: Path) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(site) else None)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{site}/transparency?lang={lang}")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS[lang]
    # Every chart is an image with a name, and its numbers are in a table next to it.
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 4  # three tables and the before-and-after chart
    for i in range(charts.count()):
        assert page.evaluate("(el) => el.querySelector('title').textContent.length > 0", charts.nth(i).element_handle())
    assert page.locator("table.counts").count() == 5
    # The page itself does not scroll sideways at 360 px (wide tables scroll inside their own region).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    body = page.locator("body").inner_text()
    for canary in CANARIES:
        assert canary not in body
    assert_accessible(page)
    assert not elsewhere, elsewhere
    assert not blocked, blocked
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"transparency-{lang}-{width}.png"), full_page=True)
    context.close()


def test_language_links_and_keyboard(site: str, browser: Any) -> None:
    context = browser.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es-ES,es;q=0.9"})
    page = context.new_page()
    page.goto(f"{site}/transparency")
    assert page.evaluate("document.documentElement.lang") == "es"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Saltar al contenido"
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site}/transparency?lang=fr")
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS["fr"]
    context.close()


def test_page_works_without_javascript(site: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/transparency?lang=en")
    assert page.locator("table.counts").count() == 5
    assert page.get_by_role("link", name="Tables as CSV").get_attribute("href") == "/transparency/data.csv"
    context.close()
