"""The words of the decision contract (``shared/spec/decision-contract.md``, version 1).

Every enumeration the engine, the rule files, the CLI and the HTTP API accept lives here, once.
Extend a tuple (and say so in CHANGELOG.md); never rename or remove a value.
"""

from __future__ import annotations

from typing import Final

CONTRACT_VERSION: Final = 1

AGENCY_KINDS: Final = (
    "jail", "police", "probation", "court", "prosecutor", "school", "health_facility", "shelter",
    "library", "social_services", "housing", "city_agency",
)
ACTIONS: Final = (
    "hold", "notify_release", "transfer", "disclose", "grant_access", "interview", "arrest", "inquire",
    "collect", "condition_service", "assist_operation", "enter_agreement",
)
REQUESTER_AGENCIES: Final = (
    "ice", "cbp", "uscis", "dhs", "cbsa", "federal_law_enforcement", "state_law_enforcement",
    "local_law_enforcement", "court", "prosecutor", "subject", "attorney", "public",
)
PURPOSES: Final = ("civil_immigration", "criminal_investigation", "other", "unknown")
INSTRUMENT_TYPES: Final = (
    "none", "detainer", "admin_warrant", "admin_subpoena", "notice_of_inspection", "notice_to_appear",
    "judicial_warrant", "judicial_subpoena", "court_order", "irpa_warrant", "statute",
)
SIGNERS: Final = ("federal_judge", "state_judge", "immigration_judge", "immigration_officer", "other", "unknown")
DATA_CATEGORIES: Final = (
    "immigration_status", "citizenship", "place_of_birth", "national_id", "immigration_document",
    "release_date", "custody_status", "address", "contact", "schedule", "associates", "criminal_history",
    "identity", "health", "education_record", "biometrics",
)
CONTEXTS: Final = (
    "service_delivery", "benefits_eligibility", "victim_or_witness", "criminal_investigation", "booking",
    "court_proceeding",
    # Extension: hiring, where federal law makes every employer verify work authorisation (Form I-9).
    "employment_verification",
)
LOCATIONS: Final = ("public_area", "non_public_area")
CONVICTION_CLASSES: Final = (
    "violent_felony", "serious_felony", "felony", "class_a_felony", "class_b_felony", "aggravated_felony",
    "indictable", "wobbler_misdemeanor", "misdemeanor", "violent_or_serious",
)
# A conviction of a class on the right is also one of the class on the left (a violent felony is a felony).
# A rule that names the left-hand class therefore matches the right-hand ones; expanded when a file is loaded.
CONVICTION_SUBCLASSES: Final[dict[str, tuple[str, ...]]] = {
    "felony": ("violent_felony", "serious_felony", "class_a_felony", "class_b_felony"),
    "misdemeanor": ("wobbler_misdemeanor",),
}
OUTCOMES: Final = ("forbidden", "allowed", "required", "undetermined")
CONFIDENCES: Final = ("primary", "secondary", "unverified")
BASIS_STATUSES: Final = ("applied", "overridden", "void")
OBLIGATION_KINDS: Final = (
    "notify_subject", "give_copy_to_subject", "obtain_written_consent", "record_request", "report",
    "escalate_to_counsel", "preserve_records", "do_not_obstruct",
    # Extensions (v1.1): duties found in the encoded laws that the contract's list did not name.
    "advise_of_rights", "decline_in_writing", "notify_counsel_or_designee", "verify_identity_of_agents",
    "hold_public_forum", "limit_hold_duration", "request_judicial_warrant",
    # Extensions (v1.2): FERPA's advance notice of a judicial order or subpoena (34 C.F.R. § 99.31(a)(9)(ii)).
    "notify_parent_or_student",
)
EFFECTS: Final = ("forbid", "allow", "require", "duty")
LEVELS: Final = ("country", "state", "province", "county", "city", "agency")

# Named groups a rule file may use in place of listing members. Expanded when a file is loaded.
REQUESTER_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "immigration_authority": ("ice", "cbp", "uscis", "dhs", "cbsa"),
    "us_immigration_authority": ("ice", "cbp", "uscis", "dhs"),
    "law_enforcement": ("federal_law_enforcement", "state_law_enforcement", "local_law_enforcement"),
}
INSTRUMENT_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "judicial": ("judicial_warrant", "judicial_subpoena", "court_order"),
    "administrative": ("detainer", "admin_warrant", "admin_subpoena", "notice_of_inspection", "notice_to_appear"),
}
DATA_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "status_information": ("immigration_status", "citizenship"),
    "personal_information": (
        "address", "contact", "schedule", "associates", "identity", "national_id", "place_of_birth",
        "immigration_document", "biometrics",
    ),
}
AGENCY_KIND_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "law_enforcement": ("jail", "police", "probation"),
    "criminal_justice": ("jail", "police", "probation", "court", "prosecutor"),
    "civil_service": (
        "school", "health_facility", "shelter", "library", "social_services", "housing", "city_agency",
    ),
}
AGENCY_KIND_GROUPS["any"] = AGENCY_KINDS

ACTION_DESCRIPTIONS: Final[dict[str, str]] = {
    "hold": "keep the person in custody past release on a detainer",
    "notify_release": "tell the requester when the person is released",
    "transfer": "hand the person over",
    "disclose": "give out information",
    "grant_access": "let agents into an area",
    "interview": "let agents interview a person in custody",
    "arrest": "stop, arrest or detain for a civil immigration reason",
    "inquire": "ask the person for information",
    "collect": "record information on a form or system",
    "condition_service": "make a service depend on immigration status",
    "assist_operation": "give staff, facilities or traffic control to an enforcement operation",
    "enter_agreement": "enter a 287(g) or detention agreement",
}

OBLIGATION_PHRASES: Final[dict[str, str]] = {
    "notify_subject": "Tell the person",
    "give_copy_to_subject": "Give the person a copy of the request",
    "obtain_written_consent": "Get the person's written consent first",
    "record_request": "Record the request",
    "report": "Report it",
    "escalate_to_counsel": "Call counsel",
    "preserve_records": "Preserve the records",
    "do_not_obstruct": "Do not physically obstruct the agents",
    "advise_of_rights": "Tell the person their rights",
    "decline_in_writing": "Decline in writing",
    "notify_counsel_or_designee": "Tell the person's lawyer or designee",
    "verify_identity_of_agents": "Record the agents' names, badges and agency",
    "hold_public_forum": "Hold a public forum",
    "limit_hold_duration": "Hold no longer than the law allows",
    "request_judicial_warrant": "Ask for a judicial warrant",
    "notify_parent_or_student": "Tell the parent or eligible student first",
}

# How the explanation states a fact the engine filled in because the request did not mention it.
ASSUMPTION_PHRASES: Final[dict[str, str]] = {
    "exigent": "the agents claim no emergency",
    "instrument.probable_cause_finding": "no judge has found probable cause",
    "instrument.accompanied_by": "no other papers are attached",
    "instrument.type": "no paper or statute requires it",
    "subject.written_consent": "the person has not consented in writing",
    "subject.proof_of_lawful_status": "the person has not shown proof of citizenship or lawful status",
    "subject.in_custody": "the person is in the agency's custody",
}
