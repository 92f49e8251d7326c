"""Washington, Keep Washington Working Act (2019 c 440, E2SB 5497).

Read: RCW 43.10.310 (model policies for schools, health facilities, courthouses; primary), RCW 43.17.425 (state
agency restrictions; primary) and the Attorney General's KWW page (RCW 43.10.315: law enforcement agencies adopt
the AG's model policy or notify the AG why not; secondary). None of these asks an agency for periodic counts of
immigration requests. No statutory report was found, so every count below is unverified: the desk offers
the roll-up because the Attorney General's model policy is understood to ask agencies to document requests,
which was not read either. Treat this as an internal record, not a filing.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

SPEC = ReportSpec(
    name="washington",
    title="Washington Keep Washington Working: record of federal immigration requests (no statutory count "
    "verified)",
    law="Keep Washington Working Act, Laws of 2019 ch. 440",
    citation="RCW 10.93.160; RCW 43.10.315 (policy notification only)",
    jurisdiction="us/wa",
    period="year",
    recipient="none verified (internal record; policies go to the Attorney General under RCW 43.10.315)",
    deadline="none verified",
    confidence="unverified",
    verified=False,
    scope=Match(requester_agency=IMMIGRATION_AUTHORITIES),
    counts=(
        Count("requests_received", "Requests from federal immigration authorities", "none verified", "unverified",
              Match()),
        Count("detainers_received", "of which immigration detainers or administrative warrants", "RCW 10.93.160 "
              "(limits on honoring them; no count required)", "unverified",
              Match(instrument=frozenset({"detainer", "admin_warrant"}))),
        Count("declined", "declined", "none verified", "unverified", Match(final_outcome=frozenset({"declined"}))),
        Count("complied", "complied in whole or in part", "none verified", "unverified",
              Match(final_outcome=COMPLIED)),
    ),
    notes=("No periodic statistical report was found in RCW 10.93.160, 43.10.310, 43.10.315 or 43.17.425.",),
    sources=("https://www.atg.wa.gov/immigrationguidance",
             "https://instalawyer.io/laws/revised-code-of-washington/4310310-immigration-enforcement-model"),
)
