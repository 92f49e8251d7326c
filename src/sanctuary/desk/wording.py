"""Plain words for the contract's codes, shown on pages and printed outputs."""

from __future__ import annotations

from sanctuary.vocabulary import ACTION_DESCRIPTIONS

OUTCOME_WORDS = {
    "forbidden": ("Do not do this", "The law forbids staff from doing what is asked."),
    "allowed": ("You may, with care", "The law allows it but does not require it: follow your local policy."),
    "required": ("You must do this", "The law requires staff to do what is asked."),
    "undetermined": ("Not decided: ask", "The facts given do not decide it. Escalate to a supervisor or counsel."),
}
# Coverage "none" (no encoded rule in any layer): never "You may".
NO_RULE_WORDS = ("No encoded law: ask before acting",
                 "This library has no rule on this request. It is the agency's discretion, not a permission: "
                 "follow the agency's written policy, or ask counsel.")


def outcome_words(decision: dict[str, object] | None) -> tuple[str, str]:
    """The headline and sentence for a decision, honest about silence (coverage "none")."""
    d = decision or {}
    if d.get("coverage") == "none":
        return NO_RULE_WORDS
    return OUTCOME_WORDS.get(str(d.get("outcome", "undetermined")), OUTCOME_WORDS["undetermined"])

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
    "notify_parent_or_student": "Tell the parent or eligible student before complying",
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
