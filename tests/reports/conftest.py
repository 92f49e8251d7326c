"""Fixtures: a migrated-like SQLite database (tables from the metadata), the audit log, and a hand-made event set."""

from __future__ import annotations

from sqlalchemy.orm import Session

import sanctuary.audit.tables
import sanctuary.collector.tables
import sanctuary.desk.models
import sanctuary.reports.tables  # noqa: F401  (declare their tables on the metadata)
from sanctuary.audit.log import AuditLog
from tests.audit import conftest as audit_fixtures

# The same database and audit-log fixtures as the audit tests.
settings = audit_fixtures.settings
engine = audit_fixtures.engine
session_factory = audit_fixtures.session_factory
signing_key = audit_fixtures.signing_key
log = audit_fixtures.log


def request(log: AuditLog, session: Session, rid: int, *, on: str, where: str, paper: str | None, action: str,
            by: str, final: str | None = None, disposition: str | None = None, to: str | None = None,
            paper_in_decided: bool = True) -> None:
    """The events the desk writes for one request (sanctuary.desk.cases), with the given codes."""
    log.append(session, "request.logged", {"request_id": rid, "channel": "fax", "user_id": 1})
    if paper is not None and not paper_in_decided:
        log.append(session, "request.classified", {"request_id": rid, "instrument": paper, "what": "i247a"})
    decided: dict[str, str | int] = {"request_id": rid, "outcome": "forbidden", "action": action,
                                     "jurisdiction": where, "received_on": on, "requester_agency": by,
                                     "agency_kind": "jail"}
    if paper is not None and paper_in_decided:
        decided["instrument"] = paper
    log.append(session, "request.decided", decided)
    if final is not None:
        log.append(session, "request.final_decision", {"request_id": rid, "final_outcome": final, "role": "counsel",
                                                        "final_decision_id": rid, "user_id": 2})
    if disposition is not None:
        refs: dict[str, str | int] = {"request_id": rid, "disposition": disposition}
        if to is not None:
            refs["receiving_agency"] = to
        log.append(session, "custody.outcome_recorded", refs)


def fill_hand_counted(log: AuditLog, session: Session) -> None:
    """The event set the report tests count by hand (see each test for the expected numbers)."""
    r = request
    # Illinois (us/il), 2026
    r(log, session, 1, on="2026-02-03", where="us/il/cook-county", paper="detainer", action="hold", by="ice",
      final="declined", disposition="released")
    r(log, session, 2, on="2026-05-09", where="us/il/cook-county", paper="admin_warrant", action="transfer", by="ice",
      final="complied", disposition="transferred", to="ice")
    r(log, session, 3, on="2026-11-30", where="us/il/cook-county", paper="detainer", action="notify_release", by="ice")
    r(log, session, 4, on="2026-07-04", where="us/il/cook-county", paper="none", action="assist_operation", by="dhs",
      final="declined")
    r(log, session, 5, on="2025-12-31", where="us/il/cook-county", paper="detainer", action="hold", by="ice")
    r(log, session, 7, on="2026-03-02", where="us/il/cook-county", paper="judicial_warrant", action="arrest",
      by="federal_law_enforcement")
    r(log, session, 8, on="2026-04-01", where="us/il/chicago", paper="detainer", action="hold", by="ice",
      paper_in_decided=False)  # an older entry: the paper only in request.classified
    r(log, session, 9, on="2026-05-20", where="us/il/chicago", paper="admin_warrant", action="transfer", by="cbp",
      final="complied", disposition="transferred", to="cbp")
    # California
    r(log, session, 6, on="2026-03-01", where="us/ca/san-francisco", paper="detainer", action="hold", by="ice",
      final="complied")
    r(log, session, 14, on="2026-06-01", where="us/ca/los-angeles", paper="detainer", action="notify_release",
      by="ice", final="declined")
    # Oregon
    r(log, session, 10, on="2026-03-15", where="us/or/portland", paper="none", action="disclose", by="ice",
      final="declined")
    r(log, session, 11, on="2026-03-20", where="us/or/salem", paper="judicial_subpoena", action="disclose", by="cbp")
    r(log, session, 12, on="2026-03-31", where="us/or", paper="detainer", action="hold", by="ice", final="complied")
    r(log, session, 13, on="2026-04-01", where="us/or", paper="detainer", action="hold", by="ice")
    # New York City
    r(log, session, 15, on="2026-02-10", where="us/ny/new-york-city", paper="none", action="disclose", by="ice",
      final="declined")
    r(log, session, 16, on="2026-03-05", where="us/ny/new-york-city", paper="none", action="inquire",
      by="federal_law_enforcement", final="complied")
    r(log, session, 17, on="2026-03-06", where="us/ny/new-york-city", paper="none", action="inquire",
      by="local_law_enforcement")
    r(log, session, 18, on="2026-04-02", where="us/ny/new-york-city", paper="none", action="disclose", by="cbp")
    log.append(session, "report.exported", {"report": "illinois", "count": 3})  # not a request: ignored
