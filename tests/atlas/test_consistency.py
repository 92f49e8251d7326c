"""Issue 9 §3: the family scores and the law's own answers tell one story on the same page; places carry their
state; territories are territories; the default dates are today."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sanctuary.atlas import ids, queries, scenario
from sanctuary.atlas.forms import ScenarioForm

# The answer a family score allows for the preset that shares the family's probe (the same request and facts).
AGREES = {2: {"forbidden"}, 1: {"forbidden", "undetermined", "allowed", "required"}, 0: {"allowed", "required"},
          None: {"no_rule"}}


def test_every_place_answers_its_presets_as_its_family_scores_say(conn: sqlite3.Connection) -> None:
    date = queries.meta(conn)["date"]
    places = scenario.places(conn)
    for key, preset in scenario.PRESETS.items():
        family = str(preset["family"])
        if not family:
            continue
        scores = dict(conn.execute("SELECT jurisdiction, score FROM scores WHERE family = ? AND method = 'rules'",
                                   (family,)).fetchall())
        rows = scenario.run(scenario.preset_request(key, date), places)
        wrong = [(r.jurisdiction, r.shown, scores[r.jurisdiction]) for r in rows
                 if r.jurisdiction in scores and r.shown not in AGREES[scores[r.jurisdiction]]]
        assert wrong == [], f"{key}: {len(wrong)} places contradict their {family} score, e.g. {wrong[:5]}"
        assert len(scores) > 3000


def test_the_detainer_preset_is_the_detainer_family_probe(conn: sqlite3.Connection) -> None:
    """One probe, one preset: the score is 2 exactly where the answer is forbidden."""
    date = queries.meta(conn)["date"]
    scores = dict(conn.execute("SELECT jurisdiction, score FROM scores WHERE family = 'detainer_holds' "
                               "AND method = 'rules'").fetchall())
    rows = scenario.run(scenario.preset_request("detainer-county-jail", date), scenario.places(conn))
    expected = {"forbidden": 2, "undetermined": 1, "allowed": 0, "required": 0, "no_rule": None}
    assert {(r.jurisdiction, expected[r.shown]) for r in rows if r.jurisdiction in scores} == set(scores.items())


def test_the_place_page_answers_beside_its_scores(conn: sqlite3.Connection) -> None:
    for jid in ("us/tx/travis-county", "us/il/cook-county", "us/ca/san-francisco", "ca/on/toronto", "us/ct"):
        j = queries.jurisdiction(conn, jid)
        assert j is not None
        for a in queries.answers(conn, j):
            if a["family"] and a["score"] is not None:
                assert a["shown"] in AGREES[a["score"]], (jid, a)


def test_duplicate_names_carry_their_state_and_territories_are_not_provinces(conn: sqlite3.Connection) -> None:
    dupes = conn.execute("SELECT name FROM jurisdictions WHERE level = 'city' GROUP BY name HAVING count(*) > 1"
                         ).fetchall()
    assert dupes, "the atlas has cities sharing a name (Springfield)"
    for (name,) in dupes:
        shown = {ids.place_name(n, r, lv) for n, r, lv in conn.execute(
            "SELECT name, region, level FROM jurisdictions WHERE name = ? AND level = 'city'", (name,))}
        assert len(shown) > 1 and all(", " in s for s in shown), shown
    levels = {jid: ids.level_key(jid, lv) for jid, lv in conn.execute(
        "SELECT id, level FROM jurisdictions WHERE country = 'CA' AND level = 'province'")}
    assert {k for k, v in levels.items() if v == "territory"} == {"ca/yt", "ca/nt", "ca/nu"}
    assert sum(v == "province" for v in levels.values()) == 10
    assert ids.level_key("us/pr", "state") == "territory" and ids.level_key("us/dc", "state") == "federal_district"


def test_built_on_and_the_scenario_default_are_today(conn: sqlite3.Connection) -> None:
    today = dt.date.today().isoformat()
    meta = queries.meta(conn)
    assert meta["built_on"] == today and meta["date"] == today  # the session's atlas was built today
    assert ScenarioForm().date == today
    assert ScenarioForm.from_query({"preset": "detainer-county-jail"}, []).date == today
    assert scenario.preset_request("shelter-asks-status")["date"] == today
    assert scenario.preset_request("shelter-asks-status", "2025-01-01")["date"] == "2025-01-01"
