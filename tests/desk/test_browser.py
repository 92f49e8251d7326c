"""The desk flow clicked through in Debian's Chromium (Playwright), against a real `sanctuary serve`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from sanctuary import i18n
from tests.browser.axe_check import assert_accessible, page_overflow
from tests.desk.conftest import detainer_body
from tests.desk.server import create_account, env_for, free_port, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "browser test password"


TOKENS: dict[str, str] = {}  # role -> API token, for setting up a flow's request quickly


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = env_for(tmp_path_factory.mktemp("browser") / "data")
    for username, role in (("clara", "clerk"), ("sam", "supervisor"), ("cora", "counsel"), ("ada", "admin")):
        TOKENS[role] = create_account(env, username, role, PASSWORD)
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
def test_key_flow_in_each_language(desk: str, browser: Any, lang: str, width: int) -> None:
    """Log a request, see the decision, print the notice: in English, Spanish and French, on a desktop and at
    phone width (360 px), with nothing scrolling sideways (the key pages' screenshots are kept by
    tests/desk/test_browser_a11y.py)."""
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
    page.get_by_role("link", name=NOTICE_LINK[lang]).click()
    for heading in ("Notice: a request about you", "Aviso: una solicitud sobre usted",
                    "Avis : une demande vous concernant"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


# --- each desk flow in the three languages, on a desktop and at phone width ----------------------------------

FLOW_WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
flows = pytest.mark.parametrize("width", list(FLOW_WIDTHS))
languages = pytest.mark.parametrize("lang", ["en", "es", "fr"])


def t(lang: str, message: str, **values: object) -> str:
    """The catalogue's words for ``message`` in ``lang`` (what the page must show)."""
    with i18n.rendering_in(lang):
        text = i18n.gettext(message)
    return text % values if values else text


def translated(lang: str, message: str) -> str:
    """As :func:`t`, and never the English in Spanish or French: the page really is in the chosen language."""
    text = t(lang, message)
    assert lang == "en" or text != message, (lang, message)
    return text


