"""Scenario tests for North Dakota (library/us/nd.yaml): N.D. Cent. Code § 44-08-25 (H.B. 1155, 2023; H.B. 1303,
2025; effective dates assumed 2023-08-01 and 2025-08-01).

Local limiting policies are exercised with the FICTIONAL ``us/nd/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import act, ask, decide, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/nd/fixture-county"


def test_status_reporting_protected_from_2023_08_01() -> None:
    """§ 44-08-25(1)(a) (H.B. 1155): no North Dakota rule on 2023-07-31; from 2023-08-01 state law protects reporting
    status to federal agencies."""
    assert rules_in_basis(decide("nd", share("2023-07-31", "us/nd/cass-county")), "us/nd") == set()
    d = decide("nd", share("2023-08-01", "us/nd/cass-county"))
    assert d["decided_by"] == {"jurisdiction": "us/nd", "rule": "officials-may-report-status",
                               "citation": "N.D. Cent. Code § 44-08-25(1)(a)"}


def test_ban_on_asking_people_in_custody_void_from_2025_08_01() -> None:
    """§ 44-08-25(1)(e): a policy preventing officers asking a person in custody about status is void (2025)."""
    before = decide("nd", ask("2025-07-31", COUNTY, kind="jail", in_custody=True), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    after = decide("nd", ask("2025-08-01", COUNTY, kind="jail", in_custody=True), fixture="fixture-county")
    assert after["outcome"] == "allowed"
    assert basis_entry(after, COUNTY, "no-status-questions")["status"] == "void"


def test_ban_on_asking_people_not_in_custody_stands() -> None:
    """§ 44-08-25(1)(e) protects questions to persons in custody only."""
    d = decide("nd", ask("2025-09-01", COUNTY, in_custody=False), fixture="fixture-county")
    assert d["outcome"] == "forbidden"


def test_conditions_on_ice_transfers_void_from_2025_08_01() -> None:
    """§ 44-08-25(1)(d): a policy restricting or conditioning transfer to ICE custody is void."""
    request = act("2025-08-01", COUNTY, "transfer", subject={"in_custody": True})
    d = decide("nd", request, fixture="fixture-county")
    assert basis_entry(d, COUNTY, "no-ice-in-jail")["status"] == "void"
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "may-cooperate-on-custody-and-transfer"
    before = decide("nd", act("2025-07-31", COUNTY, "transfer", subject={"in_custody": True}),
                    fixture="fixture-county")
    assert before["outcome"] == "forbidden"
