"""Decide a request through every layer of government. The semantics are written down in
``docs/semantics.md``; this module is their implementation, and ``tests/engine`` checks one against the other.

In one sentence: inside a jurisdiction, general rules give way to their exceptions (as in Catala) and two
rules of equal rank that disagree are a conflict; across layers, a higher layer's preemption makes lower rules
void, a higher layer's ``forbid``/``require`` beats a lower layer's contrary rule, and a permission
(``allow``) never stops another layer from forbidding or requiring. A fact the outcome depends on but the
request does not give makes the decision ``undetermined``, naming the missing facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sanctuary import vocabulary as v
from sanctuary.engine import gazetteer
from sanctuary.engine.compiled import Bucket, CompiledLibrary
from sanctuary.engine.conditions import FACT_ATTRS
from sanctuary.engine.decision import Decision
from sanctuary.engine.request import Request, RequestError, RequestIn, parse_request
from sanctuary.gcpause import collector_paused
from sanctuary.rules.loader import Library, default_library

MAX_UNKNOWNS = 12
BATCH_THRESHOLD = 10_000  # from here the vectorised path is faster (benchmarks/README.md)
MEMO_LIMIT = 64  # decisions kept per bucket in each of its two memos (Bucket.memo and Bucket.by_facts)
_NO_RESULTS: list[bool | None] = []  # the test results of a bucket whose every rule always applies (read only)
_OUTCOME_OF = {"forbid": "forbidden", "require": "required", "allow": "allowed"}
_SEVERITY = {"forbidden": 3, "undetermined": 2, "required": 1, "allowed": 0}
_LEAD = {
    "forbidden": "Forbidden: staff must not {action}.",
    "required": "Required: staff must {action}.",
    "allowed": "Allowed: staff may {action}, but no rule requires it.",
    "undetermined": "Undetermined: the answer depends on facts not given.",
}

@dataclass
class _Resolution:
    outcome: str
    decided_by: int | None
    status: list[str | None]
    conflicts: list[tuple[str, int, int, str]]  # (kind, loser item, winner item or preemption, resolution)
    layer_conflicts: list[list[int]]
    fired: list[bool]


def _collect(node: int, bucket: Bucket, app: list[bool], status: list[str | None], out: list[int]) -> None:
    """Catala's default logic over one exception tree: an exception that applies wins over its base."""
    item = bucket.items[node]
    start = len(out)
    for child in item.children:
        _collect(child, bucket, app, status, out)
    if len(out) > start:
        if app[node] and status[node] is None:
            status[node] = "overridden"
        return
    if app[node] and status[node] is None:
        out.append(node)