def _logged(desk: str, body: dict[str, Any], role: str = "clerk") -> int:
    made = httpx.post(f"{desk}/api/v1/requests", json=body, timeout=30,
                      headers={"Authorization": f"Bearer {TOKENS[role]}"})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _api(desk: str, role: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(f"{desk}/api/v1{path}", json=body, timeout=30,
                        headers={"Authorization": f"Bearer {TOKENS[role]}"})
    assert answer.status_code in (200, 201), answer.text
    result: dict[str, Any] = answer.json()
    return result


@pytest.fixture(scope="module")
def people(desk: str, browser: Any) -> Iterator[dict[str, Any]]:
    """A page per role, signed in once for all the flows below."""
    pages: dict[str, Any] = {}
    for role, username in (("clerk", "clara"), ("supervisor", "sam"), ("counsel", "cora"), ("admin", "ada")):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(f"{desk}/login?lang=en")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/login" not in url)
        pages[role] = page
    yield pages
    for page in pages.values():
        page.context.close()


def _at(people: dict[str, Any], role: str, width: str) -> Any:
    page = people[role]
    page.set_viewport_size(FLOW_WIDTHS[width])
    return page


def _fits(page: Any, lang: str) -> None:
    """The page is in ``lang`` and nothing scrolls sideways (at 360 px, wide tables scroll in their own box)."""
    assert page.locator("html").get_attribute("lang") == lang
    assert page_overflow(page) == 0, page.url


@languages
@flows
def test_a_final_decision_against_the_law_needs_counsel_and_a_reason(desk: str, people: dict[str, Any], lang: str,
                                                                     width: str) -> None:
    rid = _logged(desk, detainer_body())  # a hold on a detainer in San Francisco: the law forbids it
    supervisor = _at(people, "supervisor", width)
    supervisor.goto(f"{desk}/requests/{rid}?lang={lang}")
    _fits(supervisor, lang)
    # The page says what the law said, next to the decision form.
    expect(supervisor.locator("#decision-h")).to_have_text(translated(lang, "Do not do this"))
    expect(supervisor.locator("form[action$='/final'] .warning")).to_contain_text(
        translated(lang, "The law forbids doing what was asked."))
    supervisor.locator("#outcome").select_option("complied")
    supervisor.locator("#reason").fill("The agents insisted on it.")
    supervisor.locator("form[action$='/final'] button[type=submit]").click()
    law = translated(lang, "The law in force forbids doing what was asked.")
    expect(supervisor.get_by_role("alert")).to_have_text(t(lang, "%(law)s Only counsel may record a final decision "
                                                               "that goes against it, with a written reason. "
                                                               "Escalate the request to counsel.", law=law))
    assert supervisor.locator("li.final").count() == 0  # nothing was recorded
    _fits(supervisor, lang)
    assert_accessible(supervisor)  # the refusal, as a screen reader meets it
    counsel = _at(people, "counsel", width)
    counsel.goto(f"{desk}/requests/{rid}?lang={lang}")
    counsel.locator("#outcome").select_option("complied")
    counsel.locator("#reason").fill("Court order.")  # too short for going against the law
    counsel.locator("form[action$='/final'] button[type=submit]").click()
    expect(counsel.get_by_role("alert")).to_contain_text(law)
    expect(counsel.get_by_role("alert")).to_contain_text("20")
    assert counsel.locator("li.final").count() == 0
    counsel.locator("#outcome").select_option("complied")
    counsel.locator("#reason").fill("A federal judge's arrest warrant was served with the detainer.")
    counsel.locator("form[action$='/final'] button[type=submit]").click()
    expect(counsel.get_by_role("status")).to_have_text(translated(lang, "Final decision recorded."))
    final = counsel.locator("li.final")
    expect(final).to_have_count(1)
    expect(final).to_contain_text(translated(lang, "This decision goes against the law as encoded; counsel "
                                                   "recorded it."))
    expect(final).to_contain_text("A federal judge's arrest warrant was served with the detainer.")
    _fits(counsel, lang)


@languages
@flows
def test_a_correction_supersedes_the_earlier_decision_and_both_are_shown(desk: str, people: dict[str, Any], lang: str,
                                                                        width: str) -> None:
    rid = _logged(desk, detainer_body())
    _api(desk, "counsel", f"/requests/{rid}/final",
         {"outcome": "declined", "reason": "Cal. Gov. Code § 7284.6(a)(1)(B)"})
    counsel = _at(people, "counsel", width)
    counsel.goto(f"{desk}/requests/{rid}?lang={lang}")
    _fits(counsel, lang)
    form = counsel.locator("form[action$='/final']")
    expect(form.locator("legend")).to_have_text(translated(lang, "Correct the final decision (the one on record is "
                                                                 "kept)"))
    counsel.locator("#outcome").select_option("declined")
    counsel.locator("#reason").fill("Cite § 7284.6(a)(1)(A) as well.")
    form.locator("button[type=submit]").click()
    expect(counsel.get_by_role("status")).to_have_text(translated(lang, "Final decision corrected."))
    finals = counsel.locator("li.final")
    expect(finals).to_have_count(2)
    expect(finals.nth(0)).to_have_class("final superseded")
    expect(finals.nth(0)).to_contain_text(translated(lang, "(superseded)"))
    expect(finals.nth(0)).to_contain_text("Cal. Gov. Code § 7284.6(a)(1)(B)")
    expect(finals.nth(1)).to_contain_text(translated(lang, "correcting an earlier decision"))
    expect(finals.nth(1)).to_contain_text("Cite § 7284.6(a)(1)(A) as well.")
    _fits(counsel, lang)


@languages
@flows
def test_corrected_facts_are_decided_again(desk: str, people: dict[str, Any], lang: str, width: str) -> None:
    rid = _logged(desk, detainer_body())
    clerk = _at(people, "clerk", width)
    clerk.goto(f"{desk}/requests/{rid}?lang={lang}")
    expect(clerk.locator("#decision-h")).to_have_text(translated(lang, "Do not do this"))
    clerk.get_by_role("link", name=translated(lang, "Correct the facts and decide again")).click()
    clerk.wait_for_url(f"{desk}/requests/{rid}/edit")
    _fits(clerk, lang)
    # The clerk had the wrong place: the jail is in Travis County, Texas, whose law requires honouring detainers.
    clerk.locator("#place").fill("Travis County, Texas")
    clerk.locator("#reason").fill("The jail is in Travis County, Texas.")
    clerk.locator("form[action$='/edit'] button[type=submit]").click()
    expect(clerk.get_by_role("status")).to_have_text(translated(lang, "Facts corrected and decided again."))
    expect(clerk.locator("#decision-h")).to_have_text(translated(lang, "You must do this"))
    history = clerk.locator("section[aria-labelledby=history-h]")
    expect(history).to_contain_text("The jail is in Travis County, Texas.")
    expect(history).to_contain_text(translated(lang, "(the earlier facts and decision are kept)"))
    _fits(clerk, lang)


@languages
@flows
def test_escalated_to_me_lists_the_deadlines(desk: str, people: dict[str, Any], lang: str, width: str) -> None:
    body = detainer_body()
    body["request"]["action"] = "notify_release"  # type: ignore[index]  # a detainer's 48 hours are shown
    rid = _logged(desk, body)
    _api(desk, "clerk", f"/requests/{rid}/escalations", {"target_role": "supervisor", "note": f"Release soon ({lang})"})
    supervisor = _at(people, "supervisor", width)
    supervisor.goto(f"{desk}/queue?lang={lang}")
    _fits(supervisor, lang)
    expect(supervisor.get_by_role("heading", level=1)).to_have_text(translated(lang, "Escalated to me"))
    row = supervisor.locator("tr", has=supervisor.get_by_role("link", name=f"#{rid}", exact=True))
    deadline = row.locator("td").nth(2).inner_text()
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", deadline), deadline  # when the 48 hours end
    if lang != "en":  # the weekday in the page's language
        assert not re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", deadline), deadline
    expect(row).to_contain_text(f"Release soon ({lang})")
    assert_accessible(supervisor)
    row.get_by_role("link", name=f"#{rid}").click()
    expect(supervisor.locator("#deadlines-h")).to_have_text(translated(lang, "Deadlines"))
    _fits(supervisor, lang)


@languages
@flows
def test_the_agency_profile_heads_the_letter_and_the_notice(desk: str, people: dict[str, Any], lang: str,
                                                            width: str) -> None:
    admin = _at(people, "admin", width)
    admin.goto(f"{desk}/admin/agency?lang={lang}")
    _fits(admin, lang)
    letterhead = f"City of Testing\nOffice of the City Attorney ({lang}, {width})"
    admin.locator("#name").fill("City of Testing")
    admin.locator("#letterhead").fill(letterhead)
    admin.locator("#address").fill("1 Test Plaza\nTesting, CA 94000")
    admin.locator("#timezone").fill("America/Los_Angeles")
    admin.locator("form[action='/admin/agency'] button[type=submit]").click()
    expect(admin.get_by_role("status")).to_have_text(
        translated(lang, "Profile saved. The change is recorded in the audit log."))
    rid = _logged(desk, detainer_body())
    _api(desk, "counsel", f"/requests/{rid}/final", {"outcome": "declined", "reason": "Cal. Gov. Code § 7284.6"})
    clerk = _at(people, "clerk", width)
    clerk.goto(f"{desk}/requests/{rid}/letter?lang={lang}")
    assert clerk.locator("html").get_attribute("lang") == "en"  # the recipient's language (ICE in California)
    expect(clerk.locator(".letterhead")).to_contain_text(f"Office of the City Attorney ({lang}, {width})")
    expect(clerk.locator(".letterhead")).to_contain_text("1 Test Plaza")
    assert page_overflow(clerk) == 0
    clerk.goto(f"{desk}/requests/{rid}/notice?lang={lang}")
    _fits(clerk, lang)
    expect(clerk.locator(".letterhead")).to_contain_text(f"Office of the City Attorney ({lang}, {width})")


@languages
@flows
def test_a_quebec_request_gets_a_french_notice_and_letter(desk: str, people: dict[str, Any], lang: str,
                                                          width: str) -> None:
    rid = _logged(desk, detainer_body("ca/qc/montreal"))
    _api(desk, "counsel", f"/requests/{rid}/final",
         {"outcome": "declined", "reason": "No judicial warrant was served."})
    clerk = _at(people, "clerk", width)
    clerk.goto(f"{desk}/requests/{rid}/notice?lang={lang}")
    _fits(clerk, lang)  # the staff's words in their language; the notice in French first, then English
    sections = clerk.locator("section.notice-language")
    assert [sections.nth(i).get_attribute("lang") for i in range(sections.count())] == ["fr", "en"]
    expect(sections.nth(0).get_by_role("heading", level=1)).to_have_text("Avis : une demande vous concernant")
    expect(clerk.get_by_role("heading", name="Aviso: una solicitud sobre usted")).to_have_count(0)
    clerk.goto(f"{desk}/requests/{rid}/letter?lang={lang}")
    assert clerk.locator("html").get_attribute("lang") == "fr"  # Québec: the letter is written in French
    with i18n.rendering_in("fr"):
        expect(clerk.locator("main")).to_contain_text(i18n.gettext("This agency received the detainer referenced "
                                                                   "above. We decline to hold the person beyond "
                                                                   "the time they would otherwise be released."))
    assert page_overflow(clerk) == 0
