"""The notice to the person: the languages its place needs, in order, and every language saying everything the
English does (same sections, same paragraphs, the same facts: reference, date, phone, citations)."""

from __future__ import annotations

import re
from datetime import date
from itertools import product

import pytest
from fastapi.testclient import TestClient

from sanctuary.desk import notice
from sanctuary.desk.agency import AgencyProfile
from sanctuary.desk.letters import DONE_WORDS
from tests.desk.conftest import Account, detainer_body, login


def test_languages_follow_the_place() -> None:
    assert notice.languages_for("ca/qc/montreal").printed == ("fr", "en")  # Québec: French first
    assert notice.languages_for("ca/qc").printed == ("fr", "en")
    assert notice.languages_for("ca/on/toronto").printed == ("en", "fr")
    assert notice.languages_for("us/ca/san-francisco").printed == ("en", "es", "fr")
    nyc = notice.languages_for("us/ny/new-york-city")
    assert nyc.also_required and "Haitian Creole" in nyc.also_required[0].languages
    assert nyc.also_required[0].citation.startswith("N.Y.C. Admin. Code")
    assert not notice.languages_for("us/ca/san-francisco", "hold").also_required
    assert "Tagalog" in notice.languages_for("us/ca/san-francisco", "interview").also_required[0].languages


PROFILE = AgencyProfile(name="Ville de Montréal", address="275 rue Notre-Dame Est", counsel_phone="514 555 0199",
                        timezone="America/Toronto")


@pytest.mark.parametrize(("action", "paper", "kind", "final", "profile"), list(product(
    ["hold", "disclose", "interview", "grant_access"], ["i247a", "i200", "none", ""], ["jail", "school"],
    ["declined", "complied", None], [PROFILE, AgencyProfile()])))
def test_every_language_says_everything_the_english_does(action: str, paper: str, kind: str, final: str | None,
                                                         profile: AgencyProfile) -> None:
    texts = {lang: notice.build(lang, ref=4711, received_on=date(2026, 3, 1), requester="ice", action=action,
                                paper_code=paper, instrument_type="detainer" if paper == "i247a" else "none",
                                agency_kind=kind, final_outcome=final, profile=profile,
                                citations=["Cal. Gov. Code § 7283.1(b)"])
             for lang in ("en", "es", "fr")}
    english = texts["en"]
    for lang, text in texts.items():
        assert text.keys == english.keys, lang
        assert [len(s.paragraphs) for s in text.sections] == [len(s.paragraphs) for s in english.sections], lang
        assert [bool(s.heading) for s in text.sections] == [bool(s.heading) for s in english.sections], lang
        body = " ".join(p for s in text.sections for p in s.paragraphs)
        assert "4711" in body and "2026" in body and "Cal. Gov. Code § 7283.1(b)" in body
        assert ("514 555 0199" in body) == bool(profile.counsel_phone)
        assert "_" not in body  # no code left untranslated
        if lang != "en":
            assert body != " ".join(p for s in english.sections for p in s.paragraphs)
    assert set(notice.ACTIONS) >= {"hold", "disclose", "interview", "grant_access"}
    for table in (notice.ACTIONS, notice.PAPERS, notice.REQUESTERS, notice.TEXT, DONE_WORDS):
        for key, words in table.items():
            assert set(words) == {"en", "es", "fr"} and all(words.values()), key


def test_long_dates() -> None:
    assert notice.long_date(date(2026, 3, 1), "en") == "March 1, 2026"
    assert notice.long_date(date(2026, 3, 1), "es") == "1 de marzo de 2026"
    assert notice.long_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert notice.long_date(date(2026, 8, 15), "fr") == "15 août 2026"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_printed_notice_sections_match(client: TestClient, users: dict[str, Account]) -> None:
    quebec = client.post("/api/v1/requests", json=detainer_body("ca/qc/montreal"), headers=users["clerk"].auth)
    texas = client.post("/api/v1/requests", json=detainer_body("us/tx/travis-county"), headers=users["clerk"].auth)
    login(client, "clerk")
    for created, langs in ((quebec, ["fr", "en"]), (texas, ["en", "es", "fr"])):
        page = client.get(f"/requests/{created.json()['id']}/notice").text
        sections = re.findall(r'<section lang="(\w\w)" class="notice-language" data-sections="([^"]+)">', page)
        assert [lang for lang, _ in sections] == langs
        assert len({keys for _, keys in sections}) == 1  # the same sections in every language
        blocks = [b.split("</section>", 1)[0] for b in page.split('class="notice-language"')[1:]]
        assert len({b.count("<p>") for b in blocks}) == 1  # the same paragraphs
        assert all(f"{created.json()['id']}" in b for b in blocks)
