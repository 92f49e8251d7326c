"""The form check and the vault clicked through in Debian's Chromium (Playwright), JavaScript off, against a
real `sanctuary serve` (which migrates on first run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.desk.server import create_account, env_for, free_port, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "browser test password"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = env_for(tmp_path_factory.mktemp("vault-browser") / "data")
    env["SANCTUARY_JURISDICTION"] = "us/ca/san-francisco"
    port = free_port()
    with served(env, port):  # the first start migrates; accounts afterwards
        create_account(env, "sam", "supervisor", PASSWORD)
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def test_check_a_form_and_keep_a_record_without_javascript(desk: str, browser: Any, tmp_path: Path) -> None:
    form = tmp_path / "intake.txt"
    form.write_text("Nombre\nPaís de nacimiento\nEstado civil\n¿Cuál es su estatus migratorio?\n", encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(desk) else None)
    page.goto(f"{desk}/login")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{desk}/card")
    page.get_by_role("main").get_by_role("link", name="Check a form", exact=True).click()  # the card's own link
    page.get_by_label("Form file").set_input_files(str(form))
    page.get_by_role("button", name="Check the form").click()
    expect(page.get_by_role("heading", name="2 findings · 4 questions checked (intake.txt)")).to_be_visible()
    expect(page.get_by_role("cell", name="S.F. Admin. Code § 12H.2(d)", exact=False)).to_be_visible()
    expect(page.get_by_text("Estado civil")).to_have_count(0)

    page.get_by_role("link", name="Records vault").click()
    page.get_by_label("Person's reference").first.fill("CASE-77")
    page.get_by_label("Phone number").fill("555-0199")
    page.get_by_role("button", name="Store").click()
    expect(page.get_by_text("Stored (encrypted).")).to_be_visible()
    expect(page.get_by_text("555-0199")).to_be_visible()
    page.get_by_label("Person's reference").nth(2).fill("CASE-77")  # the shred form's
    page.get_by_role("button", name="Shred for good").click()
    expect(page.get_by_text("Shredded: 1 record(s) can no longer be read by anyone.")).to_be_visible()
    assert outside == []
    context.close()
