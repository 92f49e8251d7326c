"""When the agency's policy took effect, from the rule library's dates.

The desk's jurisdiction is ``Settings.default_jurisdiction`` (``SANCTUARY_JURISDICTION``). Its policy is the
set of rules that *forbid* cooperation (the limits a sanctuary policy sets) in the most local layer of its
chain that has any, from the jurisdiction itself up to its state or province (the country's layer is never
"the agency's policy"). The date is the latest day on which one of those rules began to apply
(``effective_from`` of the rule, else its instrument's ``effective``, else ``adopted``), not after today: the
day the policy took its current form. The other start dates in that layer are kept, for the page to list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sanctuary.rules.loader import Library, default_library
from sanctuary.rules.schema import RuleFile


@dataclass(frozen=True)
class PolicyStart:
    jurisdiction: str  # the desk's
    layer: str  # the jurisdiction whose rules make the policy (itself or an ancestor)
    layer_name: str
    day: date
    instrument: str
    citation: str
    earlier: tuple[date, ...]  # other start dates of forbidding rules in that layer, oldest first


def _starts(rule_file: RuleFile, today: date) -> list[tuple[date, str, str]]:
    instruments = {i.id: i for i in rule_file.instruments}
    out: list[tuple[date, str, str]] = []
    for rule in rule_file.rules:
        if rule.effect != "forbid":
            continue
        instrument = instruments.get(rule.instrument)
        start = rule.effective_from or (instrument.effective or instrument.adopted if instrument else None)
        if start is None or start > today or instrument is None:
            continue
        out.append((start, instrument.name, rule.citation))
    return out


def policy_start(jurisdiction: str, today: date, library: Library | None = None) -> PolicyStart | None:
    """The policy's start for the desk's ``jurisdiction``; None when no layer below the country forbids
    anything with a known date (then the page says so instead of drawing a line)."""
    if not jurisdiction:
        return None
    lib = library or default_library()
    for layer in reversed(lib.chain(jurisdiction)):
        rule_file = lib.files.get(layer)
        if rule_file is None or rule_file.jurisdiction.level == "country":
            continue
        starts = _starts(rule_file, today)
        if not starts:
            continue
        day, instrument, citation = max(starts)
        return PolicyStart(
            jurisdiction=jurisdiction,
            layer=layer,
            layer_name=rule_file.jurisdiction.name,
            day=day,
            instrument=instrument,
            citation=citation,
            earlier=tuple(sorted({s[0] for s in starts if s[0] < day})),
        )
    return None
