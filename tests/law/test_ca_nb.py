"""Scenario tests for New Brunswick (library/ca/nb.yaml): RTIPPA, S.N.B. 2009, c. R-10.6, s. 46(1)."""

from __future__ import annotations

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry

FILES = ("ca.yaml", "ca/nb.yaml")
CITY = "ca/nb/moncton"


def test_cbsa_civil_request_is_refused() -> None:
    """s. 46(1): a public body may disclose personal information only as listed; a civil immigration request is not."""
    d = disclose(FILES, CITY)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "ca/nb", "rule": "disclosure-only-as-permitted",
                               "citation": "RTIPPA, S.N.B. 2009, c. R-10.6, s. 46(1)"}
    assert basis_entry(d, "ca/nb", "disclosure-only-as-permitted")["confidence"] == "primary"


def test_consent() -> None:
    """s. 46(1)(a): the person has consented."""
    d = disclose(FILES, CITY, subject={"written_consent": True})
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "disclosure-with-consent")


def test_act_requires_it() -> None:
    """s. 46(1)(b), (c): to comply with, or in accordance with, an Act."""
    assert disclose(FILES, CITY, instrument="statute")["decided_by"]["rule"] == "disclosure-under-an-act"


def test_law_enforcement_purposes() -> None:
    """s. 46(1)(d): for law enforcement purposes (a criminal investigation)."""
    d = disclose(FILES, CITY, agency="local_law_enforcement", purpose="criminal_investigation")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "disclosure-for-law-enforcement")


def test_municipal_police_to_cbsa() -> None:
    """s. 46(1)(e)(i): a law enforcement agency (municipal police) to another law enforcement agency in Canada."""
    d = disclose(FILES, CITY, kind="police")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "police-to-canadian-law-enforcement")


def test_municipal_police_to_ice_is_not_covered() -> None:
    """s. 46(1)(e)(ii): a foreign agency only under an arrangement or treaty, which the request does not show."""
    d = disclose(FILES, CITY, kind="police", agency="ice")
    assert d["outcome"] == "forbidden"


def test_court_process_is_unverified() -> None:
    """s. 46(1) court-process paragraph: letter not read, marked unverified."""
    d = disclose(FILES, CITY, instrument="court_order")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/nb", "disclosure-to-comply-with-court-process")["confidence"] == "unverified"


def test_in_force_from_proclamation() -> None:
    """RTIPPA proclaimed in force 1 September 2010: the day before, no New Brunswick rule."""
    assert disclose(FILES, CITY, date="2010-08-31")["basis"] == []
    assert disclose(FILES, CITY, date="2010-09-01")["outcome"] == "forbidden"


def test_clinic_may_not_give_ice_health_information_without_express_consent() -> None:
    """PHIPAA, S.N.B. 2009, c. P-7.05, s. 19(1)(d): express consent is needed to disclose personal health information
    to a person or organization outside the province."""
    d = disclose(FILES, CITY, agency="ice", kind="health_facility")
    assert d["outcome"] == "forbidden"
    rule = "health-information-outside-province-needs-express-consent"
    assert d["decided_by"] == {"jurisdiction": "ca/nb", "rule": rule,
                               "citation": "PHIPAA, S.N.B. 2009, c. P-7.05, s. 19(1)(d)"}
    assert basis_entry(d, "ca/nb", rule)["confidence"] == "primary"


def test_clinic_may_disclose_with_express_consent() -> None:
    """PHIPAA ss. 19(1)-(2), 37(1)(b): with the individual's express consent the custodian may disclose."""
    d = disclose(FILES, CITY, agency="ice", kind="health_facility", subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "health-information-outside-province-with-express-consent"


def test_phipaa_rule_does_not_reach_cbsa() -> None:
    """PHIPAA s. 19(1)(d) is about recipients outside the province; a CBSA request to a clinic is not decided by it."""
    d = disclose(FILES, CITY, agency="cbsa", kind="health_facility")
    assert all(b["rule"] != "health-information-outside-province-needs-express-consent" for b in d["basis"])
