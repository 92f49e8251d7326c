"""New Jersey Immigrant Trust Directive (Attorney General Law Enforcement Directive 2018-6, revised 2019).

Read: the Attorney General's release of the 2019 annual reporting data (njoag.gov, 18 November 2020;
secondary): under the Directive's terms every state, county and local law enforcement agency reports each year
all instances of assistance to federal immigration authorities for civil immigration enforcement, and the
Attorney General posts a consolidated report. The Directive's text and its reporting form were not read, so
the section number and the form's categories are unverified; the categories below follow the kinds of
assistance the Directive permits (notice of release, continued detention on a detainer with a judicial
warrant, transfers), each marked.
"""

from __future__ import annotations

from sanctuary.reports.spec import COMPLIED, IMMIGRATION_AUTHORITIES, Certification, Count, Match, ReportSpec

_ASSIST = Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED)

SPEC = ReportSpec(
    name="new-jersey",
    title="New Jersey Immigrant Trust Directive: annual report of assistance to federal immigration authorities",
    law="Attorney General Law Enforcement Directive No. 2018-6 (Immigrant Trust Directive)",
    citation="AG Directive 2018-6 (reporting section; number not verified)",
    jurisdiction="us/nj",
    period="year",
    recipient="New Jersey Attorney General (consolidated and published by the Attorney General's Office)",
    deadline="annually; date not verified",
    confidence="secondary",
    verified=False,
    counts=(
        Count("instances_of_assistance", "Instances of assistance to federal immigration authorities",
              "AG Directive 2018-6 (annual reporting)", "secondary", _ASSIST),
        Count("release_notifications", "of which notice of a detainee's release", "Directive 2018-6 (form category)",
              "unverified", Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                                  action=frozenset({"notify_release"}))),
        Count("continued_detentions", "of which continued detention", "Directive 2018-6 (form category)",
              "unverified", Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                                  action=frozenset({"hold"}))),
        Count("transfers", "of which transfer of custody", "Directive 2018-6 (form category)", "unverified",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                    action=frozenset({"transfer"}))),
        Count("other_assistance", "of which other assistance", "Directive 2018-6 (form category)", "unverified",
              Match(requester_agency=IMMIGRATION_AUTHORITIES, final_outcome=COMPLIED,
                    action=frozenset({"disclose", "grant_access", "interview", "inquire", "collect",
                                      "assist_operation", "arrest", "condition_service", "enter_agreement"}))),
    ),
    certifications=(
        Certification("instances_of_assistance",
                      "The agency provided no assistance to federal civil immigration authorities in {period}.",
                      "AG Directive 2018-6 (annual reporting)", "unverified"),
    ),
    sources=("https://www.njoag.gov/attorney-general-grewal-releases-immigrant-trust-directive-annual-reporting-"
             "data-for-2019/",),
)
