"""Plain words for the contract's codes, shown on pages and printed outputs."""

from __future__ import annotations

import re

from sanctuary.vocabulary import ACTION_DESCRIPTIONS

OUTCOME_WORDS = {
    "forbidden": ("Do not do this", "The law forbids staff from doing what is asked."),
    "allowed": ("You may, with care", "The law allows it but does not require it: follow your local policy."),
    "required": ("You must do this", "The law requires staff to do what is asked."),
    "undetermined": ("Not decided: ask", "The facts given do not decide it. Escalate to a supervisor or counsel."),
}

OBLIGATION_WORDS = {
    "notify_subject": "Tell the person about the request",
    "give_copy_to_subject": "Give the person a copy of the request",
    "obtain_written_consent": "Get the person's written consent before any interview",
    "record_request": "Record the request (this desk does that)",
    "report": "Include it in the required report",
    "escalate_to_counsel": "Call counsel",
    "preserve_records": "Preserve the records (do not delete anything)",
    "do_not_obstruct": "Do not physically obstruct the agents",
    "advise_of_rights": "Tell the person their rights",
    "decline_in_writing": "Decline in writing",
    "notify_counsel_or_designee": "Notify counsel or the designated official",
    "verify_identity_of_agents": "Check the agents' identification and badge numbers",
    "hold_public_forum": "Hold the required public forum",
    "limit_hold_duration": "Keep within the permitted hold time",
    "request_judicial_warrant": "Ask for a judicial warrant",
}

CHANNEL_WORDS = {"in_person": "In person", "phone": "Phone", "mail": "Mail", "email": "Email", "fax": "Fax"}

FINAL_WORDS = {
    "declined": "Declined",
    "complied": "Complied",
    "partially_complied": "Partially complied",
    "referred_to_counsel": "Referred to counsel",
    "no_action_needed": "No action needed",
}

DATA_WORDS = {
    "immigration_status": "Immigration status", "citizenship": "Citizenship", "place_of_birth": "Place of birth",
    "national_id": "SSN / national ID", "immigration_document": "Immigration document (A-number, visa)",
    "release_date": "Release date", "custody_status": "Custody status", "address": "Address",
    "contact": "Phone or email", "schedule": "Schedule (work, school, appointments)", "associates": "Associates",
    "criminal_history": "Criminal history", "identity": "Name and date of birth", "health": "Health information",
    "education_record": "Education records", "biometrics": "Fingerprints or photos",
}


def action_words(action: str) -> str:
    return ACTION_DESCRIPTIONS.get(action, action.replace("_", " "))


def obligation_words(kind: str) -> str:
    return OBLIGATION_WORDS.get(kind, kind.replace("_", " ").capitalize())

AGENCY_KIND_WORDS = {
    "jail": "Jail", "police": "Police", "probation": "Probation", "court": "Court", "prosecutor": "Prosecutor",
    "school": "School", "health_facility": "Hospital or clinic", "shelter": "Shelter", "library": "Library",
    "social_services": "Social services", "housing": "Housing", "city_agency": "Other city or county office",
}

REQUESTER_WORDS = {
    "ice": "ICE (Immigration and Customs Enforcement)", "cbp": "CBP (Customs and Border Protection)",
    "uscis": "USCIS (Citizenship and Immigration Services)", "dhs": "Another part of Homeland Security",
    "cbsa": "CBSA (Canada Border Services Agency)", "federal_law_enforcement": "Federal police (FBI, DEA, marshals)",
    "state_law_enforcement": "State police", "local_law_enforcement": "Local police or sheriff",
    "court": "A court", "prosecutor": "A prosecutor", "subject": "The person themself",
    "attorney": "A lawyer", "public": "A member of the public",
}

PURPOSE_WORDS = {
    "civil_immigration": "Immigration enforcement (civil)", "criminal_investigation": "A criminal investigation",
    "other": "Something else", "unknown": "They did not say",
}

CONTEXT_WORDS = {
    "service_delivery": "Giving a service", "benefits_eligibility": "Checking eligibility for benefits",
    "victim_or_witness": "Helping a victim or witness", "criminal_investigation": "A criminal investigation",
    "booking": "Booking into jail", "court_proceeding": "A court case",
}

CONVICTION_WORDS = {
    "violent_felony": "Violent felony", "serious_felony": "Serious felony", "felony": "Felony (other)",
    "class_a_felony": "Class A felony", "class_b_felony": "Class B felony", "aggravated_felony": "Aggravated felony",
    "indictable": "Indictable offence", "wobbler_misdemeanor": "Offence chargeable as felony or misdemeanor",
    "misdemeanor": "Misdemeanor", "violent_or_serious": "A crime on the local list of violent or serious crimes",
}

STATUS_WORDS = {"open": "Open", "escalated": "Escalated", "decided": "Decided", "closed": "Closed"}

ROLE_WORDS = {"clerk": "clerk", "supervisor": "supervisor", "counsel": "counsel", "auditor": "auditor",
              "admin": "administrator"}