def resolve(bucket: Bucket, app: list[bool], pre_app: list[bool]) -> _Resolution:
    items = bucket.items
    status: list[str | None] = [None] * len(items)
    conflicts: list[tuple[str, int, int, str]] = []
    fired = [False] * len(pre_app)
    # Each jurisdiction first settles its own rules (exceptions over their bases); a higher layer's preemption
    # then voids the lower rules that came out on top, so a case a jurisdiction's own law carves out of its
    # rule is never shown as preempted.
    yielded_by_layer: list[list[int]] = []
    for roots in bucket.roots:
        yielded: list[int] = []
        for root in roots:
            _collect(root, bucket, app, status, yielded)
        for i in yielded:
            status[i] = "applied"
        yielded_by_layer.append(yielded)
    for p, applies in enumerate(pre_app):
        if applies:
            for i in bucket.pre_targets[p]:
                if status[i] == "applied":
                    status[i] = "void"
                    fired[p] = True
                    conflicts.append(("void", i, p, "preempted"))
    decisive_by_layer: list[list[int]] = []
    layer_conflicts: list[list[int]] = []
    for yielded in yielded_by_layer:
        decisive = [i for i in yielded if status[i] == "applied" and items[i].rule.effect != "duty"]
        if len({items[i].rule.effect for i in decisive}) > 1:
            layer_conflicts.append(decisive)
        decisive_by_layer.append(decisive)
    if layer_conflicts:
        return _Resolution("undetermined", None, status, conflicts, layer_conflicts, fired)
    # Baselines (semantics 2.6) decide only where no lower layer's rule decides: above the lowest layer that
    # speaks, they step aside.
    displaced: list[int] = []
    if bucket.has_baselines:
        speaker = max((layer for layer, decisive in enumerate(decisive_by_layer) if decisive), default=-1)
        for layer in range(speaker):
            decisive = decisive_by_layer[layer]
            if any(items[i].yields for i in decisive):
                displaced.extend(i for i in decisive if items[i].yields)
                decisive_by_layer[layer] = [i for i in decisive if not items[i].yields]
        for i in displaced:
            status[i] = "overridden"
    top: int | None = None
    for decisive in decisive_by_layer:
        if decisive and items[decisive[0]].rule.effect != "allow":
            top = decisive[0]
            break
    if top is None:
        allows = [i for decisive in decisive_by_layer for i in decisive]
        winner = allows[-1] if allows else None
        if winner is not None:
            conflicts.extend(("overridden", i, winner, "baseline") for i in displaced if items[i].effect != "allow")
        return _Resolution("allowed", winner, status, conflicts, [], fired)
    conflicts.extend(("overridden", i, top, "baseline") for i in displaced if items[i].effect != items[top].effect)
    effect = items[top].rule.effect
    top_layer = items[top].layer
    for decisive in decisive_by_layer:
        for i in decisive:
            if items[i].rule.effect != effect:
                status[i] = "overridden"
                if items[i].layer > top_layer:
                    how = "supremacy"
                elif items[i].rule.defers_to_stricter:
                    how = "deference"
                else:
                    how = "stricter_lower_layer"
                conflicts.append(("overridden", i, top, how))
    return _Resolution(_OUTCOME_OF[effect], top, status, conflicts, [], fired)


# Coverage "none": what the library does not know is said plainly (docs/semantics.md, clause 2.7).
_LEAD_SILENT = "No encoded law: this library has no rule on whether staff may {action}."
_SILENT_ADVICE = ("It is left to the agency's discretion, which is not a permission: follow the agency's written "
                  "policy, or ask counsel.")
_SILENCE_ESCALATION: dict[str, Any] = {
    "kind": "escalate_to_counsel",
    "citation": "No encoded law (Sanctuary docs/semantics.md, clause 2.7)",
    "summary": ("No encoded law covers this, and it touches a person's liberty or personal data: ask counsel "
                "before acting."),
}

_RESOLUTION_TEXT = {
    "preempted": "void: preempted by the higher layer",
    "supremacy": "overridden: the higher layer's rule prevails",
    "deference": "overridden: this permission defers to stricter local law or policy",
    "baseline": "overridden: a baseline gives way where a lower layer's law decides",
    "stricter_lower_layer": (
        "overridden: a permission leaves a lower government free to forbid or require for its own agencies"
    ),
}


