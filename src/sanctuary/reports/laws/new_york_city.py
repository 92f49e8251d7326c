"""New York City: the detainer reports of the Department of Correction (Admin. Code § 9-131) and the Police
Department (§ 14-154), and the records of requests for assistance that § 10-178 requires.

What was read: summaries (domain.md §3; legal.md §5, citing the Council's legistar summaries) and the NYPD's
page for its annual civil immigration detainer report, which lists the report's four counts (secondary: the
agency's own description). The code's text itself (amlegal) was not retrieved, so the reporting
subdivision's letter, the exact list of counts and the dates are secondary at best; each count says which.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

_DETAINER = frozenset({"detainer"})
_NOTE_TEXT = (
    "The text of Admin. Code §§ 9-131 and 14-154 was not read here; the four counts are those the NYPD's own page "
    "for this annual report lists (detainers received; individuals held beyond their release time on a detainer; "
    "individuals transferred to ICE custody on a detainer; individuals for whom detainers were not honored)."
)

DETAINERS = ReportSpec(
    name="nyc-detainers",
    title="New York City civil immigration detainer report (Department of Correction / Police Department)",
    law="Local Laws 58 and 59 of 2014 (as amended in 2017)",
    citation="N.Y.C. Admin. Code §§ 9-131, 14-154",
    jurisdiction="us/ny/new-york-city",
    period="fiscal_year_july",
    recipient="published on the department's website (and to the City Council)",
    deadline="annually; date not verified",
    deadline_days_after_period=None,
    confidence="secondary",
    verified=False,
    counts=(
        Count("detainers_received", "Civil immigration detainers received", "§ 9-131 / § 14-154 (reporting)",
              "secondary", Match(instrument=_DETAINER)),
        Count("held_past_release_on_detainer", "Persons held past their release time on a detainer",
              "§ 9-131 / § 14-154 (reporting)", "secondary",
              Match(instrument=_DETAINER, action=frozenset({"hold"}), final_outcome=COMPLIED)),
        Count("transferred_to_ice", "Persons transferred to ICE custody", "§ 9-131 / § 14-154 (reporting)",
              "secondary", Match(instrument=_DETAINER, disposition=frozenset({"transferred"}),
                                 receiving_agency=frozenset({"ice"}))),
        Count("detainers_not_honored", "Detainers not honored", "§ 9-131 / § 14-154 (reporting)", "secondary",
              Match(instrument=_DETAINER, final_outcome=frozenset({"declined"}))),
        Count("detainers_without_final_decision", "Detainers with no final decision recorded yet",
              "none (completeness line)", "unverified", Match(instrument=_DETAINER, final_outcome=frozenset({"none"})),
              note="Not a field of the law: shows what must be decided before the figures are final."),
    ),
    notes=(_NOTE_TEXT, "NYC's fiscal year runs 1 July to 30 June; that the report is per fiscal year is "
           "secondary (the published FY2017 DOC figures)."),
    sources=("https://www.nyc.gov/site/nypd/stats/reports-analysis/civil-immigration-detainers.page",),
)

_NON_LOCAL = frozenset({"ice", "cbp", "uscis", "dhs", "cbsa", "federal_law_enforcement", "state_law_enforcement"})
REQUESTS = ReportSpec(
    name="nyc-requests",
    title="New York City records of requests for assistance from non-local law enforcement (quarterly summary)",
    law="Local Law 228 of 2017",
    citation="N.Y.C. Admin. Code § 10-178",
    jurisdiction="us/ny/new-york-city",
    period="quarter",
    recipient="the Speaker of the City Council (anonymized summary)",
    deadline="quarterly; date not verified",
    deadline_days_after_period=None,
    confidence="primary",
    verified=False,
    scope=Match(requester_agency=_NON_LOCAL),
    counts=(
        Count("requests_received", "Requests for assistance from non-local law enforcement agencies",
              "§ 10-178 (records of requests)", "primary", Match()),
        *(Count(f"requests_from_{a}", f"of which from {a.upper()}", "§ 10-178 (by requesting agency)", "primary",
                Match(requester_agency=frozenset({a}))) for a in ("ice", "cbp", "uscis", "dhs")),
        Count("requests_from_other_non_local", "of which from another federal or state agency",
              "§ 10-178 (by requesting agency)", "primary",
              Match(not_requester_agency=IMMIGRATION_AUTHORITIES)),
        Count("responses_declined", "Responses: declined", "§ 10-178 (responses)", "secondary",
              Match(final_outcome=frozenset({"declined"}))),
        Count("responses_complied", "Responses: complied in whole or in part", "§ 10-178 (responses)", "secondary",
              Match(final_outcome=COMPLIED)),
        Count("responses_other", "Responses: referred, no action needed, or not yet decided",
              "§ 10-178 (responses)", "secondary",
              Match(final_outcome=frozenset({"referred_to_counsel", "no_action_needed", "none"}))),
    ),
    notes=(
        "legal.md §5 (amlegal, legistar 3022098; primary): every request is recorded with the response and a "
        "quarterly anonymized report goes to the Council Speaker, broken down by requesting and receiving agency. "
        "The breakdown's full category list was truncated in the source: the response categories here are the "
        "desk's final decisions, not verified against the text.",
        "Safety and investigation details may be withheld (§ 10-178); the desk's counts carry none.",
    ),
)

SPECS = (DETAINERS, REQUESTS)
