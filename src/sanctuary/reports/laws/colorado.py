"""Colorado, protection of personal identifying information kept by state agencies (SB 21-131), C.R.S.
§ 24-74-106 "Record keeping and reporting - requests for records or information".

Read: § 24-74-106(1)'s definition of "request" (colorado.public.law; primary): a third party's communication
with a state agency to obtain records or information that include personal identifying information, including an
open-records request made for immigration enforcement, excluding database inquiries (but including Colorado
DRIVES from 1 March 2022), data-sharing agreements, elections, the Department of Public Safety and FERPA/HIPAA
records. The remaining subsections (what the record holds, the annual report, its recipient and date) were
truncated in the copy read; the 2025 bill summary (SB 25-276, secondary) says agencies are "required to annually
report certain information concerning requests made for a person's personal identifying information".
Applies to state agencies only.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, Count, Match, ReportSpec

_STATE = frozenset({"health_facility", "social_services", "housing", "school", "library", "city_agency", "court",
                    "probation", "jail", "police", "prosecutor", "shelter"})

SPEC = ReportSpec(
    name="colorado",
    title="Colorado state agency report of requests for personal identifying information",
    law="SB 21-131 (protect personal identifying information kept by the state)",
    citation="C.R.S. § 24-74-106",
    jurisdiction="us/co",
    period="year",
    recipient="not verified (subsections after (1) not read)",
    deadline="annually (secondary); date not verified",
    confidence="secondary",
    verified=False,
    scope=Match(action=frozenset({"disclose", "grant_access", "inquire"}), agency_kind=_STATE,
                not_requester_agency=frozenset({"subject", "attorney"})),
    counts=(
        Count("requests_for_personal_information", "Requests by a third party for records or information that "
              "include personal identifying information", "C.R.S. § 24-74-106(1)", "primary", Match(),
              note="The desk logs requests from agencies; routine records requests from the public that never "
              "reach the desk are not counted."),
        Count("from_immigration_authorities", "of which from federal immigration authorities", "C.R.S. "
              "§ 24-74-106 (reporting; subsection not read)", "unverified",
              Match(requester_agency=frozenset({"ice", "cbp", "uscis", "dhs"}))),
        Count("information_provided", "of which information was provided", "C.R.S. § 24-74-106 (subsection not "
              "read)", "unverified", Match(final_outcome=COMPLIED)),
        Count("declined", "of which declined", "C.R.S. § 24-74-106 (subsection not read)", "unverified",
              Match(final_outcome=frozenset({"declined"}))),
    ),
    notes=("Applies to state agencies; the desk cannot tell a state agency from a local one by its kind, so the "
           "agency must run it only on a state agency's desk.",),
    sources=("https://colorado.public.law/statutes/crs_24-74-106",),
)
