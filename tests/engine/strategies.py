"""Hypothesis strategies for contract requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from sanctuary import vocabulary as v

dates = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def requests(draw: st.DrawFn, jurisdictions: list[str]) -> dict[str, Any]:
    day = draw(dates)
    out: dict[str, Any] = {
        "date": day.isoformat(),
        "agency": {"jurisdiction": draw(st.sampled_from(jurisdictions)), "kind": draw(st.sampled_from(v.AGENCY_KINDS))},
        "action": draw(st.sampled_from(v.ACTIONS)),
    }
    requester = {k: val for k, val in {
        "agency": draw(maybe(st.sampled_from(v.REQUESTER_AGENCIES))),
        "purpose": draw(maybe(st.sampled_from(v.PURPOSES))),
    }.items() if val is not None}
    if requester:
        out["requester"] = requester
    instrument = {k: val for k, val in {
        "type": draw(maybe(st.sampled_from(v.INSTRUMENT_TYPES))),
        "signed_by": draw(maybe(st.sampled_from(v.SIGNERS))),
        "probable_cause_finding": draw(maybe(st.booleans())),
    }.items() if val is not None}
    if instrument:
        out["instrument"] = instrument
    data = draw(maybe(st.lists(st.sampled_from(v.DATA_CATEGORIES), min_size=1, max_size=3, unique=True)))
    if data:
        out["data"] = data
    context = draw(maybe(st.sampled_from(v.CONTEXTS)))
    if context:
        out["context"] = context
    subject: dict[str, Any] = {}
    for name in ("in_custody", "watchlist_match", "minor", "written_consent", "proof_of_lawful_status"):
        value = draw(maybe(st.booleans()))
        if value is not None:
            subject[name] = value
    convictions = draw(maybe(st.lists(
        st.tuples(st.sampled_from(v.CONVICTION_CLASSES), st.integers(min_value=0, max_value=25 * 365)),
        max_size=3)))
    if convictions is not None:
        subject["convictions"] = [{"class": c, "date": (day - dt.timedelta(days=age)).isoformat()}
                                  for c, age in convictions]
    if subject:
        out["subject"] = subject
    return out
