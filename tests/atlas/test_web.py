"""The atlas pages through FastAPI's TestClient (public, no login, no JavaScript, no foreign assets)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

import sanctuary
from sanctuary.atlas import scenario
from sanctuary.atlas.web import router
from sanctuary.web.templating import STATIC_DIR


@pytest.fixture(scope="module")
def client(atlas_path: Path) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.atlas_db = str(atlas_path)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
    with TestClient(app) as c:
        yield c


def _no_foreign_assets(html: str) -> None:
    for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
        assert not re.search(r"(src|href)=\"(https?:)?//", tag), tag
    assert "<script" not in html


def test_map_page(client: TestClient) -> None:
    r = client.get("/atlas")
    assert r.status_code == 200
    _no_foreign_assets(r.text)
    assert "<svg" in r.text and 'role="img"' in r.text
    assert '<select id="view" name="view">' in r.text and 'method="get"' in r.text
    assert "/atlas/static/atlas.css" in r.text
    r = client.get("/atlas", params={"view": "scenario:shelter-asks-status", "country": "ca"})
    assert r.status_code == 200 and "Toronto" in r.text
    assert client.get("/atlas", params={"view": "nonsense"}).status_code == 422
    assert client.get("/atlas", params={"country": "mx"}).status_code == 422
    svg = client.get("/atlas/map.svg", params={"view": "agreements"})
    assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")


def test_jurisdiction_page_shows_rules_with_citations_and_sources(client: TestClient, conn: sqlite3.Connection
                                                                  ) -> None:
    r = client.get("/atlas/j/us/tx/travis-county")
    assert r.status_code == 200
    _no_foreign_assets(r.text)
    assert "Travis County" in r.text and "48453" in r.text
    for (citation,) in conn.execute("SELECT citation FROM rules WHERE jurisdiction = 'us/tx' "
                                    "AND effective_until = '' LIMIT 3"):
        assert citation.replace("&", "&amp;").replace("'", "&#39;") in r.text
    # Plain words, not the data's keys (issue 9 §2).
    assert "detainer policy (2014)" in r.text and "(history)" in r.text and "detainer_policy_2014" not in r.text
    assert "requires cooperation" in r.text  # inherited from Texas
    sf = client.get("/atlas/j/us/ca/san-francisco-county")
    assert "us/ca/san-francisco" in sf.text and "the law is applied to its requests under that id" in sf.text
    assert client.get("/atlas/j/us/zz/nowhere").status_code == 404


def test_compare_page(client: TestClient) -> None:
    r = client.get("/atlas/compare", params={"a": "us/il/cook-county", "b": "ca/on/toronto"})
    assert r.status_code == 200
    assert "Cook County" in r.text and "Toronto" in r.text and "Family scores" in r.text
    bad = client.get("/atlas/compare", params={"a": "us/il/cook-county", "b": "xx/nowhere"})
    assert bad.status_code == 422 and "b: no jurisdiction" in bad.text


def _rows(html: str) -> dict[str, str]:
    out = {}
    for jid, outcome in re.findall(r'<span class="small">([a-z/-]+)(?: \(as [a-z/-]+\))?</span></th>\s*'
                                   r'<td><span class="badge badge-(\w+)">', html):
        out[jid] = outcome
    return out


def test_scenario_answers_the_two_questions_on_one_screen(client: TestClient) -> None:
    r = client.get("/atlas/scenario", params={"preset": "detainer-county-jail"})
    assert r.status_code == 200
    rows = _rows(r.text)
    assert list(rows) == ["us/tx/travis-county", "us/il/cook-county", "us/ca/san-francisco"]
    req = scenario.preset_request("detainer-county-jail")
    for jid, outcome in rows.items():
        assert outcome == sanctuary.decide({**req, "agency": {"kind": "jail", "jurisdiction": jid}}).outcome
    r = client.get("/atlas/scenario", params={"preset": "shelter-asks-status"})
    rows = _rows(r.text)
    assert list(rows) == ["ca/on/toronto", "ca/bc/vancouver", "us/tx/houston"]
    req = scenario.preset_request("shelter-asks-status")
    for jid, outcome in rows.items():
        d = sanctuary.decide({**req, "agency": {"kind": "shelter", "jurisdiction": jid}})
        # Issue 7: where no encoded law speaks, the row shows its own class, never "allowed".
        assert outcome == ("no_rule" if d.coverage == "none" else d.outcome)
    assert r.text.count("<svg") >= 2  # a US and a Canadian map
    assert "no encoded law (agency discretion: ask counsel)" in r.text and "allowed by law" in r.text


def test_scenario_form_custom_request_and_errors(client: TestClient) -> None:
    params = {"kind": "jail", "action": "notify_release", "requester": "ice", "instrument": "detainer",
              "highlight": "us/il/cook-county, us/nowhere/x", "in_custody": "on"}
    r = client.get("/atlas/scenario", params=params)
    assert r.status_code == 200
    assert "us/il/cook-county" in _rows(r.text) and "Not in the atlas: us/nowhere/x" in r.text
    bad = client.get("/atlas/scenario", params={"kind": "jail", "action": "fly"})
    assert bad.status_code == 422 and "action: &#39;fly&#39; is not one of" in bad.text
    bad = client.get("/atlas/scenario", params={"kind": "jail", "action": "hold", "date": "tomorrow"})
    assert bad.status_code == 422 and "date:" in bad.text
    js = client.get("/atlas/scenario.json", params={"preset": "detainer-county-jail"})
    assert js.status_code == 200 and len(js.json()) > 3000
    js = client.get("/atlas/scenario.json", params={"kind": "rocket", "action": "hold"})
    assert js.status_code == 422 and js.json()["field"] == "agency.kind"


def test_context_sources_and_search_pages(client: TestClient) -> None:
    r = client.get("/atlas/context")
    assert r.status_code == 200
    for text in ("Toronto", "Vancouver", "Montréal", "Hamilton", "Edmonton", "access without fear",
                 "EO 14287", "25-cv-01350", "2025-08-05", "2025-07-18", "secondary", "Baltimore County"):
        assert text in r.text, text
    s = client.get("/atlas/sources")
    assert s.status_code == 200 and "ISC" in s.text and "CC BY 4.0" in s.text
    q = client.get("/atlas/search", params={"q": "travis"})
    assert "/atlas/j/us/tx/travis-county" in q.text
    css = client.get("/atlas/static/atlas.css")
    assert css.status_code == 200 and "@media print" in css.text


def test_missing_database_is_a_clear_503(tmp_path: Path) -> None:
    app = FastAPI()
    app.state.atlas_db = str(tmp_path / "none.db")
    app.include_router(router)
    with TestClient(app) as c:
        r = c.get("/atlas")
    assert r.status_code == 503 and "sanctuary atlas build" in r.text


def test_pages_have_unique_ids(client: TestClient) -> None:
    for url in ("/atlas", "/atlas/scenario?preset=shelter-asks-status", "/atlas/compare", "/atlas/j/ca/on/toronto"):
        html = client.get(url).text
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))
        for target in re.findall(r'aria-labelledby="([^"]+)"', html):
            assert all(t in ids for t in target.split()), (url, target)
