"""Scenario tests for Colorado (library/us/co.yaml): HB19-1124 (C.R.S. art. 24-76.6, in force 2019-05-28) and
SB25-276 (signed 2025-05-23; effective date unverified, encoded from signing). Counties without a file of their
own (``us/co/el-paso-county``) are decided by Colorado and the federal layer.
"""

from __future__ import annotations

from tests.law._us_sanctuary import (
    DETAINER,
    FEDERAL_WARRANT,
    ICE,
    STATE_WARRANT,
    basis_entry,
    decide,
    decided,
    obligation_kinds,
    request,
    status_of,
)

EL_PASO = "us/co/el-paso-county"


def test_hb19_1124_date_boundary_for_detainer_holds() -> None:
    """HB19-1124 (2019 ch. 299, eff. 2019-05-28): no hold on a civil immigration detainer from that day."""
    before = decide(request("2019-05-27", EL_PASO, "jail", "hold", requester=ICE, instrument=DETAINER))
    on = decide(request("2019-05-28", EL_PASO, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert before["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert decided(before) == ("us", "hold-is-a-new-seizure")
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/co", "no-hold-on-detainer-2019")


def test_federal_judge_warrant_may_be_honoured() -> None:
    """C.R.S. art. 24-76.6 (HB19-1124 § 2): cooperation in executing a federal judge's or magistrate's warrant."""
    d = decide(request("2020-03-01", EL_PASO, "jail", "hold", requester=ICE, instrument=FEDERAL_WARRANT))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/co", "federal-warrant-or-writ-2019")


def test_state_judge_warrant_is_not_a_federal_warrant() -> None:
    """C.R.S. art. 24-76.6: the warrant exception names a federal judge or magistrate."""
    d = decide(request("2020-03-01", EL_PASO, "jail", "hold", requester=ICE, instrument=STATE_WARRANT))
    assert d["outcome"] == "forbidden"


def test_prisoner_transfer_writ_from_state_judge() -> None:
    """C.R.S. art. 24-76.6: honouring a state or federal judge's writ for a prisoner transfer."""
    d = decide(request("2020-03-01", EL_PASO, "jail", "hold", requester={"agency": "federal_law_enforcement"},
                       instrument={"type": "court_order", "signed_by": "state_judge"}))
    assert d["outcome"] == "allowed"


def test_ice_administrative_warrant_is_a_civil_detainer_under_colorado_law() -> None:
    """C.R.S. § 24-76.6-101(1): "civil immigration detainer" includes a warrant for arrest of alien; officers
    may not arrest on it even when ICE asks (the federal permission yields)."""
    d = decide(request("2026-03-01", EL_PASO, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/co", "no-arrest-on-detainer-or-ice-warrant")
    assert status_of(d, "us", "civil-arrest-at-federal-request") == "overridden"


def test_sb25_276_extends_detainer_ban_to_probation_officers() -> None:
    """SB25-276: the detainer ban reaches all state-designated peace officers (encoded from 2025-05-23)."""
    before = decide(request("2025-05-22", EL_PASO, "probation", "hold", requester=ICE, instrument=DETAINER))
    on = decide(request("2025-05-23", EL_PASO, "probation", "hold", requester=ICE, instrument=DETAINER))
    assert before["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert decided(before) == ("us", "hold-is-a-new-seizure")
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/co", "no-hold-on-detainer-2025")


def test_probation_may_not_give_ice_personal_information_2019() -> None:
    """C.R.S. §§ 24-76.6-101(4), -103: probation staff may not give ICE home or work contact details or
    appointment times."""
    d = decide(request("2021-03-01", EL_PASO, "probation", "disclose", requester=ICE,
                       data=["address", "schedule"], instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/co", "probation-no-personal-information")
    assert d["by_data"] == {"address": "forbidden", "schedule": "forbidden"}


def test_sb25_276_personal_information_ban_reaches_every_entity() -> None:
    """SB25-276: no personal identifying information to immigration authorities without a judge-issued
    warrant or subpoena; before it, a police department was not covered."""
    informal = {"type": "none"}
    before = decide(request("2025-05-22", EL_PASO, "police", "disclose", requester=ICE, data=["address"],
                            instrument=informal))
    on = decide(request("2025-05-23", EL_PASO, "police", "disclose", requester=ICE, data=["address"],
                        instrument=informal))
    subpoena = decide(request("2026-03-01", EL_PASO, "police", "disclose", requester=ICE, data=["address"],
                              instrument={"type": "judicial_subpoena", "signed_by": "federal_judge"}))
    assert before["outcome"] == "allowed"
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/co", "no-personal-information-2025")
    assert subpoena["outcome"] == "allowed"
    assert decided(subpoena) == ("us/co", "judicial-process-2025")


def test_personal_information_request_without_paper_type_is_undetermined() -> None:
    """SB25-276: whether a judge-issued warrant or subpoena backs the request decides it."""
    d = decide(request("2026-03-01", EL_PASO, "police", "disclose", requester=ICE, data=["address"]))
    assert d["outcome"] == "undetermined"
    assert d["missing_facts"] == ["instrument.type"]


def test_status_information_left_to_1373() -> None:
    """SB25-276's personal-information ban does not reach citizenship or immigration status (8 U.S.C. § 1373)."""
    d = decide(request("2026-03-01", EL_PASO, "police", "disclose", requester=ICE, data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "may-share-status-with-dhs")


def test_interview_advisement_before_ice_phone_interview() -> None:
    """C.R.S. art. 24-76.6 (HB19-1124 § 2): advise the person before a coordinated ICE phone or video interview."""
    d = decide(request("2026-03-01", EL_PASO, "jail", "interview", requester=ICE))
    assert "advise_of_rights" in obligation_kinds(d)
    assert status_of(d, "us/co", "interview-advisement") == "applied"


def test_sb25_276_no_nonpublic_jail_access_without_federal_warrant() -> None:
    """SB25-276: detention-facility staff may not let immigration authorities into non-public areas unless a
    federal warrant compels it."""
    plain = decide(request("2026-03-01", EL_PASO, "jail", "grant_access", requester=ICE,
                           location="non_public_area", instrument=DETAINER))
    warrant = decide(request("2026-03-01", EL_PASO, "jail", "grant_access", requester=ICE,
                             location="non_public_area", instrument=FEDERAL_WARRANT))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == ("us/co", "no-nonpublic-detention-access")
    assert basis_entry(plain, "us/co", "no-nonpublic-detention-access")["confidence"] == "secondary"
    assert warrant["outcome"] == "allowed"


def test_sb25_276_schools_and_health_facilities() -> None:
    """SB25-276: public schools and health facilities keep immigration enforcement out of non-public areas
    without a federal judge's warrant or order; public areas are not covered."""
    school = decide(request("2026-03-01", EL_PASO, "school", "grant_access", requester=ICE,
                            location="non_public_area", instrument=DETAINER))
    lobby = decide(request("2026-03-01", EL_PASO, "school", "grant_access", requester=ICE,
                           location="public_area", instrument=DETAINER))
    assert school["outcome"] == "forbidden"
    assert lobby["outcome"] == "allowed"


# ------------------------------------------------------------------ courthouses and libraries (2026-12-04)
COURT_REQ = {"requester": ICE, "context": "court_proceeding",
             "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}


def test_courthouse_civil_arrest_boundary_sb20_083() -> None:
    """C.R.S. § 13-1-403(1) (SB 20-083, effective 2020-03-23): no civil arrest at a courthouse or while going to,
    attending or coming from a court proceeding; court staff may not help."""
    before = decide(request("2020-03-22", EL_PASO, "court", "assist_operation", **COURT_REQ))
    on = decide(request("2020-03-23", EL_PASO, "court", "assist_operation", **COURT_REQ))
    assert ("us/co", "no-civil-arrest-at-courthouse") not in {(b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/co", "no-civil-arrest-at-courthouse")
    assert basis_entry(on, "us/co", "no-civil-arrest-at-courthouse")["confidence"] == "primary"


def test_courthouse_criminal_arrest_warrant_not_barred() -> None:
    """C.R.S. § 13-1-403(3): a judge's criminal arrest warrant may be executed."""
    d = decide(request("2024-04-02", EL_PASO, "police", "arrest", requester=ICE, context="court_proceeding",
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert ("us/co", "criminal-arrest-warrant-at-courthouse") in {(b["jurisdiction"], b["rule"]) for b in d["basis"]}
    assert d["outcome"] != "forbidden"


def test_courthouse_security_records_officers_credentials() -> None:
    """C.R.S. § 13-1-403(4): on-duty officers present credentials and state their purpose; security keeps a record."""
    d = decide(request("2024-04-02", EL_PASO, "court", "grant_access", requester=ICE, location="public_area"))
    assert {"verify_identity_of_agents", "record_request"} <= obligation_kinds(d)


def test_sb25_276_libraries_keep_agents_out_of_non_public_areas() -> None:
    """SB25-276 (C.R.S. art. 24-74.1): public libraries, like schools, may not let immigration enforcement into
    non-public areas without a federal judge's warrant or order."""
    plain = decide(request("2025-06-01", EL_PASO, "library", "grant_access", requester=ICE,
                           location="non_public_area", instrument={"type": "admin_warrant"}))
    warrant = decide(request("2025-06-01", EL_PASO, "library", "grant_access", requester=ICE,
                             location="non_public_area",
                             instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    before = decide(request("2025-05-22", EL_PASO, "library", "grant_access", requester=ICE,
                            location="non_public_area", instrument={"type": "admin_warrant"}))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == ("us/co", "no-nonpublic-access-schools-health")
    assert warrant["outcome"] == "allowed"
    assert before["outcome"] != "forbidden"


def test_sb25_276_library_patron_consent() -> None:
    """C.R.S. § 24-74.1-102 (SB25-276): a library may release a patron's records with written consent."""
    without = decide(request("2025-06-01", EL_PASO, "library", "disclose", requester=ICE, data=["address"],
                             instrument={"type": "none"}, subject={"written_consent": False}))
    consent = decide(request("2025-06-01", EL_PASO, "library", "disclose", requester=ICE, data=["address"],
                             instrument={"type": "none"}, subject={"written_consent": True}))
    assert without["outcome"] == "forbidden"
    assert consent["outcome"] == "allowed"
    assert decided(consent) == ("us/co", "library-patron-consent")


# ------------------------------------------------------------------ state agencies' collection (law14, 2026-12-04)
def test_sb21_131_no_status_collection_from_2022() -> None:
    """C.R.S. § 24-74-104(2) (SB21-131, 2021 ch. 353): "Beginning January 1, 2022, a state agency shall not collect"
    place of birth, immigration or citizenship status, or immigration-document information."""
    req = {"data": ["place_of_birth"], "context": "service_delivery"}
    before = decide(request("2021-12-31", EL_PASO, "social_services", "collect", **req))
    on = decide(request("2022-01-01", EL_PASO, "social_services", "collect", **req))
    assert ("us/co", "state-agencies-no-status-collection") not in {
        (b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/co", "state-agencies-no-status-collection")
    assert basis_entry(on, "us/co", "state-agencies-no-status-collection")["confidence"] == "primary"


def test_sb21_131_collection_required_by_law_or_for_eligibility() -> None:
    """C.R.S. § 24-74-104(2): except as required by state or federal law, or to verify eligibility for a
    government-funded housing or economic development program."""
    by_law = decide(request("2024-03-01", EL_PASO, "housing", "collect", data=["immigration_status"],
                            instrument={"type": "statute"}, context="service_delivery"))
    eligibility = decide(request("2024-03-01", EL_PASO, "housing", "collect", data=["immigration_document"],
                                 context="benefits_eligibility"))
    for d in (by_law, eligibility):
        assert d["outcome"] == "allowed"
        assert decided(d) == ("us/co", "state-agencies-status-collection-permitted")
        assert status_of(d, "us/co", "state-agencies-no-status-collection") == "overridden"


def test_sb21_131_collection_limit_leaves_other_data_alone() -> None:
    """C.R.S. § 24-74-104(2) lists place of birth, status and immigration documents only; an address is outside it."""
    d = decide(request("2024-03-01", EL_PASO, "social_services", "collect", data=["address"],
                       context="service_delivery"))
    assert ("us/co", "state-agencies-no-status-collection") not in {(b["jurisdiction"], b["rule"]) for b in d["basis"]}
