"""Plain words for the contract's codes, shown on pages and printed outputs."""

from __future__ import annotations

import re

from sanctuary.vocabulary import ACTION_DESCRIPTIONS


def N_(message: str) -> str:
    """Marks a string for the translation catalogues (``pybabel extract``); it is translated where shown."""
    return message


# The contract's actions in words (the same text as ``vocabulary.ACTION_DESCRIPTIONS``, marked for translation).
ACTION_WORDS = {
    "hold": N_("keep the person in custody past release on a detainer"),
    "notify_release": N_("tell the requester when the person is released"),
    "transfer": N_("hand the person over"),
    "disclose": N_("give out information"),
    "grant_access": N_("let agents into an area"),
    "interview": N_("let agents interview a person in custody"),
    "arrest": N_("stop, arrest or detain for a civil immigration reason"),
    "inquire": N_("ask the person for information"),
    "collect": N_("record information on a form or system"),
    "condition_service": N_("make a service depend on immigration status"),
    "assist_operation": N_("give staff, facilities or traffic control to an enforcement operation"),
    "enter_agreement": N_("enter a 287(g) or detention agreement"),
}

OUTCOME_WORDS = {
    "forbidden": (N_("Do not do this"), N_("The law forbids staff from doing what is asked.")),
    "allowed": (N_("You may, with care"),
                N_("The law allows it but does not require it: follow your local policy.")),
    "required": (N_("You must do this"), N_("The law requires staff to do what is asked.")),
    "undetermined": (N_("Not decided: ask"),
                     N_("The facts given do not decide it. Escalate to a supervisor or counsel.")),
}
# Coverage "none" (no encoded rule in any layer): never "You may".
NO_RULE_WORDS = (N_("No encoded law: ask before acting"),
                 N_("This library has no rule on this request. It is the agency's discretion, not a permission: "
                    "follow the agency's written policy, or ask counsel."))


def outcome_words(decision: dict[str, object] | None) -> tuple[str, str]:
    """The headline and sentence for a decision, honest about silence (coverage "none")."""
    d = decision or {}
    if d.get("coverage") == "none":
        return NO_RULE_WORDS
    return OUTCOME_WORDS.get(str(d.get("outcome", "undetermined")), OUTCOME_WORDS["undetermined"])

OBLIGATION_WORDS = {
    "notify_subject": N_("Tell the person about the request"),
    "give_copy_to_subject": N_("Give the person a copy of the request"),
    "obtain_written_consent": N_("Get the person's written consent before any interview"),
    "record_request": N_("Record the request (this desk does that)"),
    "report": N_("Include it in the required report"),
    "escalate_to_counsel": N_("Call counsel"),
    "preserve_records": N_("Preserve the records (do not delete anything)"),
    "do_not_obstruct": N_("Do not physically obstruct the agents"),
    "advise_of_rights": N_("Tell the person their rights"),
    "decline_in_writing": N_("Decline in writing"),
    "notify_counsel_or_designee": N_("Notify counsel or the designated official"),
    "verify_identity_of_agents": N_("Check the agents' identification and badge numbers"),
    "hold_public_forum": N_("Hold the required public forum"),
    "limit_hold_duration": N_("Keep within the permitted hold time"),
    "request_judicial_warrant": N_("Ask for a judicial warrant"),
    "notify_parent_or_student": N_("Tell the parent or eligible student before complying"),
}

CHANNEL_WORDS = {
    "in_person": N_("In person"),
    "phone": N_("Phone"),
    "mail": N_("Mail"),
    "email": N_("Email"),
    "fax": N_("Fax"),
}

FINAL_WORDS = {
    "declined": N_("Declined"),
    "complied": N_("Complied"),
    "partially_complied": N_("Partially complied"),
    "referred_to_counsel": N_("Referred to counsel"),
    "no_action_needed": N_("No action needed"),
}

