"""California: the TRUTH Act's annual community forum data (Gov. Code § 7283.1(d)) and the Values Act's
reports to the Department of Justice (§ 7284.6(c)).

§ 7283.1(d) (read as quoted in county agenda reports, e.g. Humboldt and San Diego: primary wording): from
2018, the governing body of a county or city whose local law enforcement agency gave ICE access to an
individual in the last year holds at least one public community forum the following year, with 30 days'
notice; the agency "may provide ... data it maintains regarding the number and demographic characteristics of
individuals to whom the agency has provided ICE access, the date ICE access was provided, and whether the ICE
access was provided through a hold, transfer, or notification request or through other means".

§ 7284.6(c) (not read; California DOJ Information Bulletin 2018-DLE-01 and the AB 324 digest: secondary):
agencies report joint task force participation and arrests to the DOJ each year, and the number of transfers to
immigration authorities with the offense that allowed each.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Certification, Count, Match, ReportSpec

_ICE_ACCESS = Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED)

TRUTH = ReportSpec(
    name="california-truth",
    title="California TRUTH Act community forum: ICE access in the year",
    law="Transparent Review of Unjust Transfers and Holds (TRUTH) Act, AB 2792 (2016)",
    citation="Cal. Gov. Code § 7283.1(d)",
    jurisdiction="us/ca",
    period="year",
    recipient="the county or city governing body, at a public community forum (30 days' notice)",
    deadline="at least one forum during the year after any ICE access (§ 7283.1(d))",
    confidence="primary",
    verified=True,
    counts=(
        Count("ice_access_total", "Requests on which ICE access was provided", "Gov. Code § 7283.1(d)", "primary",
              _ICE_ACCESS,
              note="The law speaks of individuals; the log counts requests (one person may be the subject of "
              "several). Demographic characteristics are not in the log and are not reported."),
        Count("ice_access_by_hold", "of which through a hold", "Gov. Code § 7283.1(d)", "primary",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED, action=frozenset({"hold"}))),
        Count("ice_access_by_transfer", "of which through a transfer", "Gov. Code § 7283.1(d)", "primary",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                    action=frozenset({"transfer"}))),
        Count("ice_access_by_notification", "of which through a notification request", "Gov. Code § 7283.1(d)",
              "primary", Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                               action=frozenset({"notify_release"}))),
        Count("ice_access_by_other_means", "of which through other means", "Gov. Code § 7283.1(d)", "primary",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                    action=frozenset({"disclose", "grant_access", "interview", "inquire", "collect",
                                      "assist_operation", "arrest", "condition_service", "enter_agreement"}))),
        Count("ice_requests_received", "Hold, notification and transfer requests received from ICE",
              "Gov. Code § 7283.1(b) (requests the agency must serve on the person)", "primary",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, action=frozenset({"hold", "notify_release",
                                                                                 "transfer"}))),
    ),
    certifications=(
        Certification("ice_access_total",
                      "The agency provided no ICE access in {period}; Gov. Code § 7283.1(d) requires no community "
                      "forum on its account.", "Gov. Code § 7283.1(d)", "primary"),
    ),
    notes=("The date of each access is asked for; the detailed dates are in the desk, not in this count.",),
    sources=("https://humboldt.legistar.com/LegislationDetail.aspx?ID=6003425",
             "https://leginfo.legislature.ca.gov/faces/billNavClient.xhtml?bill_id=201920200SB1364"),
)

VALUES = ReportSpec(
    name="california-values",
    title="California Values Act: transfers to immigration authorities (report to the Department of Justice)",
    law="California Values Act, SB 54 (2017)",
    citation="Cal. Gov. Code § 7284.6(c)",
    jurisdiction="us/ca",
    period="year",
    recipient="California Department of Justice (the Attorney General publishes a yearly summary)",
    deadline="annually; date not verified",
    confidence="secondary",
    verified=False,
    counts=(
        Count("transfers_to_immigration_authorities", "Transfers of persons to immigration authorities",
              "Gov. Code § 7284.6(c) (as summarised by DOJ Bulletin 2018-DLE-01)", "secondary",
              Match(disposition=frozenset({"transferred"}), receiving_agency=IMMIGRATION_AUTHORITIES),
              note="The offense that allowed each transfer is also required; the desk's log does not hold "
              "offenses, so the agency must add it before filing."),
        Count("transfer_requests_received", "Transfer requests received from immigration authorities",
              "not a field of § 7284.6(c) (context line)", "unverified",
              Match(action=frozenset({"transfer"}), requester_agency=IMMIGRATION_AUTHORITIES)),
    ),
    notes=("Joint law enforcement task force participation and arrests (§ 7284.6(c)) are not desk events and "
           "are not counted here.",),
)

SPECS = (TRUTH, VALUES)
