"""Issue 9 §5 for the desk: every page a clerk, supervisor, counsel or administrator uses, in English, Spanish
and French, on a desktop (1280 px) and a phone (360 px), in Debian's Chromium against a real `sanctuary serve`:

- axe-core finds no serious or critical violation (the page's own CSP stays in force);
- every Tab stop in the page's content shows a focus ring of at least 3:1 (the shared header is checked once
  per language and width, from the top of the dashboard);
- ``<html lang>`` is the page's language and nothing scrolls sideways;
- full-page screenshots of the key pages (new request, decision, notice, letter, queue) are kept under
  ``tests/browser/artefacts`` as ``desk-<page>-<desktop|phone>-<lang>.png``.

One browser and one signed-in context per role serve the whole module; each test is one language at one width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.axe_check import axe_violations, focus_problems, page_overflow, require_axe, save_screenshot
from tests.browser.chromium import launched
from tests.desk.conftest import detainer_body
from tests.desk.server import create_account, env_for, free_port, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "browser test password"
LANGS = ("en", "es", "fr")
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
USERS = {"clerk": "clara", "supervisor": "sam", "counsel": "cora", "admin": "ada"}


@dataclass
class Desk:
    base: str
    tokens: dict[str, str]
    escalated: int  # a Californian detainer escalated to counsel: open, the final-decision form on its page
    decided: int  # the same, declined by counsel: the letter is final


def _api(desk_base: str, token: str, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.request(method, f"{desk_base}/api/v1{path}", json=body, timeout=30,
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code in (200, 201), answer.text
    result: dict[str, Any] = answer.json()
    return result


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    env = env_for(tmp_path_factory.mktemp("desk-a11y") / "data")
    env["SANCTUARY_JURISDICTION"] = "us/ca/san-francisco"
    tokens = {role: create_account(env, name, role, PASSWORD) for role, name in USERS.items()}
    port = free_port()
    with served(env, port):
        base = f"http://127.0.0.1:{port}"
        _api(base, tokens["admin"], "PUT", "/agency", {
            "name": "City of Testing", "address": "1 Test Plaza\nTesting, CA 94000",
            "letterhead": "City of Testing\nOffice of the City Attorney", "counsel_phone": "+1 415 555 0100",
            "timezone": "America/Los_Angeles"})
        escalated = _api(base, tokens["clerk"], "POST", "/requests", detainer_body())["id"]
        _api(base, tokens["clerk"], "POST", f"/requests/{escalated}/escalations",
             {"target_role": "counsel", "note": "A hold on a detainer"})
        decided = _api(base, tokens["clerk"], "POST", "/requests", detainer_body())["id"]
        _api(base, tokens["counsel"], "POST", f"/requests/{decided}/final",
             {"outcome": "declined", "reason": "Cal. Gov. Code § 7284.6(a)(1)(B)"})
        yield Desk(base, tokens, escalated, decided)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_axe()
    with launched() as instance:
        yield instance


FOREIGN: list[str] = []  # requests to any other host than the desk's (none allowed)


@pytest.fixture(scope="module")
def signed_in(desk: Desk, browser: Any) -> Iterator[dict[str, Any]]:
    """One page per role, signed in once (JavaScript on, for axe: the pages work without it)."""
    pages: dict[str, Any] = {}
    for role in (None, *USERS):
        context = browser.new_context(viewport=WIDTHS["desktop"])
        context.on("request", lambda r: FOREIGN.append(r.url) if not r.url.startswith(desk.base) else None)
        page = context.new_page()
        page.set_default_timeout(15000)
        if role is not None:
            page.goto(f"{desk.base}/login?lang=en")
            page.locator("#username").fill(USERS[role])
            page.locator("#password").fill(PASSWORD)
            page.locator("form[action='/login'] button[type=submit]").click()
            page.wait_for_url(lambda url: "/login" not in url)  # signed in: sent on to the desk
        pages[role or "anonymous"] = page
    yield pages
    for page in pages.values():
        page.context.close()


def _open_details(page: Any) -> None:
    page.locator("details.counsel > summary").first.click()
    assert page.evaluate("document.querySelector('details.counsel').open")


def _classify_later_question(page: Any) -> None:
    """From the first question (the place) on to the third (the paper), the way a clerk goes."""
    page.locator("#place").fill("San Francisco, California")
    page.locator("form[action='/classify'] button[type=submit]").click()
    page.locator("#agency_kind-jail").check()
    page.locator("form[action='/classify'] button[type=submit]").click()
    page.locator("input[name=paper]").first.wait_for()
    assert page.locator("input[name=paper]").count() > 3


def _check_a_form(page: Any) -> None:
    """The form check's answer: its findings table (a scrolling region at 360 px)."""
    page.locator("#form-file").set_input_files(files=[{
        "name": "intake.txt", "mimeType": "text/plain",
        "buffer": "Nombre\nPaís de nacimiento\n¿Cuál es su estatus migratorio?\n".encode()}])
    page.locator("form[action='/forms/check'] button[type=submit]").click()
    expect(page.locator("section[aria-labelledby=findings-h] table tbody tr")).to_have_count(2)  # waits for it


