"""The desk flow clicked through in Debian's Chromium (Playwright), against a real `sanctuary serve`."""

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
    env = env_for(tmp_path_factory.mktemp("browser") / "data")
    for username, role in (("clara", "clerk"), ("sam", "supervisor"), ("cora", "counsel")):
        create_account(env, username, role, PASSWORD)
    port = free_port()
    with served(env, port):
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


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def test_desk_flow_in_a_browser(desk: str, browser: Any, tmp_path: Path) -> None:
    scan = tmp_path / "detainer.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scanned detainer\n%%EOF\n")
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    blocked: list[str] = []
    page.on("request", lambda r: blocked.append(r.url) if not r.url.startswith(desk) else None)

    # Clerk: log a detainer through the guided classifier.
    _sign_in(page, desk, "clara")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_role("link", name="What paper is it?").first.click()
    # One question a page, to the end (no JavaScript needed; the place is chosen by name).
    page.get_by_label("City, county, state or province").fill("San Francisco, California")
    page.get_by_role("button", name="Next question").click()
    page.get_by_label("Jail").check()
    page.get_by_role("button", name="Next question").click()
    page.get_by_label("Form I-247A (Immigration Detainer – Notice of Action)").check()
    page.get_by_role("button", name="Next question").click()
    page.get_by_label("An immigration officer (ICE, CBP, USCIS, DHS)").check()
    page.get_by_role("button", name="Next question").click()
    expect(page.locator("legend")).to_contain_text("is a Form I-200 or I-205 attached to it?")
    page.get_by_role("link", name="← Back to the previous question").click()
    assert page.get_by_label("An immigration officer (ICE, CBP, USCIS, DHS)").is_checked()  # the answer kept
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Next question").click()  # nothing attached (the default)
    expect(page.locator("body")).to_contain_text("Not a judge's warrant or order.")
    page.get_by_label("Keep the person in custody past release on a detainer").check()
    page.get_by_role("button", name="Next question").click()
    assert page.get_by_label("ICE (Immigration and Customs Enforcement)").is_checked()  # the default kept
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Next question").click()  # purpose: immigration enforcement (default)
    page.get_by_label("Yes").check()  # the person is held
    page.get_by_role("button", name="Next question").click()
    page.get_by_role("button", name="Next question").click()  # no emergency claimed
    expect(page.locator("body")).to_contain_text("That is every question")
    page.get_by_role("link", name="Continue: who came, and log it").click()
    # The intake form arrives with the classifier's answers filled in.
    assert page.get_by_label("Form I-247A (Immigration Detainer – Notice of Action)").is_checked()
    assert page.get_by_label("Keep the person in custody past release on a detainer").is_checked()
    assert page.get_by_label("Where is your agency? (city, county, state or province)").input_value() \
        == "San Francisco, California"
    page.get_by_label("Fax").check()
    assert page.get_by_label("Is the person held by your agency?").input_value() == "yes"
    page.get_by_label("Agent 1: name").fill("Officer Quill")
    page.get_by_label("Agent 1: badge number").fill("B-4471")
    page.get_by_label("Photo or PDF of the paper (stored encrypted)").set_input_files(str(scan))
    page.get_by_role("button", name="Classify and decide").click()
    page.wait_for_url("**/requests/*")
    assert page.get_by_role("heading", name="Do not do this").is_visible()
    expect(page.locator("body")).to_contain_text("Cal. Gov. Code")
    request_url = page.url

    page.get_by_label("Give the person a copy of the request").check()
    page.get_by_role("button", name="Save checklist").click()
    assert page.get_by_role("status").inner_text() == "Checklist saved."
    assert page.get_by_label("Give the person a copy of the request").is_checked()
    page.get_by_label("To counsel").check()
    page.get_by_label("Note (no personal data needed)").fill("Detainer without a judicial warrant")
    page.get_by_role("button", name="Escalate").click()
    expect(page.locator("body")).to_contain_text("Escalated to counsel")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{desk}/login")

    # Counsel: record the final decision and print the letter.
    _sign_in(page, desk, "cora")
    page.goto(request_url)
    page.get_by_label("Decision", exact=True).select_option("declined")
    page.get_by_label("Reason").fill("California forbids holds on detainers.")
    page.get_by_role("button", name="Record final decision").click()
    expect(page.locator("body")).to_contain_text("Final decision: Declined")
    page.get_by_role("link", name="Letter declining the immigration detainer").click()
    expect(page.locator("body")).to_contain_text("We decline to hold the person")
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden()
    page.emulate_media(media="screen")
    page.goto(request_url)
    page.get_by_role("link", name="Notice to the person (English, Spanish and French)").click()
    for heading in ("Notice: a request about you", "Aviso: una solicitud sobre usted",
                    "Avis : une demande vous concernant"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    expect(page.locator("body")).to_contain_text("We declined the request.")
    # At phone width (360 px) the request page and the notice fit: nothing scrolls sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (request_url, f"{request_url}/notice"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{desk}/card?jurisdiction=us/ca/san-francisco&kind=jail")
    for heading in ("Front-desk protocol", "Protocolo de recepción", "Protocole d'accueil"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    context.close()
    assert blocked == [], f"requests left the desk's host: {blocked}"


def test_api_docs_render_from_the_desk_itself_under_its_csp(desk: str, browser: Any) -> None:
    """/docs: the vendored Swagger UI renders the desk's own OpenAPI document with JavaScript on, under the
    strict Content-Security-Policy (no inline script), and nothing is fetched from anywhere else."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    outside: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(desk) else None)
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    answer = page.goto(f"{desk}/docs")
    assert answer is not None and "script-src 'self'" in (answer.headers.get("content-security-policy") or "")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Sanctuary request desk")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/requests")
    assert outside == []
    assert not [m for m in console if "Content Security Policy" in m], console
    context.close()

DECISION = {"en": "Do not do this", "es": "No lo haga", "fr": "Ne le faites pas"}
NOTICE_LINK = {"en": "Notice to the person", "es": "Aviso a la persona", "fr": "Avis à la personne"}
SUBMIT = {"en": "Classify and decide", "es": "Clasificar y decidir", "fr": "Classer et trancher"}


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_key_flow_in_each_language(desk: str, browser: Any, tmp_path: Path, lang: str, width: int) -> None:
    """Log a request, see the decision, print the notice: in English, Spanish and French, on a desktop and at
    phone width (360 px), with nothing scrolling sideways; screenshots kept under the test's tmp_path."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    _sign_in(page, desk, "clara")
    page.goto(f"{desk}/requests/new?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    page.locator("#place").fill("San Francisco, California")
    page.locator("#agency_kind").select_option("jail")
    page.locator("input[name=channel][value=fax]").check()
    page.locator("#paper-i247a").check()
    page.locator("#signed_by").select_option("immigration_officer")
    page.locator("#action-hold").check()
    page.locator("#in_custody").select_option("yes")
    page.locator("#agent_name_1").fill("Officer Quill")
    page.get_by_role("button", name=SUBMIT[lang]).click()
    page.wait_for_url("**/requests/*")
    assert page.get_by_role("heading", name=DECISION[lang]).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"request-{lang}-{width}.png"), full_page=True)
    page.get_by_role("link", name=NOTICE_LINK[lang]).click()
    for heading in ("Notice: a request about you", "Aviso: una solicitud sobre usted",
                    "Avis : une demande vous concernant"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"notice-{lang}-{width}.png"), full_page=True)
    context.close()
