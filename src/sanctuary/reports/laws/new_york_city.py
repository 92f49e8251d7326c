"""New York City: the detainer reports of the Department of Correction (Admin. Code § 9-131) and the Police
Department (§ 14-154), and the records of requests for assistance that § 10-178 requires.

What was read: the enacted texts in the Council's Legistar records, through the GitHub mirror
``jehiah/nyc_legislation`` (read 2026-12-04): Int. 487-A (L.L. 2014/59, § 14-154 restated in full,
``introduction/2014/0487.json``) and Int. 1568-A (L.L. 2017/228, ``introduction/2017/1568.json``), whose §§ 2 and 3
restate subdivision (f) of §§ 9-131 and 14-154 as in force from 2018-01-30. The four detainer counts below are
§ 14-154(f)(1)-(4), and § 9-131(f)(1), (2), (3) and (7) in the same words; the deadline (1 September, for the
twelve months ending 30 June) is the 2017 text. What the counts leave out is listed in the notes.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

_DETAINER = frozenset({"detainer"})
_NOTE_TEXT = (
    "Admin. Code §§ 9-131(f) and 14-154(f) (as amended by Local Law 228 of 2017) were read in the Council's "
    "enacted texts. The four counts are § 14-154(f)(1)-(4) and § 9-131(f)(1), (2), (3) and (7). Not counted "
    "here: the Department of Correction's breakdown by the reason ICE gave, the transfers of people with a "
    "violent or serious conviction or a watch-list match, State Criminal Alien Assistance funding, people held "
    "but not taken into federal custody (§ 9-131(f)(1)-(2) i-iv, (4)-(6), (8)), and both departments' requests "
    "for information and responses (§ 9-131(f)(9), § 14-154(f)(5)): the desk does not record those facts."
)
DETAINERS = ReportSpec(
    name="nyc-detainers",
    title="New York City civil immigration detainer report (Department of Correction / Police Department)",
    law="Local Laws 58 and 59 of 2014 (as amended in 2017)",
    citation="N.Y.C. Admin. Code §§ 9-131, 14-154",
    jurisdiction="us/ny/new-york-city",
    period="fiscal_year_july",
    recipient="published on the department's website (and to the City Council)",
    deadline=("posted on the department's website by 1 September for the twelve months ending 30 June "
              "(§§ 9-131(f), 14-154(f) as amended by L.L. 2017/228; 15 October for years ending 30 September "
              "before 2018)"),
    deadline_days_after_period=62,  # 1 July + 62 days = 1 September
    confidence="primary",
    verified=False,  # the four counts were read; the completeness line below is ours, not the law's
    counts=(
        Count("detainers_received", "Civil immigration detainers received", "§ 9-131(f)(1) / § 14-154(f)(1)",
              "primary", Match(instrument=_DETAINER)),
        Count("held_past_release_on_detainer", "Persons held past their release time on a detainer",
              "§ 9-131(f)(2) / § 14-154(f)(2)", "primary",
              Match(instrument=_DETAINER, action=frozenset({"hold"}), final_outcome=COMPLIED)),
        # The id keeps its first name; the law counts transfers to "federal immigration authorities" (ICE or
        # any DHS officer charged with civil immigration enforcement, § 14-154(a)(3)), not to ICE alone.
        Count("transferred_to_ice", "Persons transferred to federal immigration authorities",
              "§ 9-131(f)(3) / § 14-154(f)(3)", "primary",
              Match(instrument=_DETAINER, disposition=frozenset({"transferred"}),
                    receiving_agency=IMMIGRATION_AUTHORITIES)),
        Count("detainers_not_honored", "Persons for whom detainers were not honored",
              "§ 9-131(f)(7) / § 14-154(f)(4)", "primary",
              Match(instrument=_DETAINER, final_outcome=frozenset({"declined"}))),
        Count("detainers_without_final_decision", "Detainers with no final decision recorded yet",
              "none (completeness line)", "unverified", Match(instrument=_DETAINER, final_outcome=frozenset({"none"})),
              note="Not a field of the law: shows what must be decided before the figures are final."),
    ),
    notes=(_NOTE_TEXT, "The period is the twelve months ending 30 June (from the 2018 report); FY2026 is July 2025 "
           "to June 2026."),
    sources=("https://github.com/jehiah/nyc_legislation/blob/main/introduction/2014/0487.json",
             "https://github.com/jehiah/nyc_legislation/blob/main/introduction/2017/1568.json",
             "https://www.nyc.gov/site/nypd/stats/reports-analysis/civil-immigration-detainers.page"),
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
