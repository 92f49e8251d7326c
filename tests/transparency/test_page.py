"""The public page and its downloads, through the app: public, three languages, the JSON and CSV shapes,
nothing under k, nothing typed at intake, the before-and-after chart, caching and the CSP."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from sanctuary.settings import Settings
from sanctuary.transparency import messages
from sanctuary.transparency.web import choose_language
from tests.transparency.conftest import CANARIES, Desk, make_desk


def _seed(desk: Desk) -> None:
    """Around Oregon's Sanctuary Promise Act (19 July 2021): 12 detainers declined (big cells), 3 complied and
    2 warrants not yet decided (small cells)."""
    for n in range(12):
        desk.log("detainer", "hold", f"2021-{6 + n % 3:02d}-{n + 1:02d}", "declined")
    for n in range(3):
        desk.log("detainer", "hold", f"2021-08-{n + 20:02d}", "complied")
    for _ in range(2):
        desk.log("admin_warrant", "notify_release", "2021-09-03", None)


def _cells(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, dict):
        if "count" in obj:
            yield obj
        for value in obj.values():
            yield from _cells(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _cells(value)


def test_public_without_login_and_json_shape(desk: Desk) -> None:
    _seed(desk)
    response = desk.client.get("/transparency/data.json")
    assert response.status_code == 200
    data = response.json()
    assert data["k"] == 5
    assert data["columns"] == ["declined", "complied", "partially_complied", "referred_to_counsel",
                               "no_action_needed", "pending"]
    assert set(data["tables"]) == {"by_paper", "by_action", "by_month"}
    assert data["period"] == {"first_month": "2021-06", "last_month": "2021-09"}
    by_paper = data["tables"]["by_paper"]
    assert [row["key"] for row in by_paper["rows"]][:3] == ["none", "detainer", "admin_warrant"]
    detainer = by_paper["rows"][1]
    assert detainer["cells"]["declined"] == {"count": 12, "suppressed": False}
    assert detainer["cells"]["complied"] == {"count": None, "suppressed": True}  # 3 < k
    assert detainer["cells"]["partially_complied"] == {"count": 0, "suppressed": False}
    assert by_paper["grand_total"] == {"count": 17, "suppressed": False}
    assert [row["key"] for row in data["tables"]["by_month"]["rows"]] == ["2021-06", "2021-07", "2021-08",
                                                                           "2021-09"]
    for cell in _cells(data):
        assert set(cell) == {"count", "suppressed"}
        assert cell["suppressed"] is (cell["count"] is None)
        assert cell["count"] is None or not 0 < cell["count"] < data["k"], cell
    # The shared margin is the same in every table, and the by-outcome table is it.
    margins = [t["column_totals"] for t in data["tables"].values()]
    assert margins[0] == margins[1] == margins[2] == data["by_outcome"]["cells"]
    policy = data["policy"]
    assert policy["jurisdiction"] == "us/or/salem" and policy["layer"] == "us/or"
    assert policy["effective"] == "2021-07-19" and policy["citation"].startswith("ORS 181A")
    assert policy["window_months"] == ["2021-06", "2021-07", "2021-08", "2021-09"]


def test_no_number_under_k_anywhere_and_the_check_walk(desk: Desk) -> None:
    """The contract check's own walk (shared/checks/desk.py): any dict with an int "count" in (0, k)."""
    for n in range(4):
        desk.log("detainer", "hold", f"2026-01-{n + 5:02d}", "declined")
    desk.log("judicial_warrant", "transfer", "2026-02-01", "complied")
    data = desk.client.get("/transparency/data.json").json()
    small = [c for c in _cells(data) if isinstance(c["count"], int) and 0 < c["count"] < int(data.get("k", 5))]
    assert small == []
    # Five requests in all: the grand total is published; the four and the one are not.
    assert data["by_outcome"]["total"] == {"count": 5, "suppressed": False}
    assert data["by_outcome"]["cells"]["declined"]["suppressed"] is True


