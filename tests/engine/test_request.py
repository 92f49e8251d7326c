"""Bad requests are refused with the field that is wrong and the values it takes."""

from __future__ import annotations

from typing import Any

import pytest

from sanctuary.engine import Engine, RequestError
from tests.engine.conftest import req


@pytest.mark.parametrize(("raw", "field", "allowed_contains"), [
    ({}, "date", None),
    (req("zz", "jail", "hodl"), "action", "hold"),
    (req("zz", "prison", "hold"), "agency.kind", "jail"),
    (req("zz", "jail", "hold", date="2020-13-01"), "date", None),
    (req("ZZ", "jail", "hold"), "agency.jurisdiction", None),
    (req("xx", "jail", "hold"), "agency.jurisdiction", "zz"),
    (req("us/zz", "jail", "hold"), "agency.jurisdiction", None),
    (req("zz", "jail", "hold", requester={"agency": "fbi"}), "requester.agency", "ice"),
    (req("zz", "jail", "hold", data=["status"]), "data[0]", "immigration_status"),
    (req("zz", "jail", "hold", subject={"convictions": [{"class": "felony"}]}), "subject.convictions[0].date", None),
    (req("zz", "jail", "hold", subject={"convictions": [{"class": "felony", "date": "2030-01-01"}]}),
     "subject.convictions[0].date", None),
    (req("zz", "jail", "hold", subject={"minor": "yes"}), "subject.minor", None),
    (req("zz", "jail", "hold", colour="red"), "colour", "action"),
    (req("zz", "jail", "hold", instrument={"type": "detainer", "signer": "x"}), "instrument.signer", "signed_by"),
])
def test_bad_input_names_the_field(engine: Engine, raw: dict[str, Any], field: str,
                                   allowed_contains: str | None) -> None:
    with pytest.raises(RequestError) as info:
        engine.decide(raw)
    assert info.value.field == field
    if allowed_contains is not None:
        assert info.value.allowed is not None and allowed_contains in info.value.allowed
        assert allowed_contains in str(info.value)


def test_unknown_us_state_is_an_error_not_a_fall_through() -> None:
    from sanctuary import decide

    with pytest.raises(RequestError, match="'zz' is not a subdivision of 'us'"):
        decide(req("us/zz/somewhere", "jail", "hold"))


def test_gazetteer_knows_every_atlas_county_and_city() -> None:
    """Issue 7 §1: every place the atlas lists resolves (falling back to its parents); a typo does not."""
    import csv

    from sanctuary.atlas import geography
    from sanctuary.engine import gazetteer

    known = gazetteer.places()
    atlas_ids = {j.id for j in geography.load() if j.level in ("county", "city")}
    assert atlas_ids and atlas_ids <= known
    with (gazetteer.ATLAS_DATA / "cities.csv").open(encoding="utf-8") as fh:
        assert {r["id"] for r in csv.DictReader(fh)} <= known
    assert {"us/or/salem", "us/tx/travis-county", "ca/on/mississauga"} <= known
    assert gazetteer.suggestions("us/ca/san-fransisco", {"us"})[0] == "us/ca/san-francisco"


def test_known_place_without_a_file_falls_back_and_names_its_layers() -> None:
    from sanctuary import decide

    d = decide(req("us/or/salem", "jail", "notify_release", requester={"agency": "ice"},
                   instrument={"type": "detainer"}))
    assert [(layer["jurisdiction"], layer["has_policy"]) for layer in d.layers] == [
        ("us", True), ("us/or", True), ("us/or/salem", False)]
    assert "Salem has no policy of its own here" in d.explanation
    with pytest.raises(RequestError, match="did you mean 'us/ca/san-francisco'"):
        decide(req("us/ca/san-fransisco", "jail", "hold"))
