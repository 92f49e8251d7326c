"""Every desk page reads in plain words: no snake_case codes, no hashes, no "the engine" or "see the API"
outside the "Details for counsel" disclosure; a decision no encoded law covers says so and sends the person to
counsel; a forbidden hold shows no hold deadline."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import Decision
from tests.desk.conftest import Account, login

sqlite_only = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
HASHLIKE = re.compile(r"\b[0-9a-f]{12,}\b")
BANNED = ("the engine", "see the api", "api for details", "rule set", "layer")
HIDDEN = {"details", "script", "style", "datalist", "template"}


class _Visible(HTMLParser):
    """The text a person reads on the page, less what is inside <details> (the disclosure for counsel)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def problems(html: str) -> list[str]:
    text = visible(html)
    found = [f"snake_case {m!r}" for m in SNAKE.findall(text)]
    found += [f"hash-like {m!r}" for m in HASHLIKE.findall(text)]
    found += [f"phrase {p!r}" for p in BANNED if p in text.lower()]
    return found


def test_the_checker_catches_what_it_must() -> None:
    page = ("<p>Rule set <code>3f2a9c0d11aa77bb</code>: see the API for details; layer us/ca, rule "
            "sf_detainer_ban</p><details><summary>Details for counsel</summary><code>sf_detainer_ban</code>"
            "</details>")
    found = problems(page)
    assert "snake_case 'sf_detainer_ban'" in found and "hash-like '3f2a9c0d11aa77bb'" in found
    assert "phrase 'see the api'" in found and "phrase 'rule set'" in found and "phrase 'layer'" in found
    assert problems("<details><summary>Details for counsel</summary><code>sf_detainer_ban 3f2a9c0d11aa77bb"
                    "</code></details><p>Do not do this.</p>") == []


SAMPLES: dict[str, dict[str, Any]] = {
    "forbidden_hold": {"jurisdiction": "us/ca/san-francisco", "action": "hold", "paper": "detainer"},
    "undetermined": {"jurisdiction": "us/nj/newark", "action": "notify_release", "paper": "detainer"},
    "required": {"jurisdiction": "us/tx/travis-county", "action": "hold", "paper": "detainer"},
    "quebec": {"jurisdiction": "ca/qc/montreal", "action": "disclose", "paper": "none", "data": ["address"]},
    "inspection": {"jurisdiction": "us/il/chicago", "action": "disclose", "paper": "notice_of_inspection",
                   "kind": "city_agency", "data": ["identity"]},
}


def _log(client: TestClient, clerk: Account, sample: dict[str, Any]) -> int:
    request: dict[str, Any] = {
        "date": "2026-03-02",
        "agency": {"jurisdiction": sample["jurisdiction"], "kind": sample.get("kind", "jail")},
        "action": sample["action"], "requester": {"agency": "ice", "purpose": "civil_immigration"},
        "instrument": {"type": sample["paper"]} if sample["paper"] == "none"
        else {"type": sample["paper"], "signed_by": "immigration_officer"},
        "subject": {"in_custody": True},
    }
    if "data" in sample:
        request["data"] = sample["data"]
    form_seen = {"detainer": "i247a", "none": "none", "notice_of_inspection": "i9_noi"}[sample["paper"]]
    body = {"request": request, "intake": {"channel": "fax", "received_at": "2026-03-06T15:00:00+00:00",
                                           "agents": [{"name": "Officer Quill", "badge": "B-4471"}],
                                           "form_seen": form_seen}}
    response = client.post("/api/v1/requests", json=body, headers=clerk.auth)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _pages(request_id: int) -> list[str]:
    return [f"/requests/{request_id}", f"/requests/{request_id}/notice", f"/requests/{request_id}/letter",
            f"/requests/{request_id}/edit"]


@sqlite_only
def test_desk_pages_speak_plainly(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    ids = {name: _log(client, users["clerk"], sample) for name, sample in SAMPLES.items()}
    paths = ["/", "/requests/new", "/classify", "/card?jurisdiction=us/ca/san-francisco&kind=jail",
             "/card?jurisdiction=ca/qc/montreal&kind=police", "/places?q=springfield",
             "/classify?jurisdiction=us/nj/newark&agency_kind=jail&paper=i247a&seen=place,kind,paper"]
    for request_id in ids.values():
        paths += _pages(request_id)
    login(client, "supervisor")
    checked = 0
    for path in paths:
        page = client.get(path)
        if page.status_code == 409:  # no letter fits this paper and outcome
            continue
        assert page.status_code == 200, (path, page.status_code)
        assert problems(page.text) == [], (path, problems(page.text))
        checked += 1
    assert checked >= len(paths) - 3
    for path in ("/queue",):
        assert problems(client.get(path).text) == []
    login(client, "admin")
    for path in ("/admin/users", "/admin/agency"):
        page = client.get(path)
        assert page.status_code == 200 and problems(page.text) == [], (path, problems(page.text))
    # The internals are still there for counsel, inside the disclosure.
    login(client, "counsel")
    page = client.get(f"/requests/{ids['forbidden_hold']}")
    details = page.text.split("<summary>Details for counsel</summary>", 1)[1].split("</details>", 1)[0]
    assert re.search(r"[0-9a-f]{64}", details) and "us/ca/san-francisco" in details


@sqlite_only
def test_forbidden_hold_shows_no_hold_deadline(client: TestClient, users: dict[str, Account]) -> None:
    forbidden = _log(client, users["clerk"], SAMPLES["forbidden_hold"])
    required = _log(client, users["clerk"], SAMPLES["required"])
    login(client, "supervisor")
    assert "48-hour detainer period" not in client.get(f"/requests/{forbidden}").text
    assert "48-hour detainer period" in client.get(f"/requests/{required}").text
    api = client.get(f"/api/v1/requests/{forbidden}", headers=users["supervisor"].auth).json()
    assert all(d["kind"] != "detainer_48h" for d in api.get("deadlines", []))


@sqlite_only
def test_no_encoded_law_reads_as_such(client: TestClient, ctx: DeskContext, users: dict[str, Account]) -> None:
    request_id = _log(client, users["clerk"], SAMPLES["quebec"])
    with ctx.sessions() as session:  # a decision no encoded rule covers (the engine's coverage "none")
        row = session.scalars(select(Decision).where(Decision.request_id == request_id)).one()
        row.decision = {**row.decision, "outcome": "allowed", "coverage": "none", "basis": [], "decided_by": None}
        session.commit()
    login(client, "clerk")
    page = client.get(f"/requests/{request_id}")
    text = visible(page.text)
    assert "No encoded law covers this" in text and "Ask counsel, or follow your agency's written policy" in text
    assert "You may, with care" not in text
    assert problems(page.text) == []


def test_field_words() -> None:
    from sanctuary.desk.wording import field_words

    assert field_words("conviction_date_2") == "Conviction 2: date"
    assert field_words("agent_name_1") == "Agent's name 1"
    assert field_words("request.action") == "What is asked?"
    assert field_words("timezone") == "Time zone"


@sqlite_only
def test_form_errors_name_the_field_in_words(client: TestClient, users: dict[str, Account]) -> None:
    csrf = login(client, "clerk")
    page = client.post("/requests/new", data={
        "csrf": csrf, "place": "San Francisco, California", "agency_kind": "jail", "channel": "fax",
        "paper": "i247a", "action": "hold", "convictions": "listed", "conviction_class_1": "felony"})
    assert page.status_code == 422
    assert "Conviction 1: date" in page.text
    assert problems(page.text) == []
