"""Chicago Welcoming City Ordinance: the Police Department's quarterly report, Municipal Code § 2-173-069.

Read: the City's page on Welcoming City Ordinance reports (cityofchicago.org, Office of New Americans), which
restates § 2-173-069(a) item by item, and the Inspector General's page citing § 2-173-069(a)-(b) (the OIG
publishes the report). The ordinance's own text was not retrieved: secondary.

§ 2-173-069(a): CPD reports quarterly to the Office of the Mayor and the Office of Inspector General on its
compliance in the preceding quarter: (1) a list of the notifications CPD made to the Office of Emergency
Management and Communications of events describing a request for assistance with civil immigration
enforcement; (2) for each immigration detainer or administrative warrant received, the date received and
whether CPD transferred the person to a federal agency's custody and, if so, which agency.
"""

from __future__ import annotations

from sanctuary.reports.spec import DETAINER_PAPERS, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

SPEC = ReportSpec(
    name="chicago",
    title="Chicago Police Department quarterly Welcoming City Ordinance report",
    law="Welcoming City Ordinance, Municipal Code of Chicago ch. 2-173",
    citation="MCC § 2-173-069",
    jurisdiction="us/il/chicago",
    period="quarter",
    recipient="Office of the Mayor and Office of Inspector General (which publishes it, § 2-173-069(b))",
    deadline="quarterly, for the preceding quarter; day not stated in the sources read",
    confidence="secondary",
    verified=False,
    counts=(
        Count("requests_for_civil_enforcement_assistance",
              "Requests for assistance with civil immigration enforcement (events notified to OEMC)",
              "MCC § 2-173-069(a)(1)", "secondary",
              Match(action=frozenset({"assist_operation"}), requester_agency=IMMIGRATION_AUTHORITIES),
              note="The law asks for the list of OEMC notifications; the desk counts the requests it logged. "
              "Whether each was notified to OEMC is not in the desk's records."),
        Count("detainers_and_administrative_warrants_received",
              "Immigration detainers and administrative warrants received", "MCC § 2-173-069(a)(2)", "secondary",
              Match(instrument=DETAINER_PAPERS)),
        Count("transferred_to_federal_custody", "of which the person was transferred to a federal agency",
              "MCC § 2-173-069(a)(2)", "secondary",
              Match(instrument=DETAINER_PAPERS, disposition=frozenset({"transferred"}),
                    receiving_agency=frozenset({"ice", "cbp", "uscis", "dhs", "federal_law_enforcement"}))),
        Count("transferred_to_ice", "of which to ICE", "MCC § 2-173-069(a)(2) (which agency)", "secondary",
              Match(instrument=DETAINER_PAPERS, disposition=frozenset({"transferred"}),
                    receiving_agency=frozenset({"ice"}))),
        Count("transferred_to_cbp", "of which to CBP", "MCC § 2-173-069(a)(2) (which agency)", "secondary",
              Match(instrument=DETAINER_PAPERS, disposition=frozenset({"transferred"}),
                    receiving_agency=frozenset({"cbp"}))),
    ),
    notes=(
        "The ordinance asks for a dated line per detainer; these are counts. The Illinois detailed report "
        "(`sanctuary report illinois`) lists each detainer with its date and receiving agency.",
        "CPD keeps a Detainer/Administrative Warrant Log (CPD-31.110, Special Order S06-14-03).",
    ),
    sources=(
        "http://cityofchicago.org/content/city/en/depts/mayor/supp_info/office-of-new-americans/welcoming-reports.html",
        "https://igchicago.org/2022/01/28/welcomingcityordinance/",
    ),
)