class Engine:
    """Decides requests against one rule library. Build once; ``decide`` is safe to call from many threads."""

    def __init__(self, library: Library | None = None) -> None:
        self.library = library if library is not None else default_library()
        self.compiled = CompiledLibrary(self.library)
        self.digest = self.library.digest
        self._checked: dict[str, bool] = {}

    # -- public --------------------------------------------------------------------------------------------
    def decide(self, raw: Any, *, trace: bool = False) -> Decision:
        r = parse_request(raw)
        compiled = self.compiled
        bucket = compiled.cached_bucket(r.jurisdiction, r.kind, r.action, r.date)
        if bucket is None:  # first request of its kind: check the jurisdiction, then compile its bucket
            self._check_jurisdiction(r.jurisdiction)
            bucket = compiled.bucket(r.jurisdiction, r.kind, r.action, compiled.segment(r.date))
        if trace:
            return self._evaluate(r, bucket, True)
        # The hot path: the same bucket, facts and assumptions were decided before.
        if bucket.reads_date and r.convictions is not None:
            return self._evaluate(r, bucket)
        key = (bucket.project(r), r.absent)
        by_facts = bucket.by_facts
        done = by_facts.get(key)
        if done is None:
            done = self._evaluate(r, bucket)
            if len(by_facts) < MEMO_LIMIT:
                by_facts[key] = done
        return done

    def _evaluate(self, r: Request, bucket: Bucket, trace: bool = False) -> Decision:
        """Decide ``r`` from its bucket's tests (untraced: through the memo by test results)."""
        if bucket.mentions_data and r.data is not None and len(r.data) > 1:
            return self._decide_split(r, bucket, trace)
        if not trace:
            dynamic = bucket.dynamic
            app = [t(r) for t in dynamic] if dynamic else _NO_RESULTS
            pre_tests = bucket.pre_tests  # preemptions: their results join the key
            pre_app = [t(r) for t in pre_tests] if pre_tests else _NO_RESULTS
            if None not in app and None not in pre_app:
                silence = bucket.silence
                done: Decision | None = bucket.memo.get(  # = Bucket.memo_key
                    (*app, silence(r) if silence is not None else None, *pre_app, r.absent))
                if done is not None:
                    return done
        return self._decide_one(r, bucket, trace)

    def decide_many(self, raws: Iterable[Any]) -> list[Decision]:
        """Decide many requests, in order. Large inputs go through the vectorised batch path
        (:mod:`sanctuary.engine.batch`); either way, identical requests are decided once."""
        items = raws if isinstance(raws, list) else list(raws)
        if len(items) >= BATCH_THRESHOLD:
            from sanctuary.engine.batch import decide_requests

            return decide_requests(self, items, index_errors=False)
        with collector_paused():
            return self._decide_each(items)

    def _decide_each(self, items: list[Any]) -> list[Decision]:
        memo: dict[RequestIn, Decision] = {}
        out = []
        for raw in items:
            r = parse_request(raw)
            key = r.key()
            decision = memo.get(key)
            if decision is None:
                decision = self.decide(r)
                memo[key] = decision
            out.append(decision)
        return out

    # -- internals -----------------------------------------------------------------------------------------
    def _check_jurisdiction(self, jid: str) -> None:
        """An id must name a place: a rule file, or a known place without one (``engine/gazetteer.py``), which
        then falls back to its parents. A misspelt id is an error naming the nearest known ids."""
        if self._checked.get(jid):
            return
        parts = jid.split("/")
        files = self.library.files
        if parts[0] not in files:
            raise RequestError("agency.jurisdiction", f"no rules for the country {parts[0]!r}",
                               tuple(sorted(j for j in files if "/" not in j)))
        if not gazetteer.is_known(jid, files):
            close = gazetteer.suggestions(jid, files)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            if parts[1] not in gazetteer.SUBDIVISIONS.get(parts[0], ()):
                raise RequestError("agency.jurisdiction", f"{parts[1]!r} is not a subdivision of {parts[0]!r}{hint}",
                                   tuple(sorted(gazetteer.SUBDIVISIONS.get(parts[0], ()))))
            raise RequestError("agency.jurisdiction", f"unknown jurisdiction {jid!r}{hint}")
        self._checked[jid] = True

    def _decide_split(self, r: Request, bucket: Bucket, trace: bool) -> Decision:
        assert r.data is not None
        parts = [(cat, self._decide_one(r.with_data(frozenset((cat,))), bucket, trace))
                 for cat in v.DATA_CATEGORIES if cat in r.data]
        outcome = max((d.outcome for _, d in parts), key=_SEVERITY.__getitem__)
        # An item no rule speaks to makes an `allowed` answer silence, not permission: it leads the explanation.
        silent = outcome == "allowed" and any(d.coverage == "none" for _, d in parts)
        lead_cat, lead = next((cat, d) for cat, d in parts
                              if d.outcome == outcome and (not silent or d.coverage == "none"))
        basis: list[dict[str, Any]] = []
        seen: set[tuple[str, str, str]] = set()
        obligations: list[dict[str, Any]] = []
        seen_ob: set[tuple[str, str]] = set()
        conflicts: list[dict[str, Any]] = []
        missing: list[str] = []
        for _, d in parts:
            for b in d.basis:
                key = (b["jurisdiction"], b["rule"], b["status"])
                if key not in seen:
                    seen.add(key)
                    basis.append(b)
            for o in d.obligations:
                ok = (o["kind"], o["citation"])
                if ok not in seen_ob:
                    seen_ob.add(ok)
                    obligations.append(o)
            conflicts.extend(c for c in d.conflicts if c not in conflicts)
            missing.extend(f for f in d.missing_facts if f not in missing)
        by_data: dict[str, str] = {cat: d.outcome for cat, d in parts}
        summary = "; ".join(f"{cat.replace('_', ' ')}: {out}" for cat, out in by_data.items())
        explanation = f"{lead.explanation} Item by item — {summary}. (Decided by {lead_cat.replace('_', ' ')}.)"
        return Decision(
            outcome=outcome, decided_by=lead.decided_by, basis=basis, obligations=obligations,
            conflicts=conflicts, missing_facts=missing, explanation=explanation, jurisdiction=r.jurisdiction,
            layers=lead.layers, ruleset=self.digest, assumed=lead.assumed, by_data=by_data,
            trace=[t for _, d in parts for t in (d.trace or [])] if trace else None, coverage=lead.coverage,
        )

    def _decide_one(self, r: Request, bucket: Bucket, trace: bool) -> Decision:
        app = [t(r) for t in bucket.tests]
        pre_app = [t(r) for t in bucket.pre_tests]
        if None not in app and None not in pre_app:
            if trace:
                res = resolve(bucket, app, pre_app)  # type: ignore[arg-type]
                return self._build(r, bucket, res, [], [], app, pre_app, trace)
            # Every test known: the decision depends only on the bucket, the test results and which facts were
            # absent, so it is built once and shared (a Decision is immutable: tuples of read-only entries).
            key = bucket.memo_key(app, pre_app, r)
            done: Decision | None = bucket.memo.get(key)
            if done is None:
                done = self._build(r, bucket, resolve(bucket, app, pre_app), [], [], app, pre_app,  # type: ignore[arg-type]
                                   False)
                if len(bucket.memo) < MEMO_LIMIT:
                    bucket.memo[key] = done
            return done
        unknown = [i for i, a in enumerate(app) if a is None]
        pre_unknown = [i for i, a in enumerate(pre_app) if a is None]
        return self._decide_with_unknowns(r, bucket, app, pre_app, unknown, pre_unknown, trace)

    def _decide_with_unknowns(self, r: Request, bucket: Bucket, app: list[bool | None], pre_app: list[bool | None],
                              unknown: list[int], pre_unknown: list[int], trace: bool) -> Decision:
        slots = [("rule", i) for i in unknown] + [("pre", i) for i in pre_unknown]
        base_app = [a is True for a in app]
        base_pre = [a is True for a in pre_app]
        if len(slots) > MAX_UNKNOWNS:
            res = resolve(bucket, base_app, base_pre)
            res.outcome, res.decided_by = "undetermined", None
            return self._build(r, bucket, res, self._absent_facts(r, bucket, slots), [], app, pre_app, trace)
        outcomes: list[str] = []
        first: _Resolution | None = None
        for mask in range(1 << len(slots)):
            a, p = list(base_app), list(base_pre)
            for bit, (what, i) in enumerate(slots):
                if mask >> bit & 1:
                    (a if what == "rule" else p)[i] = True
            res = resolve(bucket, a, p)
            outcomes.append(res.outcome)
            if first is None:
                first = res
        assert first is not None
        conditional = [i for what, i in slots if what == "rule" and bucket.items[i].rule.effect == "duty"]
        if len(set(outcomes)) == 1:
            return self._build(r, bucket, first, [], conditional, app, pre_app, trace)
        relevant = [
            slot for bit, slot in enumerate(slots)
            if any(outcomes[m] != outcomes[m ^ (1 << bit)] for m in range(len(outcomes)))
        ]
        first.outcome, first.decided_by = "undetermined", None
        possible = sorted(set(outcomes), key=_SEVERITY.__getitem__, reverse=True)
        return self._build(r, bucket, first, self._absent_facts(r, bucket, relevant), conditional, app, pre_app,
                           trace, possible)

    @staticmethod
    def _absent_facts(r: Request, bucket: Bucket, slots: list[tuple[str, int]]) -> list[str]:
        out: list[str] = []
        for what, i in slots:
            facts = (bucket.items[i].check.facts if what == "rule" else bucket.preemptions[i].check.facts)
            for fact in sorted(facts):
                if getattr(r, FACT_ATTRS[fact]) is None and fact not in out:
                    out.append(fact)
        return out

    def _build(self, r: Request, bucket: Bucket, res: _Resolution, missing: list[str], conditional: list[int],
               app: list[Any], pre_app: list[Any], trace: bool, possible: list[str] | None = None) -> Decision:
        items = bucket.items
        basis: list[dict[str, Any]] = []
        obligations: list[dict[str, Any]] = []
        seen_ob: set[tuple[str, str]] = set()
        status = res.status
        for layer in range(len(bucket.layers)):
            for p, pre in enumerate(bucket.preemptions):
                if pre.layer == layer and res.fired[p]:
                    basis.append(pre.basis)
            for i, item in enumerate(items):
                if item.layer == layer and status[i] is not None:
                    basis.append(item.basis[status[i]])  # type: ignore[index]
                    if status[i] == "applied" and (item.rule.when_outcome is None
                                                   or res.outcome in item.rule.when_outcome):
                        for ob in item.obligations:
                            key = (ob["kind"], ob["citation"])
                            if key not in seen_ob:
                                seen_ob.add(key)
                                obligations.append(ob)
        for i in conditional:
            for ob in items[i].obligations:
                key = (ob["kind"], ob["citation"])
                if key not in seen_ob:
                    seen_ob.add(key)
                    obligations.append({**ob, "conditional_on": sorted(
                        f for f in items[i].check.facts if getattr(r, FACT_ATTRS[f]) is None)})
        conflicts = [self._conflict(bucket, c) for c in res.conflicts]
        for group in res.layer_conflicts:
            first = items[group[0]]
            conflicts.append({
                "rules": [items[i].ref for i in group],
                "resolution": "unresolved: rules of equal rank in the same jurisdiction disagree",
                "contested": False,
            })
            key = ("escalate_to_counsel", first.rule.citation)
            if key not in seen_ob:
                seen_ob.add(key)
                obligations.append({"kind": "escalate_to_counsel", "citation": first.rule.citation,
                                    "summary": "The rules that apply disagree; ask counsel before acting."})
        decided_by = items[res.decided_by].ref if res.decided_by is not None else None
        # Silence is not permission: no rule of any layer decided, so the outcome is only the agency's discretion.
        coverage = "none" if res.outcome == "allowed" and res.decided_by is None else "rule"
        if coverage == "none" and bucket.escalates_when_silent(r):
            obligations.append(_SILENCE_ESCALATION)
        explanation = self._explain(r, bucket, res, decided_by, obligations, conflicts, missing, possible, coverage)
        layers = [{"jurisdiction": layer.id, "name": layer.name, "level": layer.level,
                   "has_policy": layer.has_file and layer.status == "in_force", "status": layer.status}
                  for layer in bucket.layers]
        return Decision(
            outcome=res.outcome, decided_by=decided_by, basis=basis, obligations=obligations, conflicts=conflicts,
            missing_facts=missing, explanation=explanation, jurisdiction=r.jurisdiction, layers=layers,
            ruleset=self.digest, assumed=sorted(r.absent & bucket.facts),
            trace=self._trace(bucket, app, pre_app, status, res.fired) if trace else None, coverage=coverage,
        )

    @staticmethod
    def _conflict(bucket: Bucket, c: tuple[str, int, int, str]) -> dict[str, Any]:
        kind, loser, winner, how = c
        item = bucket.items[loser]
        if kind == "void":
            pre = bucket.preemptions[winner]
            contested = pre.pre.contested
            out: dict[str, Any] = {"rule": item.ref, "effect": item.rule.effect, "status": "void", "by": pre.ref,
                                   "resolution": _RESOLUTION_TEXT[how], "contested": contested is not None}
            if contested is not None:
                out["note"] = contested.note
                out["cases"] = list(contested.cases)
            return out
        win = bucket.items[winner]
        contested = win.rule.contested or item.rule.contested
        out = {"rule": item.ref, "effect": item.rule.effect, "status": "overridden", "by": win.ref,
               "resolution": _RESOLUTION_TEXT[how], "contested": contested is not None}
        if contested is not None:
            out["note"] = contested.note
            out["cases"] = list(contested.cases)
        return out

    @staticmethod
    def _explain(r: Request, bucket: Bucket, res: _Resolution, decided_by: dict[str, str] | None,
                 obligations: list[dict[str, Any]], conflicts: list[dict[str, Any]], missing: list[str],
                 possible: list[str] | None, coverage: str = "rule") -> str:
        lead = _LEAD_SILENT if coverage == "none" else _LEAD[res.outcome]
        parts = [lead.format(action=v.ACTION_DESCRIPTIONS[r.action])]
        if res.outcome == "undetermined":
            if res.layer_conflicts:
                parts.append("Rules of equal rank disagree; ask counsel.")
            else:
                if possible:
                    parts.append(f"It would be {' or '.join(possible)} depending on: {', '.join(missing)}.")
                parts.append("Find out before acting; if in doubt, call counsel.")
        elif res.decided_by is not None:
            item = bucket.items[res.decided_by]
            parts.append(f"{item.rule.summary.rstrip('.')} ({item.rule.citation}).")
        else:
            parts.append(_SILENT_ADVICE)
        if bucket.no_policy_note:
            parts.append(bucket.no_policy_note)
        for c in conflicts:
            if c.get("status") == "void":
                text = f"{c['rule']['citation']} is void under {c['by']['citation']}"
                parts.append(text + (" (contested in court)." if c["contested"] else "."))
        assumed = sorted(r.absent & bucket.facts)
        if assumed:
            parts.append("Taken as given: " + "; ".join(v.ASSUMPTION_PHRASES[f] for f in assumed) + ".")
        if obligations:
            duties = "; ".join((o.get("summary") or v.OBLIGATION_PHRASES[o["kind"]]).rstrip(".")
                               for o in obligations[:4])
            parts.append(f"Also: {duties}.")
        return " ".join(parts)

    @staticmethod
    def _trace(bucket: Bucket, app: list[Any], pre_app: list[Any], status: list[str | None],
               fired: list[bool]) -> list[dict[str, Any]]:
        out = []
        for index, layer in enumerate(bucket.layers):
            out.append({
                "jurisdiction": layer.id, "name": layer.name, "has_policy": layer.has_file,
                "preemptions": [{"rule": p.pre.id, "citation": p.pre.citation, "applies": pre_app[k],
                                 "voided_something": fired[k]}
                                for k, p in enumerate(bucket.preemptions) if p.layer == index],
                "rules": [{"rule": item.rule.id, "effect": item.rule.effect, "citation": item.rule.citation,
                           "exception_to": item.rule.exception_to, "applies": app[i], "status": status[i],
                           "summary": item.rule.summary}
                          for i, item in enumerate(bucket.items) if item.layer == index],
            })
        return out