def test_csv_shape_matches_json(desk: Desk) -> None:
    _seed(desk)
    text = desk.client.get("/transparency/data.csv")
    assert text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert list(rows[0]) == ["table", "dimension", "row", "column", "count", "suppressed"]
    data = desk.client.get("/transparency/data.json").json()
    for row in rows:
        table = data["tables"][row["table"]]
        if row["row"] == "total":
            cell = table["grand_total"] if row["column"] == "total" else table["column_totals"][row["column"]]
        else:
            entry = next(r for r in table["rows"] if r["key"] == row["row"])
            cell = entry["total"] if row["column"] == "total" else entry["cells"][row["column"]]
        assert row["count"] == ("" if cell["count"] is None else str(cell["count"]))
        assert row["suppressed"] == ("true" if cell["suppressed"] else "false")
        assert row["count"] == "" or not 0 < int(row["count"]) < 5
    n_rows = sum(len(t["rows"]) + 1 for t in data["tables"].values())
    assert len(rows) == n_rows * (len(data["columns"]) + 1)


def test_nothing_typed_at_intake_reaches_the_public(desk: Desk) -> None:
    _seed(desk)
    outputs = [desk.client.get(path).text for path in
               ("/transparency/data.json", "/transparency/data.csv", "/transparency?lang=en",
                "/transparency?lang=es", "/transparency?lang=fr")]
    for text in outputs:
        for canary in CANARIES:
            assert canary.lower() not in text.lower()
        assert "canary" not in text.lower()
    # No request id, user name or exact date either.
    assert "clerk1" not in "".join(outputs) and "counsel1" not in "".join(outputs)
    assert "2021-08-20" not in "".join(outputs)


