"""Oregon Sanctuary Promise Act (HB 3265, 2021): requests that public bodies must decline, document and report
to the Oregon Criminal Justice Commission.

Read: ORS 181A.826(3)(a) (lawserver.com copy; primary): if a public body receives a communication or request
from a federal agency that relates to immigration enforcement, other than a judicial subpoena described in ORS
181A.823(1)(c)(A), it shall decline the request and document it; the documentation goes on to the Commission
(the rest of (3) was truncated in the copy read). ORS 181A.827 (read; primary) is the Department of Justice's
violation hotline, coordinated with the Commission, whose public entries list the alleged violation, the federal
agency, the public bodies involved and their response, with no personally identifiable information (181A.827(4)).
The Commission's FAQ (secondary): report at least monthly when a request is received; no report is needed in
a month with none.

The issue names ORS 181A.827 for the public bodies' reports; the duty to report is in 181A.826(3), 181A.827 is
the hotline. Both are cited where they apply.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Count, Match, ReportSpec

_FEDERAL = IMMIGRATION_AUTHORITIES | {"federal_law_enforcement"}

SPEC = ReportSpec(
    name="oregon",
    title="Oregon Sanctuary Promise: federal immigration requests declined and documented",
    law="Sanctuary Promise Act, HB 3265 (2021)",
    citation="ORS 181A.826(3); ORS 181A.827",
    jurisdiction="us/or",
    period="month",
    recipient="Oregon Criminal Justice Commission",
    deadline="at least monthly in a month when a request is received (Commission FAQ)",
    deadline_days_after_period=None,
    confidence="primary",
    verified=False,
    scope=Match(requester_agency=_FEDERAL, not_instrument=frozenset({"judicial_subpoena"})),
    counts=(
        Count("requests_received", "Communications or requests from a federal agency relating to immigration "
              "enforcement (other than a qualifying judicial subpoena)", "ORS 181A.826(3)(a)", "primary", Match()),
        *(Count(f"requests_from_{a}", f"of which from {a.upper()}", "CJC form: federal immigration agency",
                "secondary", Match(requester_agency=frozenset({a}))) for a in ("ice", "cbp", "uscis", "dhs")),
        Count("asked_for_information", "Nature: asked about or for information", "CJC form: nature of request",
              "secondary", Match(action=frozenset({"disclose", "inquire", "notify_release"}))),
        Count("asked_for_resources_or_access", "Nature: use of public resources, facilities or custody",
              "CJC form: nature of request", "secondary",
              Match(action=frozenset({"hold", "transfer", "grant_access", "interview", "assist_operation",
                                      "arrest"}))),
        Count("asked_for_agreement", "Nature: agreement, contract or MOU", "CJC form: nature of request; ORS 181A.829",
              "secondary", Match(action=frozenset({"enter_agreement"}))),
        Count("declined", "Response: declined", "ORS 181A.826(3)(a)", "primary",
              Match(final_outcome=frozenset({"declined"}))),
        Count("not_declined", "Response: complied in whole or in part (the law requires declining)",
              "ORS 181A.826(3)(a)", "primary", Match(final_outcome=COMPLIED)),
        Count("response_not_recorded", "Response: no final decision recorded yet", "ORS 181A.826(3)(a)",
              "primary", Match(final_outcome=frozenset({"none", "referred_to_counsel", "no_action_needed"}))),
    ),
    notes=(
        "The Commission's published table also has 'number of people targeted' and the county; the log has "
        "neither a person count nor a county beyond the jurisdiction id, so they are not reported.",
        "No zero certification: the Commission's FAQ says no report is due in a month with no request.",
    ),
    sources=("https://www.lawserver.com/law/state/oregon/or-statutes/oregon_statutes_181a-826",
             "https://oregon.public.law/statutes/ors_181a.827",
             "https://www.oregon.gov/cjc/Pages/sanctuary-promise-violation.aspx"),
)
