"""Each report against the hand-counted event set of conftest.fill_hand_counted (expected numbers by hand)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.log import AuditLog
from sanctuary.reports.laws import REPORTS
from sanctuary.reports.rollup import snapshot
from sanctuary.reports.spec import compute, due_date, parse_period
from tests.reports.conftest import fill_hand_counted, request


@pytest.fixture
def requests(session_factory: sessionmaker[Session], log: AuditLog) -> tuple[object, ...]:
    with session_factory() as session, session.begin():
        fill_hand_counted(log, session)
    with session_factory() as session:
        return snapshot(session, log.size(session)).requests


def _totals(requests: tuple[object, ...], name: str, period: str, jurisdiction: str | None = None) -> dict[str, int]:
    spec = REPORTS[name]
    return compute(spec, requests, parse_period(spec.period, period), jurisdiction).totals  # type: ignore[arg-type]


def test_illinois(requests: tuple[object, ...]) -> None:
    # 2026, us/il: detainers/warrants 1, 2, 3, 8, 9 (5 is 2025, 7 is a judicial warrant); assist request 4.
    assert _totals(requests, "illinois", "2026") == {
        "requests_to_assist_civil_enforcement": 1,
        "assist_requests_declined": 1,
        "detainers_and_civil_warrants_received": 5,
        "detainer_subjects_released": 1,
        "detainer_subjects_transferred": 2,
        "detainer_subjects_transferred_to_ice": 1,
        "detainer_outcome_not_recorded": 2,
    }
    assert _totals(requests, "illinois", "2025")["detainers_and_civil_warrants_received"] == 1


def test_illinois_zero_certifications() -> None:
    spec = REPORTS["illinois"]
    computed = compute(spec, (), parse_period("year", "2026"))
    assert len(computed.certifications) == 2
    assert "no immigration detainers and no civil immigration warrants in 2026" in computed.certifications[1]


def test_chicago_second_quarter(requests: tuple[object, ...]) -> None:
    # Q2 2026 in Chicago: 8 (detainer, April) and 9 (admin warrant, May, transferred to CBP).
    assert _totals(requests, "chicago", "2026-Q2") == {
        "requests_for_civil_enforcement_assistance": 0,
        "detainers_and_administrative_warrants_received": 2,
        "transferred_to_federal_custody": 1,
        "transferred_to_ice": 0,
        "transferred_to_cbp": 1,
    }
    assert _totals(requests, "chicago", "2026-Q1")["detainers_and_administrative_warrants_received"] == 0


def test_oregon_march(requests: tuple[object, ...]) -> None:
    # March 2026 in Oregon: 10 (ICE, information, declined) and 12 (ICE, hold, complied); 11 is a judicial
    # subpoena (outside the duty), 13 is in April.
    assert _totals(requests, "oregon", "2026-03") == {
        "requests_received": 2,
        "requests_from_ice": 2,
        "requests_from_cbp": 0,
        "requests_from_uscis": 0,
        "requests_from_dhs": 0,
        "asked_for_information": 1,
        "asked_for_resources_or_access": 1,
        "asked_for_agreement": 0,
        "declined": 1,
        "not_declined": 1,
        "response_not_recorded": 0,
    }


def test_california_truth(requests: tuple[object, ...]) -> None:
    # 2026 in California: 6 (hold, complied: ICE access) and 14 (notification, declined).
    assert _totals(requests, "california-truth", "2026") == {
        "ice_access_total": 1,
        "ice_access_by_hold": 1,
        "ice_access_by_transfer": 0,
        "ice_access_by_notification": 0,
        "ice_access_by_other_means": 0,
        "ice_requests_received": 2,
    }


def test_california_values(requests: tuple[object, ...]) -> None:
    assert _totals(requests, "california-values", "2026") == {
        "transfers_to_immigration_authorities": 0,
        "transfer_requests_received": 0,
    }


def test_nyc_requests_first_quarter(requests: tuple[object, ...]) -> None:
    # Q1 2026 in NYC: 15 (ICE, declined) and 16 (FBI-type federal, complied); 17 is local (out of scope),
    # 18 is in April.
    assert _totals(requests, "nyc-requests", "2026-Q1") == {
        "requests_received": 2,
        "requests_from_ice": 1,
        "requests_from_cbp": 0,
        "requests_from_uscis": 0,
        "requests_from_dhs": 0,
        "requests_from_other_non_local": 1,
        "responses_declined": 1,
        "responses_complied": 1,
        "responses_other": 0,
    }


def test_nyc_detainers_fiscal_year(requests: tuple[object, ...]) -> None:
    assert _totals(requests, "nyc-detainers", "FY2026") == {
        "detainers_received": 0,
        "held_past_release_on_detainer": 0,
        "transferred_to_ice": 0,
        "detainers_not_honored": 0,
        "detainers_without_final_decision": 0,
    }


def test_nyc_detainers_count_what_subdivision_f_lists(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    # § 14-154(f)(1)-(4) / § 9-131(f)(1), (2), (3), (7) as amended by L.L. 2017/228: detainers received, persons
    # held past release, persons transferred to "federal immigration authorities" (ICE or any DHS officer doing
    # civil enforcement, § 14-154(a)(3): CBP counts too), persons for whom detainers were not honoured; twelve
    # months ending 30 June, due 1 September.
    nyc = "us/ny/new-york-city"
    with session_factory() as session, session.begin():
        request(log, session, 1, on="2026-08-01", where=nyc, paper="detainer", action="hold", by="ice",
                final="complied", disposition="transferred", to="ice")
        request(log, session, 2, on="2026-09-01", where=nyc, paper="detainer", action="hold", by="cbp",
                final="complied", disposition="transferred", to="cbp")
        request(log, session, 3, on="2026-10-01", where=nyc, paper="detainer", action="hold", by="ice",
                final="declined", disposition="released")
        request(log, session, 4, on="2027-06-30", where=nyc, paper="detainer", action="notify_release", by="ice")
        request(log, session, 5, on="2027-07-01", where=nyc, paper="detainer", action="hold", by="ice",
                final="declined")  # the next year's report
        request(log, session, 6, on="2026-08-02", where=nyc, paper="judicial_warrant", action="transfer", by="ice",
                final="complied", disposition="transferred", to="ice")  # not a detainer
    with session_factory() as session:
        requests = snapshot(session, log.size(session)).requests
    assert _totals(requests, "nyc-detainers", "FY2027") == {
        "detainers_received": 4,
        "held_past_release_on_detainer": 2,
        "transferred_to_ice": 2,
        "detainers_not_honored": 1,
        "detainers_without_final_decision": 1,
    }
    spec = REPORTS["nyc-detainers"]
    assert due_date(spec, parse_period(spec.period, "FY2027")) == date(2027, 9, 1)
    legal = [c for c in spec.counts if c.name != "detainers_without_final_decision"]
    assert [c.confidence for c in legal] == ["primary"] * 4


def test_a_narrower_jurisdiction(requests: tuple[object, ...]) -> None:
    assert _totals(requests, "illinois", "2026", "us/il/chicago")["detainers_and_civil_warrants_received"] == 2
    with pytest.raises(ValueError, match=r"^jurisdiction:"):
        _totals(requests, "illinois", "2026", "us/ca/san-francisco")


@pytest.mark.parametrize(("name", "bad"), [("illinois", "2026-Q1"), ("oregon", "2026"), ("chicago", "2026-Q5"),
                                           ("nyc-detainers", "2026")])
def test_a_period_of_the_wrong_kind_is_refused(name: str, bad: str) -> None:
    with pytest.raises(ValueError, match=r"^period:"):
        parse_period(REPORTS[name].period, bad)


def test_every_count_cites_a_section_and_says_how_sure() -> None:
    for spec in REPORTS.values():
        assert spec.citation and spec.recipient and spec.deadline
        for count in spec.counts:
            assert count.citation and count.confidence in ("primary", "secondary", "unverified"), (spec.name, count)
        if any(c.confidence == "unverified" for c in spec.counts):
            assert not spec.verified, spec.name


def test_entries_written_before_issue_11_fall_back_to_the_log_timestamp() -> None:
    from sanctuary.reports.rollup import fold

    (facts,) = fold([
        ("2026-05-02T23:59:00.000000Z", "request.logged", {"request_id": 1, "channel": "fax"}),
        ("2026-05-02T23:59:00.000000Z", "request.classified", {"request_id": 1, "instrument": "detainer"}),
        ("2026-05-02T23:59:00.000000Z", "request.decided",
         {"request_id": 1, "outcome": "forbidden", "action": "hold", "jurisdiction": "us/il/cook-county"}),
        ("2026-05-03T10:00:00.000000Z", "request.final_decision", {"request_id": 1, "final_outcome": "declined"}),
        ("2026-05-03T10:00:00.000000Z", "request.viewed", {"request_id": 1, "user_id": 3}),
    ])
    assert (facts.received_on.isoformat(), facts.instrument, facts.final_outcome) == ("2026-05-02", "detainer",
                                                                                      "declined")
    assert (facts.agency_kind, facts.requester_agency) == ("unknown", "unknown")


def test_every_label_table_is_complete() -> None:
    from sanctuary.reports.labels import labels, missing_keys

    assert missing_keys() == {}
    assert labels("es")["period"] == "Período del informe"
    with pytest.raises(ValueError, match=r"^lang:"):
        labels("de")


@pytest.mark.parametrize(("kind", "today", "label"), [
    ("year", "2026-12-31", "2026"), ("fiscal_year_july", "2026-06-30", "FY2026"),
    ("fiscal_year_july", "2026-07-01", "FY2027"), ("half", "2026-07-01", "2026-H2"), ("quarter", "2026-05-02",
                                                                                        "2026-Q2"),
    ("month", "2026-03-31", "2026-03"),
])
def test_the_default_period_contains_today(kind: str, today: str, label: str) -> None:
    from datetime import date

    from sanctuary.reports.spec import current_period

    assert current_period(kind, date.fromisoformat(today)).label == label  # type: ignore[arg-type]