class _Text(HTMLParser):
    """Visible text of a page, leaving out elements marked lang="en" (the language links)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        english = dict(attrs).get("lang") == "en" and tag != "html"
        if tag in ("meta", "link", "br", "img", "input", "rect", "path", "circle", "line"):
            return
        self.stack.append(english)
        self.skip += english

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "link", "br", "img", "input", "rect", "path", "circle", "line") or not self.stack:
            return
        self.skip -= self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# The names of things that are the same in every language: proper names, codes, citations.
SAME_EVERYWHERE = {"Sanctuary", "Total", "CSV", "JSON", "Apache-2.0"}


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_spanish_and_french_pages_have_no_english_left(desk: Desk, lang: str) -> None:
    _seed(desk)
    page = desk.client.get(f"/transparency?lang={lang}")
    assert page.status_code == 200
    assert page.headers["content-language"] == lang
    assert f'<html lang="{lang}">' in page.text
    text = _visible(page.text)
    english = [*messages.TEXT.values(), *messages.PAPER.values(), *messages.ACTION.values(),
               *messages.OUTCOME.values()]
    for entry in english:
        en = re.sub(r"\{[a-z_]+\}", "", entry["en"]).strip()
        if entry["en"] == entry[lang] or en in SAME_EVERYWHERE:
            continue
        for piece in (p.strip(" .,:;()") for p in re.split(r"\{[a-z_]+\}", entry["en"])):
            if len(piece) >= 6:
                assert piece not in text, f"untranslated English on the {lang} page: {piece!r}"
    for month in messages.MONTHS["en"]:
        assert month not in text
    for word in ("Requests", "hidden", "Declined", "Download", "Before", "After", "policy"):
        assert word not in text, f"{word!r} on the {lang} page"
    assert messages.t("title", lang) in text


def test_english_page_and_language_choice(desk: Desk) -> None:
    _seed(desk)
    page = desk.client.get("/transparency", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert page.headers["content-language"] == "fr" and page.headers["vary"] == "Accept-Language"
    page = desk.client.get("/transparency", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert page.headers["content-language"] == "en"
    assert "Transparency: requests from immigration authorities" in page.text
    bad = desk.client.get("/transparency?lang=de")
    assert bad.status_code == 422 and "lang" in bad.text


def test_choose_language() -> None:
    assert choose_language(None, "es;q=0.4, fr;q=0.8") == "fr"
    assert choose_language(None, "en-GB, es") == "en"
    assert choose_language(None, "es;q=0, de") == "en"
    assert choose_language("es", "fr") == "es"
    assert choose_language(None, "") == "en"


def test_charts_are_accessible_svg_without_inline_style_or_script(desk: Desk) -> None:
    _seed(desk)
    page = desk.client.get("/transparency?lang=en")
    html = page.text
    assert "<script" not in html and "style=" not in html and "<style" not in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", html, flags=re.S)
    assert len(svgs) == 4
    for svg in svgs:
        labelled = re.search(r'aria-labelledby="([^"]+) ([^"]+)"', svg)
        assert labelled and 'role="img"' in svg
        assert f'<title id="{labelled.group(1)}">' in svg and f'<desc id="{labelled.group(2)}">' in svg
        # Patterns as well as colour.
        assert "<pattern" in svg and 'fill="url(#' in svg
    assert "What changed when the policy started?" in html
    assert "Sanctuary Promise Act (HB 3265)" in html and "19 July 2021" in html
    assert "Policy takes effect" in html
    # The before-and-after table marks June before, July (19 July) as the policy's month, August after.
    rows = re.findall(r"<th scope=\"row\">(\w+ 2021)</th>\s*<td>([^<]+)</td>", html)
    assert rows == [("June 2021", "Before"), ("July 2021", "Month the policy took effect"),
                    ("August 2021", "After"), ("September 2021", "After")]
    # Nothing about the visitor is kept: no cookie but the chosen language itself (?lang= remembered on the
    # visitor's own device, holding nothing but the language code).
    cookies = page.headers.get_list("set-cookie")
    assert all(c.startswith("sanctuary_lang=en;") for c in cookies), cookies
    # The stylesheet is the app's own.
    assert desk.client.get("/transparency/static/transparency.css").status_code == 200


def test_before_and_after_without_a_policy_or_data(tmp_path: Path) -> None:
    gen = make_desk(tmp_path, default_jurisdiction="us/tx/travis-county")
    desk = next(gen)
    try:
        html = desk.client.get("/transparency?lang=en").text
        assert "No request has been logged yet." in html
        assert "holds no dated policy limiting cooperation" in html
        data = desk.client.get("/transparency/data.json").json()
        assert data["policy"] is None and data["by_outcome"]["total"] == {"count": 0, "suppressed": False}
    finally:
        gen.close()


def test_k_from_settings_and_environment(tmp_path: Path) -> None:
    assert Settings.from_env({"SANCTUARY_TRANSPARENCY_K": "10", "SANCTUARY_DATA_DIR": str(tmp_path)}
                             ).transparency_k == 10
    assert Settings.from_env({"SANCTUARY_DATA_DIR": str(tmp_path)}).transparency_k == 5
    for bad in ("1", "ten", "-3"):
        with pytest.raises(ValueError, match="SANCTUARY_TRANSPARENCY_K"):
            Settings.from_env({"SANCTUARY_TRANSPARENCY_K": bad, "SANCTUARY_DATA_DIR": str(tmp_path)})
    gen = make_desk(tmp_path, transparency_k=20)
    desk = next(gen)
    try:
        _seed(desk)
        data = desk.client.get("/transparency/data.json").json()
        assert data["k"] == 20
        assert data["tables"]["by_paper"]["rows"][1]["cells"]["declined"]["suppressed"] is True  # 12 < 20
        assert "20" in desk.client.get("/transparency?lang=en").text
    finally:
        gen.close()


def test_counts_are_cached_for_a_minute(desk: Desk, fresh: Callable[[], None]) -> None:
    _seed(desk)
    first = desk.client.get("/transparency/data.json").json()
    for n in range(5):
        desk.log("court_order", "disclose", f"2021-09-{n + 10:02d}", "complied")
    assert desk.client.get("/transparency/data.json").json() == first
    fresh()
    later = desk.client.get("/transparency/data.json").json()
    assert later["by_outcome"]["total"]["count"] == 22
    assert json.dumps(later) != json.dumps(first)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_before_and_after_links_to_the_evidence(desk: Any, lang: str) -> None:
    """Issue 12: the agency's own before/after view links to the evidence pages, in the page's language."""
    html = desk.client.get(f"/transparency?lang={lang}").text
    assert f'<a href="/atlas/evidence?lang={lang}">' in html
