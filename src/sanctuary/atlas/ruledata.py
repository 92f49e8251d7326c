"""Rows from the encoded rule library (``sanctuary.load_library()``): one per rule, with its citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanctuary.atlas.attributes import Attribute

CONFIDENCE = {"primary": "high", "secondary": "medium", "unverified": "low"}


@dataclass(frozen=True)
class RuleRow:
    jurisdiction: str
    rule_id: str
    effect: str
    actions: str
    agency_kinds: str
    instrument: str
    citation: str
    confidence: str
    effective_from: str
    effective_until: str
    summary: str
    url: str

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _join(values: list[str] | None) -> str:
    return ",".join(values) if values else "any"


def rule_rows(library: Any) -> list[RuleRow]:
    out: list[RuleRow] = []
    for jid in sorted(library.files):
        rf = library.files[jid]
        instruments = {i.id: i for i in rf.instruments}
        for rule in rf.rules:
            inst = instruments.get(rule.instrument)
            covers = rule.covers
            start = rule.effective_from or (inst.effective if inst else None) or (inst.adopted if inst else None)
            out.append(RuleRow(
                jid, rule.id, rule.effect, _join(covers.actions if covers else None),
                _join(covers.agency_kinds if covers else None), inst.name if inst else rule.instrument,
                rule.citation, rule.confidence, start.isoformat() if start else "",
                rule.effective_until.isoformat() if rule.effective_until else "", " ".join(rule.summary.split()),
                (inst.url or "") if inst else ""))
    return out


def library_names(library: Any) -> dict[str, tuple[str, str, str | None]]:
    """{jurisdiction id: (name, level, parent)} for every rule file."""
    return {jid: (rf.jurisdiction.name, rf.jurisdiction.level, rf.jurisdiction.parent)
            for jid, rf in library.files.items()}


def rule_attributes(rows: list[RuleRow], digest: str, date: str) -> list[Attribute]:
    """The rules as attribute rows, so the long table holds every fact the atlas shows. A rule with no encoded
    start date is dated ``date`` (the build's date: the library says it is in force then)."""
    out: list[Attribute] = []
    for r in rows:
        if r.effective_until:
            continue  # superseded versions stay in the rules table, not in the current attributes
        out.append(Attribute(
            r.jurisdiction, "encoded_rule", r.effect, r.instrument, r.effective_from or date,
            "rule-library", r.citation, CONFIDENCE.get(r.confidence, "low"),
            f"{r.rule_id} (actions: {r.actions}; agencies: {r.agency_kinds}; {r.confidence}; ruleset {digest[:12]}"
            + ("" if r.effective_from else f"; no start date encoded, in force on {date}") + f"): {r.summary}"))
    return out