def _place_choice(page: Any) -> None:
    """The intake form sent with a place several places share: the error and the choice of places."""
    page.locator("#place").fill("Springfield")
    page.locator("input[name=channel][value=fax]").check()
    page.locator("#paper-i247a").check()
    page.locator("#action-hold").check()
    page.locator("form[action='/requests/new'] button[type=submit]").click()
    page.locator("#place-choices").wait_for()
    assert page.locator("#place-choices input[type=radio]").count() > 1


@dataclass(frozen=True)
class Visit:
    name: str
    role: str
    path: str
    then: Callable[[Any], None] | None = None
    shot: bool = False  # a key page: its screenshot is kept
    lang: str | None = None  # the page's language when it is not the chosen one (a letter: the recipient's)
    status: int = 200


def _visits(desk: Desk) -> list[Visit]:
    e, d = desk.escalated, desk.decided
    return [
        Visit("login", "anonymous", "/login"),
        Visit("dashboard", "clerk", "/"),
        Visit("new-request", "clerk", "/requests/new", shot=True),
        Visit("new-request-place-choice", "clerk", "/requests/new", then=_place_choice),
        Visit("place-search", "clerk", "/places?q=Springfield&next=/requests/new"),
        Visit("classify-first", "clerk", "/classify"),
        Visit("classify-later", "clerk", "/classify", then=_classify_later_question),
        Visit("edit", "clerk", f"/requests/{e}/edit"),
        Visit("notice", "clerk", f"/requests/{e}/notice", shot=True),
        Visit("card", "clerk", "/card?jurisdiction=us/ca/san-francisco&kind=jail"),
        Visit("forms-check", "clerk", "/forms/check"),
        Visit("forms-check-findings", "clerk", "/forms/check", then=_check_a_form),
        Visit("vault", "clerk", "/vault"),
        Visit("tokens", "clerk", "/account/tokens"),
        Visit("decision", "counsel", f"/requests/{e}", shot=True),  # with the final-decision form
        Visit("decision-counsel-details", "counsel", f"/requests/{e}", then=_open_details),
        Visit("decided", "counsel", f"/requests/{d}"),  # correction, close and grant forms
        Visit("letter", "counsel", f"/requests/{d}/letter", shot=True, lang="en"),
        Visit("queue", "counsel", "/queue", shot=True),
        Visit("reports", "supervisor", "/reports"),
        Visit("approvals", "counsel", "/approvals"),
        Visit("agency", "admin", "/admin/agency"),
        Visit("users", "admin", "/admin/users"),
        Visit("collector", "admin", "/collector"),
        Visit("error", "clerk", "/requests/999999", status=404),
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_desk_page_is_accessible(desk: Desk, signed_in: dict[str, Any], width: str, lang: str) -> None:
    failures: list[str] = []
    for page in signed_in.values():
        page.set_viewport_size(WIDTHS[width])
    # The header shared by every page: its links, language switcher and sign-out button, once.
    home = signed_in["counsel"]
    home.goto(f"{desk.base}/?lang={lang}")
    failures += [f"header: {p}" for p in focus_problems(home, stops=25)]
    for visit in _visits(desk):
        page = signed_in[visit.role]
        joiner = "&" if "?" in visit.path else "?"
        answer = page.goto(f"{desk.base}{visit.path}{joiner}lang={lang}")
        assert answer is not None and answer.status == visit.status, (visit.name, answer and answer.status)
        if visit.then is not None:
            visit.then(page)
        shown = page.locator("html").get_attribute("lang")
        if shown != (visit.lang or lang):
            failures.append(f"{visit.name}: <html lang={shown!r}>, expected {visit.lang or lang!r}")
        if visit.shot:
            save_screenshot(page, f"desk-{visit.name}-{width}-{lang}")
        overflow = page_overflow(page)
        if overflow > 0:
            wide = page.evaluate("""() => [...document.querySelectorAll('main *')].filter(e =>
                e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('table'))
                .slice(0, 4).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)""")
            failures.append(f"{visit.name}: the page scrolls {overflow}px sideways ({wide})")
        failures += [f"{visit.name}: axe {v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
                     for v in axe_violations(page)]
        failures += [f"{visit.name}: {p}" for p in focus_problems(page, stops=30, start="main")]
    assert FOREIGN == []
    assert failures == [], "\n".join(failures)
