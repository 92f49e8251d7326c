"""The rule library compiled for evaluation: every rule and preemption as a flat record with its tests
built, indexed by (jurisdiction chain, agency kind, action, date segment) into buckets that are built once
and cached. No rule file is parsed on the decision path."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sanctuary import vocabulary as v
from sanctuary.engine.conditions import (
    ALWAYS,
    FACT_ATTRS,
    Compiled,
    Test,
    all_of,
    compile_condition,
    compile_covers,
)
from sanctuary.rules.loader import Library
from sanctuary.rules.schema import Instrument, Preemption, Rule, RuleFile


def display_name(library: Library, jurisdiction_id: str) -> str:
    rf = library.files.get(jurisdiction_id)
    if rf is not None:
        return rf.jurisdiction.name
    slug = jurisdiction_id.rsplit("/", 1)[-1]
    return slug.upper() if len(slug) == 2 else slug.replace("-", " ").title()


@dataclass(eq=False)
class CompiledRule:
    jurisdiction: str
    layer: int
    rule: Rule
    root: str
    kinds: frozenset[str]
    actions: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    check: Compiled
    obligations: tuple[dict[str, Any], ...]
    basis: dict[str, dict[str, Any]]
    ref: dict[str, str]
    mentions_data: bool
    children: list[int] = field(default_factory=list)
    yields: bool = False  # a baseline: gives way where a lower layer's rule decides (semantics 2.6)

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def effect(self) -> str:
        return self.rule.effect


@dataclass(eq=False)
class CompiledPreemption:
    jurisdiction: str
    layer: int
    pre: Preemption
    kinds: frozenset[str] | None
    actions: frozenset[str] | None
    levels: frozenset[str] | None
    start: dt.date | None
    end: dt.date | None
    check: Compiled
    basis: dict[str, Any]
    ref: dict[str, str]
    mentions_data: bool


# Where no rule of any layer speaks (coverage "none"), these requests also carry `escalate_to_counsel`: actions
# that take liberty or hand over a person, an interview of someone in custody, and disclosures of personal data
# other than status (docs/semantics.md, clause 2.7).
ESCALATE_WHEN_SILENT = frozenset({"hold", "arrest", "transfer", "notify_release"})
_STATUS_DATA = frozenset(v.DATA_GROUPS["status_information"])


def _interview_in_custody(r: Any) -> bool:
    return r.in_custody is not False


def _discloses_more_than_status(r: Any) -> bool:
    return r.data is None or not r.data <= _STATUS_DATA


_SILENCE_TESTS: dict[str, tuple[Test, frozenset[str]]] = {
    "interview": (_interview_in_custody, frozenset({"subject.in_custody"})),
    "disclose": (_discloses_more_than_status, frozenset({"data"})),
}


@dataclass(frozen=True)
class Layer:
    id: str
    name: str
    level: str | None
    has_file: bool
    status: str


@dataclass(eq=False)
class Bucket:
    """What can apply to requests of one jurisdiction, agency kind and action on days of one segment."""

    layers: tuple[Layer, ...]
    items: list[CompiledRule]
    tests: list[Test]
    roots: list[list[int]]
    preemptions: list[CompiledPreemption]
    pre_tests: list[Test]
    pre_targets: list[list[int]]
    mentions_data: bool
    facts: frozenset[str]
    no_policy_note: str
    # Decisions already built for fully known requests, by their test results (Engine._decide_one).
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    # The tests that depend on the request (a rule covering every request of the bucket always applies); the
    # memo is keyed by their results only.
    dynamic: list[Test] = field(default_factory=list)
    dynamic_index: list[int] = field(default_factory=list)
    # Whether a request no rule speaks to must go to counsel: a constant for the action, or a test of the
    # request (``silence``, reading ``silence_facts``) for interviews and disclosures.
    action: str = ""
    has_baselines: bool = False
    silence: Test | None = None
    silence_facts: frozenset[str] = frozenset()
    # Decisions by what the request says of every fact the bucket reads (``facts`` and ``silence_facts``), read
    # by ``project`` as one tuple, with the facts taken as given (``Request.absent``). A decision depends on the
    # request only through these (the argument for the batch key, batch.py), so a hit runs no test. A conviction
    # test may also read the request's date (a look-back window): in a bucket whose rules read convictions,
    # requests giving convictions skip this memo (``reads_date``) rather than key on a date.
    # tests/engine/test_batch.py records every attribute a full evaluation reads and checks it against these.
    by_facts: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    project: Callable[[Any], Any] = field(init=False)
    reads_date: bool = field(init=False)

    def __post_init__(self) -> None:
        found = _SILENCE_TESTS.get(self.action)
        if found is not None:
            self.silence, self.silence_facts = found
        read = self.facts | self.silence_facts
        # `action` is the same for every request of the bucket: it stands in when no fact is read.
        self.project = attrgetter(*sorted({FACT_ATTRS[f] for f in read} or {"action"}))
        self.reads_date = "subject.convictions" in read
        if self.dynamic_index:  # handed in, with has_baselines and dynamic, from CompiledLibrary's shared core
            return
        self.has_baselines = any(item.yields for item in self.items)
        always = ALWAYS.test
        self.dynamic_index = [i for i, test in enumerate(self.tests) if test is not always]
        self.dynamic = [self.tests[i] for i in self.dynamic_index]

    def escalates_when_silent(self, r: Any) -> bool:
        return self.silence(r) is True if self.silence is not None else self.action in ESCALATE_WHEN_SILENT

    def forget(self) -> None:
        """Empty both memos (benchmarks and tests use it to measure or check a decision built afresh)."""
        self.memo.clear()
        self.by_facts.clear()

    def memo_key(self, app: list[Any], pre_app: list[Any], r: Any) -> tuple[Any, ...]:
        silence = self.silence(r) if self.silence is not None else None
        return (*[app[i] for i in self.dynamic_index], silence, *pre_app, r.absent)


def _in_force(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


def _instrument_dates(inst: Instrument) -> tuple[dt.date | None, dt.date | None]:
    return inst.effective or inst.adopted, inst.repealed


# A bucket's rules, exception trees, preemptions, their targets and the facts they read (shared read-only).
_Core = tuple[list["CompiledRule"], list[Test], list[list[int]], list["CompiledPreemption"], list[Test],
              list[list[int]], frozenset[str], bool, bool, list[int]]


class CompiledLibrary:
    """All rules compiled once; buckets built on first use and cached."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.rules: dict[str, list[CompiledRule]] = {}
        self.preemptions: dict[str, list[CompiledPreemption]] = {}
        breaks: set[dt.date] = set()
        for jid, rf in library.files.items():
            self.rules[jid], self.preemptions[jid] = self._compile_file(jid, rf)
            for r in self.rules[jid]:
                breaks.update(d for d in (r.start, r.end) if d is not None)
            for p in self.preemptions[jid]:
                breaks.update(d for d in (p.start, p.end) if d is not None)
        self.breaks = sorted(breaks)
        self._buckets: dict[tuple[str, str, str, int], Bucket] = {}
        self._chains: dict[str, tuple[Layer, ...]] = {}
        self._cores: dict[tuple[Any, ...], _Core] = {}

    # -- compilation -----------------------------------------------------------------------------------
    def _compile_file(self, jid: str, rf: RuleFile) -> tuple[list[CompiledRule], list[CompiledPreemption]]:
        instruments = {i.id: i for i in rf.instruments}
        by_id = {r.id: r for r in rf.rules}
        out: list[CompiledRule] = []
        for rule in rf.rules:
            chain = [rule]
            while chain[-1].exception_to is not None:
                chain.append(by_id[chain[-1].exception_to])
            root = chain[-1]
            assert root.covers is not None and root.covers.agency_kinds and root.covers.actions
            kinds = frozenset(root.covers.agency_kinds)
            actions = frozenset(root.covers.actions)
            parts: list[Compiled] = []
            for link in reversed(chain):  # every ancestor's covers narrow the scope; only this rule's `when`
                if link.covers is not None:
                    if link.covers.agency_kinds:
                        kinds &= frozenset(link.covers.agency_kinds)
                    if link.covers.actions:
                        actions &= frozenset(link.covers.actions)
                    parts.extend(compile_covers(link.covers))
            if rule.when is not None:
                parts.append(compile_condition(rule.when))
            check = all_of(parts) if parts else ALWAYS
            mentions_data = "data" in check.facts
            start, end = _instrument_dates(instruments[rule.instrument])
            start = rule.effective_from or start
            end = rule.effective_until or end
            ref = {"jurisdiction": jid, "rule": rule.id, "citation": rule.citation}
            basis: dict[str, dict[str, Any]] = {
                status: {"jurisdiction": jid, "rule": rule.id, "effect": rule.effect, "citation": rule.citation,
                         "confidence": rule.confidence, "status": status}
                for status in ("applied", "overridden", "void")
            }
            if rule.contested is not None:
                for entry in basis.values():
                    entry["contested"] = True
            obligations = tuple(
                {k: val for k, val in {
                    "kind": ob.kind, "citation": ob.citation or rule.citation, "jurisdiction": jid, "rule": rule.id,
                    "summary": ob.summary, "to": ob.to, "frequency": ob.frequency, "deadline": ob.deadline,
                }.items() if val is not None}
                for ob in rule.obligations
            )
            out.append(CompiledRule(jid, 0, rule, root.id, kinds, actions, start, end, check, obligations,
                                    basis, ref, mentions_data,
                                    yields=any(link.yields_to_lower_layers for link in chain)))
        pres: list[CompiledPreemption] = []
        for pre in rf.preempts:
            parts = compile_covers(pre.covers)
            if pre.when is not None:
                parts.append(compile_condition(pre.when))
            check = all_of(parts) if parts else ALWAYS
            start, end = _instrument_dates(instruments[pre.instrument])
            pre_basis: dict[str, Any] = {"jurisdiction": jid, "rule": pre.id, "effect": "preempt",
                                         "citation": pre.citation, "confidence": pre.confidence, "status": "applied"}
            if pre.contested is not None:
                pre_basis["contested"] = True
            pres.append(CompiledPreemption(
                jid, 0, pre,
                frozenset(pre.covers.agency_kinds) if pre.covers.agency_kinds else None,
                frozenset(pre.covers.actions) if pre.covers.actions else None,
                frozenset(pre.levels) if pre.levels else None,
                pre.effective_from or start, pre.effective_until or end, check, pre_basis,
                {"jurisdiction": jid, "rule": pre.id, "citation": pre.citation}, "data" in check.facts,
            ))
        return out, pres

    # -- lookup ----------------------------------------------------------------------------------------
    def segment(self, day: dt.date) -> int:
        return bisect_right(self.breaks, day)

    def segment_day(self, segment: int) -> dt.date:
        """A day inside ``segment`` (used to test which rules are in force in it)."""
        return dt.date.min if segment == 0 else self.breaks[segment - 1]

    def layers(self, jurisdiction: str) -> tuple[Layer, ...]:
        cached = self._chains.get(jurisdiction)
        if cached is not None:
            return cached
        out = []
        for jid in self.library.chain(jurisdiction):
            rf = self.library.files.get(jid)
            out.append(Layer(jid, display_name(self.library, jid), rf.jurisdiction.level if rf else None,
                             rf is not None, rf.jurisdiction.status if rf else "no_file"))
        result = tuple(out)
        self._chains[jurisdiction] = result
        return result

    def cached_bucket(self, jurisdiction: str, kind: str, action: str, day: dt.date) -> Bucket | None:
        """The bucket for a request, if it was built already (the decision path's fast lookup)."""
        return self._buckets.get((jurisdiction, kind, action, bisect_right(self.breaks, day)))

    def bucket(self, jurisdiction: str, kind: str, action: str, segment: int) -> Bucket:
        key = (jurisdiction, kind, action, segment)
        cached = self._buckets.get(key)
        if cached is not None:
            return cached
        built = self._build_bucket(jurisdiction, kind, action, segment)
        self._buckets[key] = built
        return built

    def _build_bucket(self, jurisdiction: str, kind: str, action: str, segment: int) -> Bucket:
        layers = self.layers(jurisdiction)
        # What a bucket holds depends only on the layers that have a file (and where they sit in the chain):
        # every county of a state without a file of its own shares its rules with the others. That part is built
        # once and shared read-only; each jurisdiction's bucket keeps its own layers, note and decision memo.
        core_key = (tuple((i, layer.id) for i, layer in enumerate(layers) if layer.has_file), kind, action, segment)
        core = self._cores.get(core_key)
        if core is None:
            core = self._cores[core_key] = self._build_core(layers, kind, action, segment)
        items, tests, roots, pres, pre_tests, targets, facts, mentions_data, has_baselines, dynamic_index = core
        missing = [layer.name for layer in layers if not layer.has_file]
        note = ""
        if missing:
            deciders = [layer.name for layer in layers if layer.has_file]
            note = (f"{' and '.join(missing)} {'has' if len(missing) == 1 else 'have'} no policy of "
                    f"{'its' if len(missing) == 1 else 'their'} own here; {', '.join(reversed(deciders))} decide.")
        return Bucket(layers, items, tests, roots, pres, pre_tests, targets, mentions_data, facts, note,
                      action=action, has_baselines=has_baselines, dynamic_index=dynamic_index,
                      dynamic=[tests[i] for i in dynamic_index])

    def _build_core(self, layers: tuple[Layer, ...], kind: str, action: str, segment: int) -> _Core:
        day = self.segment_day(segment)
        items: list[CompiledRule] = []
        roots: list[list[int]] = []
        pres: list[CompiledPreemption] = []
        for index, layer in enumerate(layers):
            layer_roots: list[int] = []
            positions: dict[str, int] = {}
            for cr in self.rules.get(layer.id, []):
                if kind in cr.kinds and action in cr.actions and _in_force(cr.start, cr.end, day):
                    copy = CompiledRule(**{**cr.__dict__, "layer": index, "children": []})
                    positions[cr.id] = len(items)
                    items.append(copy)
            for pos in positions.values():
                parent = items[pos].rule.exception_to
                if parent is None:
                    layer_roots.append(pos)
                elif parent in positions:
                    items[positions[parent]].children.append(pos)
                else:  # the base is not in force or out of scope here: the exception stands on its own
                    layer_roots.append(pos)
            roots.append(layer_roots)
            for cp in self.preemptions.get(layer.id, []):
                if ((cp.kinds is None or kind in cp.kinds) and (cp.actions is None or action in cp.actions)
                        and _in_force(cp.start, cp.end, day)):
                    pres.append(CompiledPreemption(**{**cp.__dict__, "layer": index}))
        targets = []
        for cp in pres:
            targets.append([
                i for i, item in enumerate(items)
                if item.layer > cp.layer and item.effect in cp.pre.effects
                and (cp.levels is None or (layers[item.layer].level or "") in cp.levels)
            ])
        facts = frozenset().union(*(i.check.facts for i in items), *(p.check.facts for p in pres))
        tests = [i.check.test for i in items]
        always = ALWAYS.test
        return (items, tests, roots, pres, [p.check.test for p in pres], targets, facts,
                any(i.mentions_data for i in items) or any(p.mentions_data for p in pres),
                any(item.yields for item in items), [i for i, test in enumerate(tests) if test is not always])


__all__ = ["ESCALATE_WHEN_SILENT", "Bucket", "CompiledLibrary", "CompiledPreemption", "CompiledRule", "Layer",
           "display_name"]
