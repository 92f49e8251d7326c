"""The guided classifier: from what staff can see on the paper, and what is asked, to a contract request.

Staff answer plain questions (which form number is printed on it, who signed it, which court issued it);
the classifier names the instrument and builds the decision contract's request. It never guesses a
judicial instrument: without a judge's signature and a court, paper is treated as administrative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sanctuary import vocabulary as v
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.wording import N_


@dataclass(frozen=True)
class PaperKind:
    code: str
    label: str
    instrument: str
    hint: str
    judicial: bool = False


PAPERS: tuple[PaperKind, ...] = (
    PaperKind("i247a", N_("Form I-247A (Immigration Detainer – Notice of Action)"), "detainer",
              N_("Printed 'DHS Form I-247A'. Signed by an immigration officer, not a judge. It asks a jail to "
              "hold someone or to give notice of release.")),
    PaperKind("i200", N_("Form I-200 (Warrant for Arrest of Alien)"), "admin_warrant",
              N_("Printed 'Form I-200'. Says 'warrant' but is signed by an immigration officer, not a judge.")),
    PaperKind("i205", N_("Form I-205 (Warrant of Removal/Deportation)"), "admin_warrant",
              N_("Printed 'Form I-205'. Signed by an immigration officer after a removal order; not a judge's "
              "warrant.")),
    PaperKind("i138", N_("Form I-138 (Immigration Enforcement Subpoena)"), "admin_subpoena",
              N_("Printed 'Form I-138'. Demands records or testimony; signed by an immigration officer; only a "
              "federal court can enforce it.")),
    PaperKind("i9_noi", N_("Form I-9 Notice of Inspection"), "notice_of_inspection",
              N_("A notice that ICE will inspect employment-eligibility (I-9) records, usually with 3 business "
              "days to produce them.")),
    PaperKind("i862", N_("Form I-862 (Notice to Appear)"), "notice_to_appear",
              N_("Starts removal proceedings in immigration court; it is not a warrant and orders nothing of "
              "the agency.")),
    PaperKind("judicial_warrant", N_("A warrant signed by a judge (search or arrest)"), "judicial_warrant",
              N_("Names a federal or state court, is signed by a judge or magistrate, and describes the place "
              "or person. Check the court, the signature, the date and the address."), judicial=True),
    PaperKind("judicial_subpoena", N_("A subpoena issued by a court"), "judicial_subpoena",
              N_("Issued in a court case (for example form AO 88B). Counsel reviews it before anything is "
              "produced."), judicial=True),
    PaperKind("court_order", N_("A court order"), "court_order",
              N_("An order signed by a judge in a case. Counsel reviews it."), judicial=True),
    PaperKind("none", N_("Nothing: a verbal, phone or email request"), "none",
              N_("No paper at all. Ask for it in writing; you do not have to answer on the spot.")),
    PaperKind("unsure", N_("Some other paper / I cannot tell"), "none",
              N_("Treated as a request without legal paper until a supervisor or counsel says otherwise.")),
)
PAPER_BY_CODE = {p.code: p for p in PAPERS}

SIGNERS: tuple[tuple[str, str], ...] = (
    ("immigration_officer", N_("An immigration officer (ICE, CBP, USCIS, DHS)")),
    ("federal_judge", N_("A federal judge or magistrate judge")),
    ("state_judge", N_("A state judge")),
    ("immigration_judge", N_("An immigration judge (a Justice Department official, not a court)")),
    ("other", N_("Someone else")),
    ("unknown", N_("No signature / cannot tell")),
)
COURTS: tuple[tuple[str, str], ...] = (
    ("none", N_("No court is named")),
    ("federal_district", N_("A U.S. District Court")),
    ("state", N_("A state court")),
    ("immigration_court", N_("An immigration court (EOIR)")),
)
JUDGE_SIGNERS = ("federal_judge", "state_judge")


@dataclass
class ClassifierAnswers:
    """What staff saw and were asked. Field names are the form's and the API's."""

    jurisdiction: str
    agency_kind: str
    paper: str
    action: str
    received_on: date
    signed_by: str = "unknown"
    court: str = "none"
    court_name: str = ""
    with_admin_warrant: bool = False
    requester_agency: str = "ice"
    purpose: str = "civil_immigration"
    data: list[str] = field(default_factory=list)
    location: str = ""
    context: str = ""
    exigent: bool = False
    in_custody: bool | None = None
    written_consent: bool | None = None
    minor: bool | None = None
    # None: not asked or not known. An empty list: the person has none. Each conviction is (class, date);
    # each pending charge is (class, whether a judge found probable cause, or None when not known).
    convictions: list[tuple[str, date]] | None = None
    pending_charges: list[tuple[str, bool | None]] | None = None


MAX_ENTRIES = 3  # convictions or charges asked for on one page


@dataclass(frozen=True)
class Classification:
    paper: PaperKind
    request: dict[str, Any]
    notes: list[str]


def _check(name: str, value: str, allowed: tuple[str, ...] | list[str]) -> None:
    if value not in allowed:
        raise DeskInputError(name, N_("“%(value)s” is not one of the accepted values"), list(allowed),
                         params={"value": str(value)[:64]})


@dataclass(frozen=True)
class Identification:
    """What the paper is, from what staff can see on it (step one of the guided classifier)."""

    paper: PaperKind
    instrument: dict[str, Any]
    notes: list[str]

    @property
    def judicial(self) -> bool:
        return self.instrument["type"] in ("judicial_warrant", "judicial_subpoena", "court_order")


def identify(paper_code: str, signed_by: str = "unknown", court: str = "none",
             with_admin_warrant: bool = False) -> Identification:
    _check("paper", paper_code, list(PAPER_BY_CODE))
    _check("signed_by", signed_by, v.SIGNERS)
    _check("court", court, [c for c, _ in COURTS])
    paper = PAPER_BY_CODE[paper_code]
    notes: list[str] = [paper.hint]
    instrument: dict[str, Any] = {"type": paper.instrument}
    if paper.judicial:
        judge_signed = signed_by in JUDGE_SIGNERS and court in ("federal_district", "state")
        if not judge_signed:
            notes.append(N_("It is not signed by a federal or state judge of a named court, so it is treated as "
                "administrative paper, not a judicial instrument. Ask a supervisor or counsel to review it."))
            instrument["type"] = "admin_warrant" if paper.instrument == "judicial_warrant" else "none"
            if signed_by == "immigration_judge":
                notes.append(N_("An immigration judge is a Justice Department official; an immigration court "
                             "is not a court that can issue a judicial warrant."))
    elif signed_by in JUDGE_SIGNERS:
        notes.append(N_("The form number shows administrative paper even though a judge is named; counsel should "
                     "check whether a separate judicial warrant is attached."))
    if paper.instrument != "none":
        instrument["signed_by"] = signed_by
    if with_admin_warrant and instrument["type"] == "detainer":
        instrument["accompanied_by"] = ["admin_warrant"]
    return Identification(paper=paper, instrument=instrument, notes=notes)


def classify(answers: ClassifierAnswers) -> Classification:
    _check("agency_kind", answers.agency_kind, v.AGENCY_KINDS)
    _check("action", answers.action, v.ACTIONS)
    _check("requester_agency", answers.requester_agency, v.REQUESTER_AGENCIES)
    _check("purpose", answers.purpose, v.PURPOSES)
    for item in answers.data:
        _check("data", item, v.DATA_CATEGORIES)
    if answers.location:
        _check("location", answers.location, v.LOCATIONS)
    if answers.context:
        _check("context", answers.context, v.CONTEXTS)
    if not answers.jurisdiction.strip():
        raise DeskInputError("jurisdiction", N_("the agency's jurisdiction is required (for example "
                                                "us/ca/san-francisco)"))

    found = identify(answers.paper, answers.signed_by, answers.court, answers.with_admin_warrant)
    paper, instrument, notes = found.paper, found.instrument, list(found.notes)

    request: dict[str, Any] = {
        "date": answers.received_on.isoformat(),
        "agency": {"jurisdiction": answers.jurisdiction.strip().lower(), "kind": answers.agency_kind},
        "action": answers.action,
        "requester": {"agency": answers.requester_agency, "purpose": answers.purpose},
        "instrument": instrument,
    }
    if answers.data:
        request["data"] = sorted(set(answers.data))
    if answers.location:
        request["location"] = answers.location
    if answers.context:
        request["context"] = answers.context
    if answers.exigent:
        request["exigent"] = True
        notes.append(N_("Exigent circumstances claimed: do not physically obstruct the agents; document everything "
                     "you see and hear, and call counsel now."))
    subject: dict[str, Any] = {}
    if answers.in_custody is not None:
        subject["in_custody"] = answers.in_custody
    if answers.written_consent is not None:
        subject["written_consent"] = answers.written_consent
    if answers.minor is not None:
        subject["minor"] = answers.minor
    if answers.convictions is not None:
        for index, (cls, when) in enumerate(answers.convictions):
            _check(f"convictions.{index}.class", cls, v.CONVICTION_CLASSES)
            if when > answers.received_on:
                raise DeskInputError(f"convictions.{index}.date", N_("a conviction cannot be dated after the request"))
        subject["convictions"] = [{"class": cls, "date": when.isoformat()} for cls, when in answers.convictions]
    if answers.pending_charges is not None:
        charges: list[dict[str, Any]] = []
        for index, (cls, probable_cause) in enumerate(answers.pending_charges):
            _check(f"pending_charges.{index}.class", cls, v.CONVICTION_CLASSES)
            charge: dict[str, Any] = {"class": cls}
            if probable_cause is not None:
                charge["probable_cause_finding"] = probable_cause
            charges.append(charge)
        subject["pending_charges"] = charges
    if subject:
        request["subject"] = subject
    return Classification(paper=paper, request=request, notes=notes)