EFFECT_WORDS = {"forbid": "Forbids it", "require": "Requires it", "allow": "Allows it", "permit": "Allows it"}

BASIS_STATUS_WORDS = {
    "applied": "Applies", "overridden": "Set aside by an exception or a higher law",
    "void": "Void: overridden by a higher law",
}

CONFIDENCE_WORDS = {
    "primary": "Read from the law's own text", "secondary": "From a reliable summary of the law",
    "unverified": "Not yet checked against the law's text",
}

FACT_WORDS = {
    "subject.convictions": "the person's past convictions",
    "subject.pending_charges": "any open criminal charges",
    "subject.in_custody": "whether your agency holds the person",
    "subject.written_consent": "whether the person agreed in writing",
    "subject.minor": "whether the person is under 18",
    "subject.watchlist_match": "whether the person may match a terrorism watch list",
    "subject.final_removal_order": "whether the person has a final order of removal",
    "subject.reentered_after_removal": "whether the person came back after being removed",
    "subject.proof_of_lawful_status": "whether the person showed proof of citizenship or lawful status",
    "instrument.signed_by": "who signed the paper",
    "instrument.probable_cause_finding": "whether a judge found probable cause",
    "instrument.accompanied_by": "which papers are attached",
    "requester.purpose": "what the request is for",
    "data": "which information is asked for",
    "context": "the setting (service, benefits, booking, court)",
    "location": "which area they want to enter",
    "exigent": "whether the agents claim an emergency",
}

NO_LAW_WORDS = ("No encoded law covers this",
                "No law the desk knows of decides this request. Ask counsel, or follow your agency's written "
                "policy.")


def fact_words(fact: str) -> str:
    return FACT_WORDS.get(fact, fact.split(".")[-1].replace("_", " "))


def words_for(table: dict[str, str], code: str) -> str:
    """A code's plain words, or the code with its underscores as spaces when no words are written for it."""
    return table.get(code, code.replace("_", " "))


_FACT_CODE = re.compile(r"\b(?:subject|instrument|requester|agency)\.[a-z_]+\b"
                        r"|\b(?:data|context|location|exigent)\b(?=[,.;])")


def plain(text: str) -> str:
    """The engine's explanation with contract field names (``subject.convictions``) in plain words."""
    return _FACT_CODE.sub(lambda m: FACT_WORDS.get(m.group(0), m.group(0).split(".")[-1].replace("_", " ")), text)


INSTRUMENT_WORDS = {
    "none": "No paper", "detainer": "Detainer (I-247A)", "admin_warrant": "Immigration officer's warrant",
    "admin_subpoena": "Immigration subpoena (I-138)", "notice_of_inspection": "I-9 notice of inspection",
    "notice_to_appear": "Notice to appear (I-862)", "judicial_warrant": "Judge's warrant",
    "judicial_subpoena": "Court subpoena", "court_order": "Court order", "irpa_warrant": "IRPA warrant (Canada)",
    "statute": "A statute",
}


FIELD_WORDS = {
    "place": "Where is your agency?", "jurisdiction": "Where is your agency?", "agency_kind": "Kind of agency",
    "paper": "What paper can you see?", "signed_by": "Who signed it?", "court": "Which court issued it?",
    "court_name": "Court's name", "action": "What is asked?", "data": "Information asked for",
    "location": "Where do they want to go?", "requester_agency": "Who is asking?", "purpose": "For what?",
    "context": "Setting", "in_custody": "Is the person held by your agency?",
    "written_consent": "Has the person consented in writing?", "channel": "How it arrived",
    "received_at": "When it arrived", "return_date": "Return date", "assignee": "Assign to",
    "person_ref": "The person concerned", "agent_name": "Agent's name", "agent_badge": "Agent's badge number",
    "document": "Photo or PDF of the paper", "reason": "Reason", "outcome": "Decision",
    "convictions": "Convictions", "conviction_class": "Conviction: kind of crime",
    "conviction_date": "Conviction: date",
    "pending_charges": "Open criminal charges", "charge_class": "Charge: kind of crime",
    "charge_pcf": "Charge: probable cause", "name": "Agency name", "address": "Postal address",
    "letterhead": "Letterhead", "counsel_phone": "Counsel's phone", "timezone": "Time zone",
    "username": "Username", "password": "Password", "role": "Role", "hours": "Hours",
}
_NUMBERED = re.compile(r"^(.*?)_(\d+)$")


def field_words(field: str) -> str:
    """A form field's label for an error message ("conviction_date_2" -> "Conviction 2: date")."""
    name = field.split(".")[-1] if field.startswith(("request.", "intake.")) else field
    numbered = _NUMBERED.match(name)
    if numbered and numbered.group(1) in FIELD_WORDS:
        label = FIELD_WORDS[numbered.group(1)]
        head, _, tail = label.partition(":")
        return f"{head} {numbered.group(2)}:{tail}" if tail else f"{label} {numbered.group(2)}"
    return FIELD_WORDS.get(name, name.replace("_", " ").replace(".", " "))
