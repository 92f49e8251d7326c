"""The guided classifier: one question a page to the end, a back link that keeps the answers, the defaults kept,
and the person's convictions and charges asked only where the law of the chosen place turns on them."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from tests.desk.conftest import Account, login

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _form(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The step asked and the hidden fields of the page's question form."""
    form = html.split('<form method="get" action="/classify">', 1)[1].split("</form>", 1)[0]
    hidden = [(unescape(n), unescape(v)) for n, v in
              re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)]
    step = dict(hidden)["step"]
    return step, hidden


def _questions(html: str) -> int:
    return len(re.findall(r"<legend>Question \d+:", html))


def _walk(client: TestClient, answers: dict[str, str | list[str]]) -> tuple[list[str], str]:
    """Answer each question from ``answers`` (unlisted ones keep their default); returns the steps asked and the
    last page."""
    page = client.get("/classify")
    asked: list[str] = []
    for _ in range(30):
        if "That is every question" in page.text:
            return asked, page.text
        assert page.status_code == 200, page.text
        assert _questions(page.text) == 1  # one question a page
        step, hidden = _form(page.text)
        asked.append(step)
        pairs = [(k, v) for k, v in hidden if k not in ("seen", "step")]
        fields = {
            "place": ["place"], "kind": ["agency_kind"], "paper": ["paper"], "signed_by": ["signed_by"],
            "court": ["court"], "attached": ["with_admin_warrant"], "action": ["action"], "data": ["data"],
            "context": ["context"], "location": ["location"], "requester": ["requester_agency"],
            "purpose": ["purpose"], "custody": ["in_custody"], "exigent": ["exigent"],
            "convictions": ["convictions", "conviction_class_1", "conviction_date_1"],
            "charges": ["pending_charges"], "consent": ["written_consent"],
        }[step]
        for name in fields:
            if name not in answers:
                checked = re.search(rf'name="{name}" value="([^"]*)" checked', page.text)
                if checked:
                    pairs.append((name, checked.group(1)))
                continue
            value = answers[name]
            for item in value if isinstance(value, list) else [value]:
                pairs.append((name, item))
        pairs += [(k, v) for k, v in hidden if k in ("seen", "step")]
        page = client.get(f"/classify?{urlencode(pairs)}")
    raise AssertionError("the classifier never ended")


COMMON: dict[str, str | list[str]] = {
    "agency_kind": "jail", "paper": "i247a", "signed_by": "immigration_officer", "action": "notify_release",
    "in_custody": "yes",
}


def test_convictions_asked_where_the_law_turns_on_them(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    asked, _ = _walk(client, {**COMMON, "place": "Newark, New Jersey", "convictions": "none",
                              "pending_charges": "none"})
    assert asked[:3] == ["place", "kind", "paper"]
    assert "convictions" in asked and "charges" in asked, asked  # New Jersey's directive turns on both
    assert "court" not in asked and "data" not in asked  # not asked when they cannot matter
    # A recent indictable conviction settles New Jersey's law: the charges no longer matter and are not asked.
    asked, end = _walk(client, {**COMMON, "place": "Newark, New Jersey", "convictions": "listed",
                                "conviction_class_1": "indictable", "conviction_date_1": "2024-01-10"})
    assert "convictions" in asked and "charges" not in asked, asked
    link = re.search(r'href="/requests/new\?([^"]+)"', end)
    assert link is not None
    query = unescape(link.group(1))
    assert "jurisdiction=us%2Fnj%2Fnewark" in query and "conviction_class_1=indictable" in query
    intake = client.get(f"/requests/new?{query}")
    assert 'value="indictable" selected' in intake.text and 'value="2024-01-10"' in intake.text


def test_convictions_not_asked_where_the_law_does_not_turn_on_them(client: TestClient,
                                                                   users: dict[str, Account]) -> None:
    login(client, "clerk")
    asked, _ = _walk(client, {**COMMON, "place": "Chicago, Illinois"})
    assert "convictions" not in asked and "charges" not in asked
    assert asked[-1] == "exigent"


def test_back_link_keeps_the_answers(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    page = client.get("/classify?" + urlencode({"step": "place", "place": "Chicago, Illinois", "seen": ""}))
    assert _form(page.text)[0] == "kind"
    _, hidden = _form(page.text)
    page = client.get("/classify?" + urlencode([*[(k, v) for k, v in hidden if k != "step"],
                                                ("agency_kind", "police"), ("step", "kind")]))
    assert _form(page.text)[0] == "paper"
    back = re.search(r'<a href="([^"]+)">← Back to the previous question</a>', page.text)
    assert back is not None
    again = client.get(unescape(back.group(1)))
    assert _form(again.text)[0] == "kind"
    assert 'name="agency_kind" value="police" checked' in again.text  # the answer is kept
    assert 'name="jurisdiction" value="us/il/chicago"' in again.text


def test_defaults_are_kept(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    page = client.get("/classify?" + urlencode({"step": "paper", "paper": "i200", "jurisdiction": "us/il/chicago",
                                                "agency_kind": "police", "seen": "place,kind"}))
    assert _form(page.text)[0] == "signed_by"
    assert 'name="signed_by" value="unknown" checked' in page.text


def test_place_is_chosen_when_several_match(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    page = client.get("/classify?" + urlencode({"step": "place", "place": "Springfield", "seen": ""}))
    assert page.status_code == 422 and "Which place do you mean?" in page.text
    assert "Springfield, Illinois" in page.text and "Springfield, Massachusetts" in page.text
    chosen = client.get("/classify?" + urlencode({"step": "place", "place": "Springfield",
                                                  "place_choice": "us/il/springfield", "seen": ""}))
    assert _form(chosen.text)[0] == "kind" and 'value="us/il/springfield"' in chosen.text
    unknown = client.get("/classify?" + urlencode({"step": "place", "place": "Xyzzyville", "seen": ""}))
    assert unknown.status_code == 422 and "no place is called" in unknown.text.lower()


def test_paper_step_names_the_paper(client: TestClient, users: dict[str, Account]) -> None:
    login(client, "clerk")
    base = {"jurisdiction": "us/il/chicago", "agency_kind": "police", "paper": "judicial_warrant",
            "signed_by": "immigration_officer", "court": "none", "seen": "place,kind,paper,signed_by,court"}
    page = client.get("/classify?" + urlencode(base))
    assert _form(page.text)[0] == "action"
    assert "treated as administrative paper" in page.text and "Not a judge's warrant" in unescape(page.text)