DATA_WORDS = {
    "immigration_status": N_("Immigration status"),
    "citizenship": N_("Citizenship"),
    "place_of_birth": N_("Place of birth"),
    "national_id": N_("SSN / national ID"), "immigration_document": N_("Immigration document (A-number, visa)"),
    "release_date": N_("Release date"), "custody_status": N_("Custody status"), "address": N_("Address"),
    "contact": N_("Phone or email"),
    "schedule": N_("Schedule (work, school, appointments)"),
    "associates": N_("Associates"),
    "criminal_history": N_("Criminal history"),
    "identity": N_("Name and date of birth"),
    "health": N_("Health information"),
    "education_record": N_("Education records"), "biometrics": N_("Fingerprints or photos"),
}


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action) or ACTION_DESCRIPTIONS.get(action, action.replace("_", " "))


def obligation_words(kind: str) -> str:
    return OBLIGATION_WORDS.get(kind, kind.replace("_", " ").capitalize())

AGENCY_KIND_WORDS = {
    "jail": N_("Jail"),
    "police": N_("Police"),
    "probation": N_("Probation"),
    "court": N_("Court"),
    "prosecutor": N_("Prosecutor"),
    "school": N_("School"),
    "health_facility": N_("Hospital or clinic"),
    "shelter": N_("Shelter"),
    "library": N_("Library"),
    "social_services": N_("Social services"),
    "housing": N_("Housing"),
    "city_agency": N_("Other city or county office"),
}

REQUESTER_WORDS = {
    "ice": N_("ICE (Immigration and Customs Enforcement)"), "cbp": N_("CBP (Customs and Border Protection)"),
    "uscis": N_("USCIS (Citizenship and Immigration Services)"), "dhs": N_("Another part of Homeland Security"),
    "cbsa": N_("CBSA (Canada Border Services Agency)"),
    "federal_law_enforcement": N_("Federal police (FBI, DEA, marshals)"),
    "state_law_enforcement": N_("State police"), "local_law_enforcement": N_("Local police or sheriff"),
    "court": N_("A court"), "prosecutor": N_("A prosecutor"), "subject": N_("The person themself"),
    "attorney": N_("A lawyer"), "public": N_("A member of the public"),
}

PURPOSE_WORDS = {
    "civil_immigration": N_("Immigration enforcement (civil)"),
    "criminal_investigation": N_("A criminal investigation"),
    "other": N_("Something else"), "unknown": N_("They did not say"),
}

CONTEXT_WORDS = {
    "service_delivery": N_("Giving a service"), "benefits_eligibility": N_("Checking eligibility for benefits"),
    "victim_or_witness": N_("Helping a victim or witness"), "criminal_investigation": N_("A criminal investigation"),
    "booking": N_("Booking into jail"), "court_proceeding": N_("A court case"),
    "employment_verification": N_("Hiring (checking work authorisation)"),
}

CONVICTION_WORDS = {
    "violent_felony": N_("Violent felony"), "serious_felony": N_("Serious felony"), "felony": N_("Felony (other)"),
    "class_a_felony": N_("Class A felony"),
    "class_b_felony": N_("Class B felony"),
    "aggravated_felony": N_("Aggravated felony"),
    "indictable": N_("Indictable offence"), "wobbler_misdemeanor": N_("Offence chargeable as felony or misdemeanor"),
    "misdemeanor": N_("Misdemeanor"),
    "violent_or_serious": N_("A crime on the local list of violent or serious crimes"),
}

STATUS_WORDS = {"open": N_("Open"), "escalated": N_("Escalated"), "decided": N_("Decided"), "closed": N_("Closed")}

ROLE_WORDS = {"clerk": N_("clerk"), "supervisor": N_("supervisor"), "counsel": N_("counsel"), "auditor": N_("auditor"),
              "admin": N_("administrator")}

EFFECT_WORDS = {
    "forbid": N_("Forbids it"),
    "require": N_("Requires it"),
    "allow": N_("Allows it"),
    "permit": N_("Allows it"),
}

