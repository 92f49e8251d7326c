"""Plain words for the atlas's values (levels, vocabulary, attributes, confidence), marked for translation.

Templates call ``word(group, key)``: the translated label, or the key with spaces for a value not listed here
(new data never breaks a page).
"""

from __future__ import annotations

from sanctuary.i18n import N_, gettext

LEVELS = {"country": N_("country"), "state": N_("state"), "province": N_("province"),
          "territory": N_("territory"), "federal_district": N_("federal district"), "county": N_("county"),
          "city": N_("city")}
KINDS = {"any": N_("any kind of agency"),
         "jail": N_("jail"), "police": N_("police"), "probation": N_("probation"), "court": N_("court"),
         "prosecutor": N_("prosecutor"), "school": N_("school"), "health_facility": N_("health facility"),
         "shelter": N_("shelter"), "library": N_("library"), "social_services": N_("social services"),
         "housing": N_("housing"), "city_agency": N_("city agency")}
ACTIONS = {"any": N_("any action"), "hold": N_("hold the person"), "notify_release": N_("tell of a release"),
           "transfer": N_("hand the person over"), "disclose": N_("share information"),
           "grant_access": N_("let into the building"), "interview": N_("allow an interview"),
           "arrest": N_("arrest"), "inquire": N_("ask about status"), "collect": N_("record status"),
           "condition_service": N_("make a service depend on status"),
           "assist_operation": N_("help an operation"), "enter_agreement": N_("sign an agreement")}
REQUESTERS = {"ice": N_("ICE"), "cbp": N_("CBP"), "uscis": N_("USCIS"), "dhs": N_("DHS (other)"),
              "cbsa": N_("CBSA (Canada)"), "federal_law_enforcement": N_("federal police"),
              "state_law_enforcement": N_("state police"), "local_law_enforcement": N_("local police"),
              "court": N_("a court"), "prosecutor": N_("a prosecutor"), "subject": N_("the person"),
              "attorney": N_("the person's lawyer"), "public": N_("the public")}
PURPOSES = {"civil_immigration": N_("civil immigration enforcement"),
            "criminal_investigation": N_("criminal investigation"), "other": N_("other"),
            "unknown": N_("unknown")}
INSTRUMENTS = {"none": N_("no paper"), "detainer": N_("detainer (I-247)"),
               "admin_warrant": N_("administrative warrant (I-200/I-205)"),
               "admin_subpoena": N_("administrative subpoena"),
               "notice_of_inspection": N_("notice of inspection (I-9)"),
               "notice_to_appear": N_("notice to appear"), "judicial_warrant": N_("warrant signed by a judge"),
               "judicial_subpoena": N_("subpoena from a court"), "court_order": N_("court order"),
               "irpa_warrant": N_("IRPA warrant (Canada)"), "statute": N_("a statute")}
SIGNERS = {"federal_judge": N_("federal judge"), "state_judge": N_("state judge"),
           "immigration_judge": N_("immigration judge"), "immigration_officer": N_("immigration officer"),
           "other": N_("other"), "unknown": N_("unknown")}
CONTEXTS = {"service_delivery": N_("giving a service"), "benefits_eligibility": N_("checking benefits"),
            "victim_or_witness": N_("a victim or witness"),
            "criminal_investigation": N_("criminal investigation"), "booking": N_("booking into jail"),
            "court_proceeding": N_("court proceeding")}
DATA = {"immigration_status": N_("immigration status"), "citizenship": N_("citizenship"),
        "place_of_birth": N_("place of birth"), "national_id": N_("national id number"),
        "immigration_document": N_("immigration document"), "release_date": N_("release date"),
        "custody_status": N_("custody status"), "address": N_("address"), "contact": N_("contact details"),
        "schedule": N_("schedule"), "associates": N_("associates"), "criminal_history": N_("criminal history"),
        "identity": N_("identity"), "health": N_("health"), "education_record": N_("education record"),
        "biometrics": N_("biometrics")}
ATTRIBUTES = {"access_without_fear": N_("access without fear policy"),
              "agreement_287g": N_("287(g) agreement"),
              "agreement_287g_county_unmatched": N_("287(g) agreement (county not matched)"),
              "agreement_287g_local_agency": N_("287(g) agreement of a local agency"),
              "agreement_287g_pending": N_("287(g) agreement pending"),
              "agreement_287g_state_agency": N_("287(g) agreement of a state agency"),
              "detainer_policy_2014": N_("detainer policy (2014)"),
              "encoded_rule": N_("encoded rule"), "federal_designation": N_("on the DOJ list"),
              "federal_funding_threat": N_("federal funding threat"),
              "federal_funding_threat_injunction": N_("court order against the funding threat"),
              "police_access_without_fear": N_("police access without fear"),
              "sanctuary_declaration": N_("sanctuary city declaration"),
              "state_cooperation_law": N_("state law on cooperation")}
VALUES = {"adopted": N_("adopted"), "extended": N_("extended"),
          "warrant_service_officer": N_("warrant service officer"), "task_force": N_("task force"),
          "jail_enforcement": N_("jail enforcement"), "limits_detainers": N_("limits detainers"),
          "doj_listed_2025_08_05": N_("listed by the DOJ on 5 August 2025"), "eo_14287": N_("EO 14287"),
          "preliminary_injunction": N_("preliminary injunction"), "recommended": N_("recommended"),
          "declared": N_("declared"), "declared_not_in_force": N_("declared, not in force"),
          "requires_cooperation": N_("requires cooperation"), "limits_cooperation": N_("limits cooperation"),
          "no_state_law": N_("no state law")}
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low"), "primary": N_("primary"),
              "secondary": N_("secondary"), "unverified": N_("unverified")}
EFFECTS = {"require": N_("requires"), "forbid": N_("forbids"), "allow": N_("allows"), "duty": N_("duty")}
METHODS = {"rules": N_("the law (encoded rules)"), "attributes": N_("the sources (attributes)"),
           "none": N_("nothing")}
OUTCOMES = {"forbidden": N_("forbidden"), "required": N_("required"), "allowed": N_("allowed by law"),
            "undetermined": N_("undetermined"), "no_rule": N_("no encoded law"), "none": N_("not decided")}
GROUPS: dict[str, dict[str, str]] = {
    "outcome": OUTCOMES,
    "level": LEVELS, "kind": KINDS, "action": ACTIONS, "requester": REQUESTERS, "purpose": PURPOSES,
    "instrument": INSTRUMENTS, "signed_by": SIGNERS, "context": CONTEXTS, "data": DATA,
    "attribute": ATTRIBUTES, "value": VALUES, "confidence": CONFIDENCE, "effect": EFFECTS, "method": METHODS,
}
# Rule effects shown with the outcome colour they lead to.
EFFECT_OUTCOME = {"require": "required", "forbid": "forbidden", "allow": "allowed"}


def word(group: str, key: str | None) -> str:
    """The translated word for ``key`` in ``group`` (``word("kind", "health_facility")``)."""
    if not key:
        return ""
    english = GROUPS[group].get(key)
    return gettext(english) if english else key.replace("_", " ")


def words(group: str, keys: str | list[str] | None) -> str:
    """Several keys (a list or a comma-separated string) as one translated, comma-separated phrase."""
    if not keys:
        return ""
    items = keys.split(",") if isinstance(keys, str) else keys
    return ", ".join(word(group, k.strip()) for k in items)
