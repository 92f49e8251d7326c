"""Connecticut TRUST Act, Gen. Stat. § 54-192h (as amended by P.A. 19-20 and 19-23).

Read: § 54-192h(a)'s definitions (civil immigration detainer, administrative warrant; primary). Not found in
what was read: a duty to report counts. The summary of Raised Bill 7212 (2025, fastdemocracy; secondary) says
the bill would require municipalities to report data on ICE access to the Office of Policy and Management twice
a year; whether that provision was enacted was not verified, and the state's Division of Criminal Justice
policy of August 2025 (news report; secondary) asks prosecutors to log every ICE interaction. Every count here
is therefore unverified: run it as the record an agency would need if the 2025 amendment applies.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

SPEC = ReportSpec(
    name="connecticut",
    title="Connecticut TRUST Act: ICE access (semiannual; duty not verified)",
    law="TRUST Act, Conn. Gen. Stat. § 54-192h",
    citation="Conn. Gen. Stat. § 54-192h (2025 amendment, not verified)",
    jurisdiction="us/ct",
    period="half",
    recipient="Office of Policy and Management (per the 2025 bill summary; not verified)",
    deadline="twice a year (not verified)",
    confidence="unverified",
    verified=False,
    scope=Match(requester_agency=IMMIGRATION_AUTHORITIES),
    counts=(
        Count("civil_immigration_detainers_received", "Civil immigration detainers received",
              "§ 54-192h(a)(2) (definition; reporting not verified)", "unverified",
              Match(instrument=frozenset({"detainer"}))),
        Count("ice_access_provided", "Requests on which ICE access was provided", "§ 54-192h (not verified)",
              "unverified", Match(final_outcome=COMPLIED)),
        Count("declined", "Requests declined", "§ 54-192h (not verified)", "unverified",
              Match(final_outcome=frozenset({"declined"}))),
    ),
    sources=("https://getpocketlaw.com/law/state_connecticut/section-54-192h-civil-immigration-detainers_d644beaa0df2",
             "https://fastdemocracy.com/bill-summary/?billsummary_id=CTB00032879&billsummary_session=2025"
             "&billsummary_state=ct"),
)