BASIS_STATUS_WORDS = {
    "applied": N_("Applies"), "overridden": N_("Set aside by an exception or a higher law"),
    "void": N_("Void: overridden by a higher law"),
}

CONFIDENCE_WORDS = {
    "primary": N_("Read from the law's own text"), "secondary": N_("From a reliable summary of the law"),
    "unverified": N_("Not yet checked against the law's text"),
}

FACT_WORDS = {
    "subject.convictions": N_("the person's past convictions"),
    "subject.pending_charges": N_("any open criminal charges"),
    "subject.in_custody": N_("whether your agency holds the person"),
    "subject.written_consent": N_("whether the person agreed in writing"),
    "subject.minor": N_("whether the person is under 18"),
    "subject.watchlist_match": N_("whether the person may match a terrorism watch list"),
    "subject.final_removal_order": N_("whether the person has a final order of removal"),
    "subject.reentered_after_removal": N_("whether the person came back after being removed"),
    "subject.proof_of_lawful_status": N_("whether the person showed proof of citizenship or lawful status"),
    "instrument.signed_by": N_("who signed the paper"),
    "instrument.probable_cause_finding": N_("whether a judge found probable cause"),
    "instrument.accompanied_by": N_("which papers are attached"),
    "requester.purpose": N_("what the request is for"),
    "data": N_("which information is asked for"),
    "context": N_("the setting (service, benefits, booking, court)"),
    "location": N_("which area they want to enter"),
    "exigent": N_("whether the agents claim an emergency"),
}

NO_LAW_WORDS = (N_("No encoded law covers this"),
                N_("No law the desk knows of decides this request. Ask counsel, or follow your agency's written "
                   "policy."))


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
    "none": N_("No paper"), "detainer": N_("Detainer (I-247A)"), "admin_warrant": N_("Immigration officer's warrant"),
    "admin_subpoena": N_("Immigration subpoena (I-138)"), "notice_of_inspection": N_("I-9 notice of inspection"),
    "notice_to_appear": N_("Notice to appear (I-862)"), "judicial_warrant": N_("Judge's warrant"),
    "judicial_subpoena": N_("Court subpoena"),
    "court_order": N_("Court order"),
    "irpa_warrant": N_("IRPA warrant (Canada)"),
    "statute": N_("A statute"),
}


FIELD_WORDS = {
    "place": N_("Where is your agency?"),
    "jurisdiction": N_("Where is your agency?"),
    "agency_kind": N_("Kind of agency"),
    "paper": N_("What paper can you see?"), "signed_by": N_("Who signed it?"), "court": N_("Which court issued it?"),
    "court_name": N_("Court's name"), "action": N_("What is asked?"), "data": N_("Information asked for"),
    "location": N_("Where do they want to go?"), "requester_agency": N_("Who is asking?"), "purpose": N_("For what?"),
    "context": N_("Setting"), "in_custody": N_("Is the person held by your agency?"),
    "written_consent": N_("Has the person consented in writing?"), "channel": N_("How it arrived"),
    "received_at": N_("When it arrived"), "return_date": N_("Return date"), "assignee": N_("Assign to"),
    "person_ref": N_("The person concerned"),
    "agent_name": N_("Agent's name"),
    "agent_badge": N_("Agent's badge number"),
    "document": N_("Photo or PDF of the paper"), "reason": N_("Reason"), "outcome": N_("Decision"),
    "convictions": N_("Convictions"), "conviction_class": N_("Conviction: kind of crime"),
    "conviction_date": N_("Conviction: date"),
    "pending_charges": N_("Open criminal charges"), "charge_class": N_("Charge: kind of crime"),
    "charge_pcf": N_("Charge: probable cause"), "name": N_("Agency name"), "address": N_("Postal address"),
    "letterhead": N_("Letterhead"), "counsel_phone": N_("Counsel's phone"), "timezone": N_("Time zone"),
    "username": N_("Username"), "password": N_("Password"), "role": N_("Role"), "hours": N_("Hours"),
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
