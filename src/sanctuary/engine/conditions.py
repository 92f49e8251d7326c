"""Compile a rule's ``covers`` and ``when`` into small Python closures over a :class:`Request`.

Each compiled test returns ``True``, ``False`` or ``None`` (unknown: a fact it needs is absent), combined by
Kleene's three-valued logic. Nothing from a rule file is executed: closures are built from validated data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from sanctuary.engine.request import Request
from sanctuary.rules.schema import Condition, Covers, RecordTest

Tri = bool | None
Test = Callable[[Request], Tri]

# Contract fact path -> attribute of Request.
FACT_ATTRS: dict[str, str] = {
    "requester.agency": "requester",
    "requester.purpose": "purpose",
    "instrument.type": "instrument_type",
    "instrument.signed_by": "signed_by",
    "instrument.probable_cause_finding": "probable_cause_finding",
    "instrument.accompanied_by": "accompanied_by",
    "data": "data",
    "context": "context",
    "location": "location",
    "exigent": "exigent",
    "subject.in_custody": "in_custody",
    "subject.convictions": "convictions",
    "subject.pending_charges": "pending_charges",
    "subject.watchlist_match": "watchlist_match",
    "subject.final_removal_order": "final_removal_order",
    "subject.reentered_after_removal": "reentered_after_removal",
    "subject.written_consent": "written_consent",
    "subject.minor": "minor",
    "subject.proof_of_lawful_status": "proof_of_lawful_status",
}


@dataclass(frozen=True)
class Compiled:
    """A compiled test and the facts it reads (for ``missing_facts``)."""

    test: Test
    facts: frozenset[str]


def _member(fact: str, values: Sequence[str]) -> Compiled:
    get = attrgetter(FACT_ATTRS[fact])
    allowed = frozenset(values)

    def test(r: Request) -> Tri:
        value = get(r)
        return None if value is None else value in allowed

    return Compiled(test, frozenset({fact}))


def _intersects(fact: str, values: Sequence[str]) -> Compiled:
    get = attrgetter(FACT_ATTRS[fact])
    allowed = frozenset(values)

    def test(r: Request) -> Tri:
        value = get(r)
        return None if value is None else not allowed.isdisjoint(value)

    return Compiled(test, frozenset({fact}))


def _equals(fact: str, expected: bool) -> Compiled:
    get = attrgetter(FACT_ATTRS[fact])

    def test(r: Request) -> Tri:
        value = get(r)
        return None if value is None else value is expected

    return Compiled(test, frozenset({fact}))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _convictions(spec: RecordTest) -> Compiled:
    classes = frozenset(spec.classes)
    years = spec.within_years
    need = spec.at_least

    def test(r: Request) -> Tri:
        records = r.convictions
        if records is None:
            return None
        if years is None:
            count = sum(1 for cls, _ in records if cls in classes)
        else:
            cutoff = years_before(r.date, years)
            count = sum(1 for cls, when in records if cls in classes and when >= cutoff)
        return count >= need

    return Compiled(test, frozenset({"subject.convictions"}))


def _charges(spec: RecordTest) -> Compiled:
    classes = frozenset(spec.classes)
    need = spec.at_least
    pcf = spec.probable_cause_finding

    def test(r: Request) -> Tri:
        records = r.pending_charges
        if records is None:
            return None
        count = sum(1 for cls, found in records if cls in classes and (pcf is None or found is pcf))
        return count >= need

    return Compiled(test, frozenset({"subject.pending_charges"}))


def all_of(parts: Sequence[Compiled]) -> Compiled:
    if len(parts) == 1:
        return parts[0]
    tests = tuple(p.test for p in parts)
    facts = frozenset().union(*(p.facts for p in parts))

    def test(r: Request) -> Tri:
        unknown = False
        for t in tests:
            value = t(r)
            if value is False:
                return False
            if value is None:
                unknown = True
        return None if unknown else True

    return Compiled(test, facts)


def any_of(parts: Sequence[Compiled]) -> Compiled:
    tests = tuple(p.test for p in parts)
    facts = frozenset().union(*(p.facts for p in parts))

    def test(r: Request) -> Tri:
        unknown = False
        for t in tests:
            value = t(r)
            if value is True:
                return True
            if value is None:
                unknown = True
        return None if unknown else False

    return Compiled(test, facts)


def negate(part: Compiled) -> Compiled:
    inner = part.test

    def test(r: Request) -> Tri:
        value = inner(r)
        return None if value is None else not value

    return Compiled(test, part.facts)


def _always(r: Request) -> Tri:
    return True


ALWAYS = Compiled(_always, frozenset())


def compile_condition(cond: Condition) -> Compiled:
    parts: list[Compiled] = []
    if cond.requester is not None:
        if cond.requester.agency is not None:
            parts.append(_member("requester.agency", cond.requester.agency))
        if cond.requester.purpose is not None:
            parts.append(_member("requester.purpose", cond.requester.purpose))
    if cond.instrument is not None:
        ins = cond.instrument
        if ins.type is not None:
            parts.append(_member("instrument.type", ins.type))
        if ins.signed_by is not None:
            parts.append(_member("instrument.signed_by", ins.signed_by))
        if ins.probable_cause_finding is not None:
            parts.append(_equals("instrument.probable_cause_finding", ins.probable_cause_finding))
        if ins.accompanied_by is not None:
            parts.append(_intersects("instrument.accompanied_by", ins.accompanied_by))
    if cond.subject is not None:
        sub = cond.subject
        for name in ("in_custody", "watchlist_match", "final_removal_order", "reentered_after_removal",
                     "written_consent", "minor", "proof_of_lawful_status"):
            value = getattr(sub, name)
            if value is not None:
                parts.append(_equals(f"subject.{name}", value))
        if sub.convictions is not None:
            parts.append(_convictions(sub.convictions))
        if sub.pending_charges is not None:
            parts.append(_charges(sub.pending_charges))
    if cond.data is not None:
        parts.append(_intersects("data", cond.data))
    if cond.context is not None:
        parts.append(_member("context", cond.context))
    if cond.location is not None:
        parts.append(_member("location", cond.location))
    if cond.exigent is not None:
        parts.append(_equals("exigent", cond.exigent))
    if cond.any_of is not None:
        parts.append(any_of([compile_condition(c) for c in cond.any_of]))
    if cond.all_of is not None:
        parts.append(all_of([compile_condition(c) for c in cond.all_of]))
    if cond.not_ is not None:
        parts.append(negate(compile_condition(cond.not_)))
    return all_of(parts) if parts else ALWAYS


def compile_covers(covers: Covers | None) -> list[Compiled]:
    """The per-request part of ``covers`` (agency kinds and actions are resolved by the index)."""
    if covers is None:
        return []
    parts: list[Compiled] = []
    if covers.requesters is not None:
        parts.append(_member("requester.agency", covers.requesters))
    if covers.purposes is not None:
        parts.append(_member("requester.purpose", covers.purposes))
    if covers.instruments is not None:
        parts.append(_member("instrument.type", covers.instruments))
    if covers.data is not None:
        parts.append(_intersects("data", covers.data))
    if covers.contexts is not None:
        parts.append(_member("context", covers.contexts))
    if covers.locations is not None:
        parts.append(_member("location", covers.locations))
    return parts
