"""The atlas in English, Spanish and French; CSV/JSON downloads of every table; the desk's link into the atlas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from sanctuary.atlas.web import router
from sanctuary.web.templating import STATIC_DIR

PAGES = ["/atlas", "/atlas?view=scenario:detainer-county-jail&country=ca", "/atlas/j/us/tx/travis-county",
         "/atlas/compare?a=us/il/cook-county&b=ca/on/toronto", "/atlas/scenario?preset=shelter-asks-status",
         "/atlas/scenario", "/atlas/context", "/atlas/sources", "/atlas/search?q=springfield"]
WORDS = {"en": ("Find a place", "Download this table:"), "es": ("Buscar un lugar", "Descargar esta tabla:"),
         "fr": ("Trouver un lieu", "Télécharger ce tableau :")}


@pytest.fixture(scope="module")
def client(atlas_path: Path) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.atlas_db = str(atlas_path)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_atlas_page_speaks_the_chosen_language(client: TestClient, lang: str) -> None:
    client.cookies.clear()
    for path in PAGES:
        sep = "&" if "?" in path else "?"
        r = client.get(f"{path}{sep}lang={lang}")
        assert r.status_code == 200, path
        assert f'<html lang="{lang}">' in r.text and r.headers["content-language"] == lang, path
        assert WORDS[lang][0] in r.text, path
        for other in {"en", "es", "fr"} - {lang}:
            assert WORDS[other][0] not in r.text, (path, other)
        # Each table sits in its own scrolling region, named by its caption, with its downloads.
        tables = r.text.count("<table")
        assert tables == r.text.count('<div class="table-wrap" role="region"'), path
        assert tables == r.text.count("<caption"), path
        if path != "/atlas/scenario" and "search" not in path:
            assert WORDS[lang][1] in r.text, path
    client.cookies.clear()


def test_the_language_comes_from_the_browser_and_sticks(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get("/atlas/j/ca/yt", headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    assert '<html lang="fr">' in r.text and "Territoire" in r.text and "Province" not in r.text
    r = client.get("/atlas/j/ca/on", headers={"Accept-Language": "es"})
    assert '<html lang="es">' in r.text and "Provincia" in r.text
    client.get("/atlas?lang=fr")
    assert '<html lang="fr">' in client.get("/atlas/sources", headers={"Accept-Language": "es"}).text
    client.cookies.clear()


def test_translated_maps_and_plain_words(client: TestClient) -> None:
    svg = client.get("/atlas/map.svg?view=scenario:detainer-county-jail&lang=es").text
    assert "Leyenda (los círculos son ciudades)" in svg and "prohibido" in svg
    page = client.get("/atlas/scenario?preset=detainer-county-jail&lang=fr").text
    assert "Demande de détention de l’ICE dans une prison de comté" in page
    assert ">retenir la personne</option>" in page and "health_facility</option>" not in page


def test_every_table_downloads_as_csv_and_json(client: TestClient) -> None:
    seen: set[str] = set()
    for path in PAGES:
        html = client.get(path).text
        for name, query in re.findall(r'href="/atlas/table/([\w-]+)\.csv\?([^"]*)"', html):
            query = query.replace("&amp;", "&")
            seen.add(name)
            c = client.get(f"/atlas/table/{name}.csv?{query}")
            assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv"), (name, query)
            assert f'filename="atlas-{name}.csv"' in c.headers["content-disposition"]
            rows = list(csv.DictReader(io.StringIO(c.text)))
            j = client.get(f"/atlas/table/{name}.json?{query}")
            assert j.status_code == 200 and len(rows) == len(j.json()) > 0, (name, query)
            assert list(j.json()[0]) == list(rows[0]), name  # the same columns in both formats
            assert [str(v) if v is not None else "" for v in j.json()[0].values()] == list(rows[0].values())
    assert seen >= {"scores", "rules", "attributes", "inherited", "answers", "compare", "tally", "listed",
                    "scenario", "sources", "context-canada", "context-counts", "context-doj"}
    bad = client.get("/atlas/table/scores.json?j=us/zz/nowhere")
    assert bad.status_code == 422 and bad.json()["field"] == "j"
    assert client.get("/atlas/table/nothing.csv").status_code == 404
    assert client.get("/atlas/table/scores.xlsx?j=us").status_code == 404


def test_the_desk_link_finds_the_place(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get("/atlas/for/us/ca/san-francisco", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/atlas/j/us/ca/san-francisco"
    r = client.get("/atlas/for/us/tx/travis-county?lang=es", follow_redirects=False)
    assert r.headers["location"] == "/atlas/j/us/tx/travis-county?lang=es"
    r = client.get("/atlas/for/us/tx/nowhere-town", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/atlas/j/us/tx?missing=us%2Ftx%2Fnowhere-town"
    page = client.get(r.headers["location"])
    assert "us/tx/nowhere-town is not in the atlas" in page.text
    assert client.get("/atlas/for/zz/nowhere", follow_redirects=False).status_code == 404
