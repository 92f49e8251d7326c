"""Scenario tests for Minneapolis (library/us/mn/minneapolis.yaml): Code of Ordinances ch. 19.

us/mn.yaml on this branch is a placeholder (no rules); the real Minnesota file comes from another branch."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules
from tests.law._rules_subset import basis_entry, obligation_kinds

FILES = ("us.yaml", "us/mn.yaml", "us/mn/minneapolis.yaml")
CITY = "us/mn/minneapolis"


def test_police_do_not_verify_status() -> None:
    """§ 19.30(a)(1): no law enforcement action to detect undocumented persons or verify status."""
    d = decide(FILES, CITY, "police", "inquire", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, CITY, "no-status-detection-or-questions")["confidence"] == "primary"


def test_city_prosecutor_may_ask_for_the_case() -> None:
    """§ 19.30(a)(2): the criminal division may inquire when relevant to the prosecution or bail."""
    d = decide(FILES, CITY, "prosecutor", "inquire", requester=None, data=["immigration_status"],
               context="court_proceeding", instrument={"type": "none"})
    assert d["outcome"] == "allowed"


def test_no_civil_immigration_arrest_but_criminal_help_documented() -> None:
    """§ 19.30(a)(3)-(4), (b): no arrest for civil immigration violations; criminal assistance is documented."""
    assert decide(FILES, CITY, "police", "arrest", instrument=DETAINER)["outcome"] == "forbidden"
    d = decide(FILES, CITY, "police", "arrest", requester={"agency": "ice", "purpose": "criminal_investigation"},
               instrument={"type": "none"})
    assert local_rules(d, CITY)["arrest-for-immigration-crime"] == "applied"
    assert "record_request" in obligation_kinds(d)


def test_other_city_staff_ask_only_for_eligibility() -> None:
    """§ 19.20(a)(2): no status questions unless law or program guidelines require them for eligibility."""
    refused = decide(FILES, CITY, "library", "inquire", requester=None, data=["immigration_status"],
                     context="service_delivery", instrument={"type": "none"})
    assert refused["outcome"] == "forbidden"
    assert basis_entry(refused, CITY, "city-employees-no-status-inquiry")["confidence"] == "primary"
    eligibility = decide(FILES, CITY, "social_services", "inquire", requester=None, data=["immigration_status"],
                         context="benefits_eligibility", instrument={"type": "none"})
    assert eligibility["outcome"] == "allowed"


def test_chapter_in_force_from_passage_on_11_july_2003() -> None:
    """2003-Or-092 (history note "7-11-03"): the general employee rule binds from 11 July 2003, not September."""
    def ask(day: str) -> dict[str, str]:
        return local_rules(decide(FILES, CITY, "library", "inquire", date=day, requester=None,
                                  data=["immigration_status"], context="service_delivery",
                                  instrument={"type": "none"}), CITY)
    assert "city-employees-no-status-inquiry" not in ask("2003-07-10")
    assert ask("2003-08-01")["city-employees-no-status-inquiry"] == "applied"
