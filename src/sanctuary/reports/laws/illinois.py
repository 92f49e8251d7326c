"""Illinois TRUST Act annual report to the Attorney General, 5 ILCS 805/25 (added by the Way Forward Act,
P.A. 102-0234). Operative text read (ilga.gov 000508050K25): confidence primary for every count.

805/25(a): each law enforcement agency reports annually to the Attorney General (1) every DHS/ICE request for
participation, support or assistance in a civil immigration enforcement operation and how it was addressed,
or a certification that there were none; (2) every immigration detainer or civil immigration warrant received,
with (A) the date received, (B) when the person posted criminal bail, (C) released or transferred, (D) when,
(E) to which agency's custody, or a certification that there were none. 805/25(b): no names or other
personally identifying information.

Per-item lines (A)-(E) come from ``sanctuary.reports.illinois`` (the custody outcomes the desk records); the
counts below come from the audit log and are what ``report verify`` checks.
"""

from __future__ import annotations

from sanctuary.reports.spec import (
    DETAINER_PAPERS,
    IMMIGRATION_AUTHORITIES,
    Certification,
    Count,
    Match,
    ReportSpec,
)

_DETAINERS = DETAINER_PAPERS
SPEC = ReportSpec(
    name="illinois",
    title="Illinois TRUST Act annual report to the Attorney General",
    law="Illinois TRUST Act as amended by the Illinois Way Forward Act (P.A. 102-0234)",
    citation="5 ILCS 805/25",
    jurisdiction="us/il",
    period="year",
    recipient="Illinois Attorney General",
    deadline="annually (805/25(a)); the Attorney General's office sets the filing date (1 March per its "
    "guidance, not in the statute's text)",
    deadline_days_after_period=59,  # 1 March (secondary: the Attorney General's guidance)
    confidence="primary",
    verified=True,
    counts=(
        Count(
            "requests_to_assist_civil_enforcement",
            "Requests from DHS to participate in, support or assist a civil immigration enforcement operation",
            "5 ILCS 805/25(a)(1)",
            "primary",
            Match(action=frozenset({"assist_operation"}), requester_agency=IMMIGRATION_AUTHORITIES),
        ),
        Count(
            "assist_requests_declined",
            "of which declined (how the request was addressed)",
            "5 ILCS 805/25(a)(1)",
            "primary",
            Match(
                action=frozenset({"assist_operation"}),
                requester_agency=IMMIGRATION_AUTHORITIES,
                final_outcome=frozenset({"declined"}),
            ),
            note="The law asks for documentation of how each request was addressed; the desk's final decision "
            "is that record. Requests with no final decision are counted in the first line only.",
        ),
        Count(
            "detainers_and_civil_warrants_received",
            "Immigration detainers and civil immigration warrants received",
            "5 ILCS 805/25(a)(2)",
            "primary",
            Match(instrument=_DETAINERS),
        ),
        Count(
            "detainer_subjects_released",
            "of which the person was released",
            "5 ILCS 805/25(a)(2)(C)",
            "primary",
            Match(instrument=_DETAINERS, disposition=frozenset({"released"})),
        ),
        Count(
            "detainer_subjects_transferred",
            "of which the person was transferred",
            "5 ILCS 805/25(a)(2)(C), (E)",
            "primary",
            Match(instrument=_DETAINERS, disposition=frozenset({"transferred"})),
        ),
        Count(
            "detainer_subjects_transferred_to_ice",
            "of which transferred to U.S. Immigration and Customs Enforcement",
            "5 ILCS 805/25(a)(2)(E)",
            "primary",
            Match(instrument=_DETAINERS, disposition=frozenset({"transferred"}), receiving_agency=frozenset({"ice"})),
        ),
        Count(
            "detainer_outcome_not_recorded",
            "of which release or transfer is not yet recorded",
            "5 ILCS 805/25(a)(2)(C)",
            "primary",
            Match(instrument=_DETAINERS, disposition=frozenset({"none"})),
            note="Not a field of the law: the lines the agency must still complete before filing.",
        ),
    ),
    certifications=(
        Certification(
            "requests_to_assist_civil_enforcement",
            "The agency certifies that it received no requests from the U.S. Department of Homeland Security to "
            "participate in, support or assist a civil immigration enforcement operation in {period}.",
            "5 ILCS 805/25(a)(1)",
            "primary",
        ),
        Certification(
            "detainers_and_civil_warrants_received",
            "The agency certifies that it received no immigration detainers and no civil immigration warrants "
            "in {period}.",
            "5 ILCS 805/25(a)(2)",
            "primary",
        ),
    ),
    notes=(
        "805/25(b): no names or other personally identifying information; the report carries counts and, "
        "in the detailed form, numbered lines with dates and agency types only.",
        "The bail, release and transfer times of (B) and (D) are recorded with `sanctuary report "
        "custody-outcome`; they are in the detailed lines, not in the audit log.",
    ),
    sources=("https://ilga.gov/legislation/ilcs/fulltext.asp?DocName=000508050K25",),
)
