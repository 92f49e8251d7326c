"""The nine family scores: determinism, provenance and the attribute fallback."""

from __future__ import annotations

import sqlite3

import sanctuary
from sanctuary.atlas import geography, scores
from sanctuary.atlas.attributes import Attribute
from sanctuary.atlas.geography import Jurisdiction


def test_every_scored_row_is_well_formed(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT * FROM scores").fetchall()
    families = {f for f, _ in scores.FAMILIES}
    for r in rows:
        assert r["family"] in families
        assert r["score"] in (0, 1, 2, None)
        assert r["method"] in ("rules", "attributes", "none")
        # No score: nothing sourced (method none), or the engine found no encoded law (issue 7: silence is not a 0).
        assert (r["score"] is None) == (r["method"] == "none" or r["source"] == scores.NO_ENCODED_LAW)
        if r["method"] != "none":
            assert r["source"].strip(), (r["jurisdiction"], r["family"])
    per_place = conn.execute("SELECT j.country, count(*) FROM scores s JOIN jurisdictions j ON j.id = s.jurisdiction "
                             "GROUP BY s.jurisdiction").fetchall()
    assert {(c, n) for c, n in per_place} == {("US", 9), ("CA", 4)}


def test_scores_are_deterministic() -> None:
    js = geography.load()[:400]
    lib = sanctuary.load_library()

    def chain(eid: str) -> tuple[str, ...]:
        c = lib.chain(eid)
        return tuple(x for x in c[1:] if x in lib.files) if c[0] in lib.files else ()

    a = scores.compute(js, [], chain, sanctuary.decide_many, "2026-11-26")
    b = scores.compute(js, [], chain, sanctuary.decide_many, "2026-11-26")
    assert a == b and len(a) > 0


def test_rule_scores_agree_with_the_engine(conn: sqlite3.Connection) -> None:
    """A 'rules' score for detainer holds is 2 exactly when the engine forbids the probe hold."""
    probe = scores.US_PROBES["detainer_holds"][0]
    rows = conn.execute("SELECT s.jurisdiction, s.score, j.engine_id FROM scores s JOIN jurisdictions j "
                        "ON j.id = s.jurisdiction WHERE s.family = 'detainer_holds' AND s.method = 'rules' "
                        "ORDER BY s.jurisdiction LIMIT 400").fetchall()
    assert rows
    for jid, score, engine_id in rows[::20]:
        d = sanctuary.decide({**probe, "date": "2026-11-26", "agency": {"kind": "jail", "jurisdiction": engine_id}})
        expected = (None if d.coverage == "none" else 2 if d.outcome == "forbidden"
                    else 1 if d.outcome == "undetermined" else 0)
        assert score == expected, jid


def test_scores_name_their_method(conn: sqlite3.Connection) -> None:
    """Encoded places score from rules; an unencoded state with a sourced law scores from attributes."""
    methods = dict(conn.execute("SELECT jurisdiction, method FROM scores WHERE family = 'detainer_holds'").fetchall())
    lib = sanctuary.load_library()
    for jid in ("us/tx/travis-county", "us/il/cook-county", "us/ca/san-francisco"):
        if any(layer in lib.files for layer in lib.chain(jid)[1:]):
            assert methods[jid] == "rules"
    unencoded = [j for j, m in methods.items() if j.count("/") == 1 and j.startswith("us/") and m == "attributes"]
    for jid in unencoded:
        assert not any(layer in lib.files for layer in lib.chain(jid)[1:])


def _attr(jid: str, attribute: str, value: str) -> Attribute:
    return Attribute(jid, attribute, value, "instrument", "2026-01-01", "287g-watch", "https://example.org/x", "medium")


def test_attribute_fallback_rules() -> None:
    county = Jurisdiction("us/xx/a-county", "A County", "US", "county", "us/xx", "XX")
    state_law = [_attr("us/xx", "state_cooperation_law", "requires_cooperation")]
    got = {s.family: s for s in scores.attribute_scores(county, [], state_law)}
    assert got["detainer_holds"].score == 0 and got["detainer_holds"].method == "attributes"
    assert "inherited from us/xx" in got["detainer_holds"].detail
    assert got["dont_deny"].score is None and got["dont_deny"].method == "none"

    limits = [_attr("us/xx", "state_cooperation_law", "limits_cooperation")]
    own = [_attr("us/xx/a-county", "agreement_287g", "task_force")]
    got = {s.family: s for s in scores.attribute_scores(county, own, limits)}
    assert got["agreements"].score == 0  # its own 287(g) agreement outweighs the state's limits
    assert got["detainer_holds"].score == 1

    city = Jurisdiction("ca/xx/city", "City", "CA", "city", "ca/xx", "XX")
    got = {s.family: s for s in scores.attribute_scores(city, [_attr("ca/xx/city", "access_without_fear", "adopted")],
                                                        [])}
    assert set(got) == set(scores.CANADA_FAMILIES)
    assert got["dont_deny"].score == 2 and got["dont_ask"].score == 1
    got = {s.family: s for s in scores.attribute_scores(
        city, [_attr("ca/xx/city", "sanctuary_declaration", "declared_not_in_force")], [])}
    assert all(s.score is None for s in got.values())
