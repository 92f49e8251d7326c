"""The vectorised batch path: many requests decided at once, in the style of OpenFisca.

A batch is columnar (:class:`Columns`): one NumPy array of integer codes per fact. :func:`decide_columns`
computes, for every request, a key that fully determines its decision — the jurisdiction, agency kind, action
and date segment (which pick the compiled bucket), every fact that bucket's rules read (facts it does not
read are masked out), and the result of every conviction or pending-charge test the rules use (so a
conviction's date reduces to "inside or outside each look-back window the rules actually use"). The keys go
through ``np.unique``; each distinct key is decided once by :meth:`Engine.decide` (the single-decision path,
with its basis and explanation), and outcomes, ``decided_by`` codes and decisions are broadcast back through
the inverse index.

Why the key determines the decision: a bucket's tests read only the facts in ``Bucket.facts`` (and a
record test reads the records and the request's date only through its own result); ``missing_facts``,
``assumed`` and conditional obligations depend only on which of those facts are unknown or absent; and the
explanation only on the outcome, the bucket and the action. ``tests/engine/test_batch.py`` checks the
claim against :meth:`Engine.decide` with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from sanctuary import vocabulary as v
from sanctuary.engine.compiled import Bucket
from sanctuary.engine.decision import Decision
from sanctuary.engine.request import Request, RequestError, parse_request
from sanctuary.rules.schema import Condition, RecordTest

if TYPE_CHECKING:  # evaluate.py may import this module lazily for Engine.decide_many
    from sanctuary.engine.evaluate import Engine

IntArray = npt.NDArray[np.int64]

OUTCOMES: tuple[str, ...] = v.OUTCOMES
_OUTCOME_CODE = {name: i for i, name in enumerate(OUTCOMES)}
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

# Fact path -> (column, vocabulary for enum codes or None for booleans). Enum columns use -1 for "unknown".
_ENUM_FACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "requester.agency": ("requester", v.REQUESTER_AGENCIES),
    "requester.purpose": ("purpose", v.PURPOSES),
    "instrument.type": ("instrument_type", v.INSTRUMENT_TYPES),
    "instrument.signed_by": ("signed_by", v.SIGNERS),
    "context": ("context", v.CONTEXTS),
    "location": ("location", v.LOCATIONS),
}
# Facts taken as false when absent: 0/1, or -1 for "absent" (false, and listed in ``assumed``).
_ABSENT_FALSE: dict[str, str] = {
    "instrument.probable_cause_finding": "probable_cause_finding",
    "exigent": "exigent",
    "subject.written_consent": "written_consent",
    "subject.proof_of_lawful_status": "proof_of_lawful_status",
}
# Three-valued facts: 0/1, or -1 for unknown.
_TRI: dict[str, str] = {
    "subject.in_custody": "in_custody",
    "subject.watchlist_match": "watchlist_match",
    "subject.final_removal_order": "final_removal_order",
    "subject.reentered_after_removal": "reentered_after_removal",
    "subject.minor": "minor",
}
# Sets, as bitmasks over a vocabulary (bit i = i-th value). -1: unknown (data) or absent (accompanied_by).
_SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "instrument.accompanied_by": ("accompanied_by", v.INSTRUMENT_TYPES),
    "data": ("data", v.DATA_CATEGORIES),
}
# Every per-request fact column, by fact path (records are handled through their tests).
_FACT_COLUMNS: dict[str, str] = {
    **{f: c for f, (c, _) in _ENUM_FACTS.items()}, **_ABSENT_FALSE, **_TRI,
    **{f: c for f, (c, _) in _SETS.items()},
}
_CLASS_CODE = {name: i for i, name in enumerate(v.CONVICTION_CLASSES)}


def _ints(values: Any, name: str) -> IntArray:
    try:
        out = np.asarray(values, dtype=np.int64)
    except (TypeError, ValueError) as exc:
        raise RequestError(name, f"expected an array of integer codes ({exc})") from None
    if out.ndim != 1:
        raise RequestError(name, f"expected a one-dimensional array, got shape {out.shape}")
    return out


def _empty() -> IntArray:
    return np.zeros(0, dtype=np.int64)


@dataclass
class Columns:
    """A columnar batch of requests. Every per-request array has one entry per request.

    * ``jurisdictions``: the table the ``jurisdiction`` codes index (e.g. ``("us/ca/san-francisco", ...)``).
    * ``kind``, ``action``: indexes into ``vocabulary.AGENCY_KINDS`` / ``ACTIONS``.
    * ``day``: the request's date as ``date.toordinal()``.
    * ``requester``, ``purpose``, ``instrument_type``, ``signed_by``, ``context``, ``location``: indexes into
      their vocabularies; -1 when unknown.
    * ``probable_cause_finding``, ``exigent``, ``written_consent``, ``proof_of_lawful_status``: 1 true, 0 false,
      -1 not given (taken as false, as :func:`parse_request` does).
    * ``in_custody``, ``watchlist_match``, ``final_removal_order``, ``reentered_after_removal``, ``minor``:
      1 true, 0 false, -1 unknown.
    * ``accompanied_by``: bitmask over ``INSTRUMENT_TYPES``, -1 not given; ``data``: bitmask over
      ``DATA_CATEGORIES``, -1 unknown.
    * ``convictions`` / ``pending_charges``: -1 unknown, 0 known (the entries are listed in the ragged arrays
      ``conviction_row``/``conviction_class``/``conviction_day`` and ``charge_row``/``charge_class``/
      ``charge_pcf``, whose ``*_row`` gives the request each entry belongs to; classes index
      ``CONVICTION_CLASSES``).

    Build it with :func:`encode` from request dicts, or with :meth:`Columns.build` from arrays.
    """

    jurisdictions: tuple[str, ...]
    jurisdiction: IntArray
    kind: IntArray
    action: IntArray
    day: IntArray
    requester: IntArray
    purpose: IntArray
    instrument_type: IntArray
    signed_by: IntArray
    context: IntArray
    location: IntArray
    probable_cause_finding: IntArray
    exigent: IntArray
    written_consent: IntArray
    proof_of_lawful_status: IntArray
    in_custody: IntArray
    watchlist_match: IntArray
    final_removal_order: IntArray
    reentered_after_removal: IntArray
    minor: IntArray
    accompanied_by: IntArray
    data: IntArray
    convictions: IntArray
    pending_charges: IntArray
    conviction_row: IntArray = field(default_factory=_empty)
    conviction_class: IntArray = field(default_factory=_empty)
    conviction_day: IntArray = field(default_factory=_empty)
    charge_row: IntArray = field(default_factory=_empty)
    charge_class: IntArray = field(default_factory=_empty)
    charge_pcf: IntArray = field(default_factory=_empty)
    requests: list[Request] | None = None  # the parsed requests, when built by :func:`encode`

    @classmethod
    def build(cls, jurisdictions: Sequence[str], jurisdiction: Any, kind: Any, action: Any, day: Any,
              **columns: Any) -> Columns:
        """Columns from arrays; a per-request column not given is filled with -1 (unknown / not given)."""
        n = len(np.asarray(jurisdiction))
        names = {f.name for f in fields(cls)} - {"jurisdictions", "requests"}
        for name in columns:
            if name not in names:
                raise RequestError(name, "unknown column", tuple(sorted(names)))
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in ("jurisdictions", "requests", "jurisdiction", "kind", "action", "day"):
                continue
            if f.name in columns:
                values[f.name] = _ints(columns[f.name], f.name)
            elif f.name.startswith(("conviction_", "charge_")):
                values[f.name] = _empty()
            else:
                values[f.name] = np.full(n, -1, dtype=np.int64)
        return cls(tuple(jurisdictions), _ints(jurisdiction, "jurisdiction"), _ints(kind, "kind"),
                   _ints(action, "action"), _ints(day, "day"), **values)

    def __len__(self) -> int:
        return int(self.jurisdiction.shape[0])

    def validate(self) -> None:
        """Check shapes and code ranges; an error names the column and what it takes."""
        n = len(self)
        ranges: dict[str, tuple[int, int, tuple[str, ...] | None]] = {
            "jurisdiction": (0, len(self.jurisdictions) - 1, None),
            "kind": (0, len(v.AGENCY_KINDS) - 1, v.AGENCY_KINDS),
            "action": (0, len(v.ACTIONS) - 1, v.ACTIONS),
            "day": (1, dt.date.max.toordinal(), None),
            **{c: (-1, len(vocab) - 1, vocab) for c, vocab in _ENUM_FACTS.values()},
            **{c: (-1, 1, None) for c in (*_ABSENT_FALSE.values(), *_TRI.values())},
            **{c: (-1, (1 << len(vocab)) - 1, None) for c, vocab in _SETS.values()},
            "convictions": (-1, 0, None),
            "pending_charges": (-1, 0, None),
        }
        for name, (low, high, allowed) in ranges.items():
            arr: IntArray = getattr(self, name)
            if arr.shape != (n,):
                raise RequestError(name, f"expected {n} entries, got shape {arr.shape}")
            if n and (int(arr.min()) < low or int(arr.max()) > high):
                raise RequestError(name, f"codes must lie in {low}..{high}", allowed)
        for prefix, known, extra in (("conviction", self.convictions, "day"), ("charge", self.pending_charges, "pcf")):
            rows: IntArray = getattr(self, f"{prefix}_row")
            classes: IntArray = getattr(self, f"{prefix}_class")
            other: IntArray = getattr(self, f"{prefix}_{extra}")
            m = rows.shape[0]
            if classes.shape != (m,) or other.shape != (m,):
                raise RequestError(f"{prefix}_row", f"{prefix}_row, _class and _{extra} must have equal lengths")
            if m == 0:
                continue
            if int(rows.min()) < 0 or int(rows.max()) >= n:
                raise RequestError(f"{prefix}_row", f"row indexes must lie in 0..{n - 1}")
            if int(classes.min()) < 0 or int(classes.max()) >= len(v.CONVICTION_CLASSES):
                raise RequestError(f"{prefix}_class", "codes out of range", v.CONVICTION_CLASSES)
            if bool((known[rows] < 0).any()):
                raise RequestError(f"{prefix}_row", "an entry belongs to a request whose records are marked unknown")
        if self.conviction_day.shape[0] and bool((self.conviction_day > self.day[self.conviction_row]).any()):
            raise RequestError("subject.convictions", "a conviction is dated after its request's date")
        if self.charge_pcf.shape[0] and (int(self.charge_pcf.min()) < 0 or int(self.charge_pcf.max()) > 1):
            raise RequestError("charge_pcf", "expected 0 or 1")

    # -- one row back as a Request ---------------------------------------------------------------------------
    def request(self, i: int) -> Request:
        """Row ``i`` as the engine's :class:`Request`."""
        if self.requests is not None:
            return self.requests[i]
        r = Request.__new__(Request)
        absent: list[str] = []
        r.date = dt.date.fromordinal(int(self.day[i]))
        r.jurisdiction = self.jurisdictions[int(self.jurisdiction[i])]
        r.kind = v.AGENCY_KINDS[int(self.kind[i])]
        r.action = v.ACTIONS[int(self.action[i])]
        for col, vocab in _ENUM_FACTS.values():
            code = int(getattr(self, col)[i])
            setattr(r, col, None if code < 0 else vocab[code])
        for fact, col in _ABSENT_FALSE.items():
            code = int(getattr(self, col)[i])
            if code < 0:
                absent.append(fact)
            setattr(r, col, code == 1)
        for col in _TRI.values():
            code = int(getattr(self, col)[i])
            setattr(r, col, None if code < 0 else code == 1)
        acc = int(self.accompanied_by[i])
        if acc < 0:
            absent.append("instrument.accompanied_by")
        r.accompanied_by = _members(max(acc, 0), v.INSTRUMENT_TYPES)
        data = int(self.data[i])
        r.data = None if data < 0 else _members(data, v.DATA_CATEGORIES)
        if int(self.convictions[i]) < 0:
            r.convictions = None
        else:
            idx = np.flatnonzero(self.conviction_row == i)
            r.convictions = tuple((v.CONVICTION_CLASSES[int(self.conviction_class[j])],
                                   dt.date.fromordinal(int(self.conviction_day[j]))) for j in idx)
        if int(self.pending_charges[i]) < 0:
            r.pending_charges = None
        else:
            idx = np.flatnonzero(self.charge_row == i)
            r.pending_charges = tuple((v.CONVICTION_CLASSES[int(self.charge_class[j])], bool(self.charge_pcf[j]))
                                      for j in idx)
        r.absent = frozenset(absent)
        return r


def _members(mask: int, vocab: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name for bit, name in enumerate(vocab) if mask >> bit & 1)


def _mask(values: Iterable[str], code: dict[str, int]) -> int:
    out = 0
    for value in values:
        out |= 1 << code[value]
    return out


_CODES: dict[str, dict[str, int]] = {
    name: {value: i for i, value in enumerate(vocab)}
    for name, vocab in (("kind", v.AGENCY_KINDS), ("action", v.ACTIONS), ("requester", v.REQUESTER_AGENCIES),
                        ("purpose", v.PURPOSES), ("instrument_type", v.INSTRUMENT_TYPES), ("signed_by", v.SIGNERS),
                        ("context", v.CONTEXTS), ("location", v.LOCATIONS), ("data", v.DATA_CATEGORIES))
}


def encode(requests: Iterable[Any], *, keep: bool = True) -> Columns:
    """Parse request dicts (or :class:`Request` objects) into :class:`Columns`. A bad request raises
    :class:`RequestError` naming its field, prefixed by its index in the batch. With ``keep`` the parsed
    requests are kept, and the batch path decides those very objects."""
    parsed: list[Request] = []
    for index, raw in enumerate(requests):
        try:
            parsed.append(parse_request(raw))
        except RequestError as exc:
            raise RequestError(f"[{index}].{exc.field}", exc.message, exc.allowed) from None
    n = len(parsed)
    table: dict[str, int] = {}
    cols: dict[str, list[int]] = {f.name: [] for f in fields(Columns)
                                  if f.name not in ("jurisdictions", "requests")}
    none_is = -1
    kc, ac, rc, pc = _CODES["kind"], _CODES["action"], _CODES["requester"], _CODES["purpose"]
    ic, sc, cc, lc, dc = (_CODES["instrument_type"], _CODES["signed_by"], _CODES["context"], _CODES["location"],
                          _CODES["data"])
    for i, r in enumerate(parsed):
        cols["jurisdiction"].append(table.setdefault(r.jurisdiction, len(table)))
        cols["kind"].append(kc[r.kind])
        cols["action"].append(ac[r.action])
        cols["day"].append(r.date.toordinal())
        cols["requester"].append(none_is if r.requester is None else rc[r.requester])
        cols["purpose"].append(none_is if r.purpose is None else pc[r.purpose])
        cols["instrument_type"].append(none_is if r.instrument_type is None else ic[r.instrument_type])
        cols["signed_by"].append(none_is if r.signed_by is None else sc[r.signed_by])
        cols["context"].append(none_is if r.context is None else cc[r.context])
        cols["location"].append(none_is if r.location is None else lc[r.location])
        absent = r.absent
        for fact, col in _ABSENT_FALSE.items():
            cols[col].append(-1 if fact in absent else int(getattr(r, col)))
        for col in _TRI.values():
            value = getattr(r, col)
            cols[col].append(-1 if value is None else int(value))
        cols["accompanied_by"].append(-1 if "instrument.accompanied_by" in absent else _mask(r.accompanied_by, ic))
        cols["data"].append(-1 if r.data is None else _mask(r.data, dc))
        if r.convictions is None:
            cols["convictions"].append(-1)
        else:
            cols["convictions"].append(0)
            for cls, when in r.convictions:
                cols["conviction_row"].append(i)
                cols["conviction_class"].append(_CLASS_CODE[cls])
                cols["conviction_day"].append(when.toordinal())
        if r.pending_charges is None:
            cols["pending_charges"].append(-1)
        else:
            cols["pending_charges"].append(0)
            for cls, found in r.pending_charges:
                cols["charge_row"].append(i)
                cols["charge_class"].append(_CLASS_CODE[cls])
                cols["charge_pcf"].append(int(found))
    arrays = {name: np.array(values, dtype=np.int64) for name, values in cols.items()}
    assert all(arrays[c].shape == (n,) for c in ("jurisdiction", "day", "data"))
    out = Columns.build(tuple(table), arrays.pop("jurisdiction"), arrays.pop("kind"), arrays.pop("action"),
                        arrays.pop("day"), **arrays)
    out.requests = parsed if keep else None
    return out


# -- record tests ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordSpec:
    """One conviction or pending-charge test as the rules state it."""

    kind: str  # "convictions" or "pending_charges"
    classes: frozenset[str]
    within_years: int | None
    at_least: int
    probable_cause_finding: bool | None

    @classmethod
    def of(cls, kind: str, test: RecordTest) -> RecordSpec:
        return cls(kind, frozenset(test.classes), test.within_years, test.at_least, test.probable_cause_finding)


def _specs_in(cond: Condition | None, out: set[RecordSpec]) -> None:
    if cond is None:
        return
    if cond.subject is not None:
        if cond.subject.convictions is not None:
            out.add(RecordSpec.of("convictions", cond.subject.convictions))
        if cond.subject.pending_charges is not None:
            out.add(RecordSpec.of("pending_charges", cond.subject.pending_charges))
    for sub in (*(cond.any_of or ()), *(cond.all_of or ())):
        _specs_in(sub, out)
    _specs_in(cond.not_, out)


def bucket_specs(bucket: Bucket) -> frozenset[RecordSpec]:
    """The record tests a bucket's rules and preemptions use."""
    out: set[RecordSpec] = set()
    for item in bucket.items:
        _specs_in(item.rule.when, out)
    for pre in bucket.preemptions:
        _specs_in(pre.pre.when, out)
    return frozenset(out)


def _years_before(days: IntArray, years: int) -> IntArray:
    """``conditions.years_before`` over an array of ordinals (29 February becomes 28 February)."""
    d64 = (days - _EPOCH_ORDINAL).astype("datetime64[D]")
    year_start = d64.astype("datetime64[Y]")
    month = (d64.astype("datetime64[M]") - year_start.astype("datetime64[M]")).astype(np.int64)
    mday = (d64 - d64.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
    new_year = year_start - np.timedelta64(years, "Y")
    y = new_year.astype(np.int64) + 1970
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    mday = np.where((month == 1) & (mday == 29) & ~leap, 28, mday)
    out = (new_year.astype("datetime64[M]") + month).astype("datetime64[D]") + (mday - 1)
    return out.astype(np.int64) + _EPOCH_ORDINAL  # type: ignore[no-any-return]


def record_results(cols: Columns, spec: RecordSpec) -> IntArray:
    """The spec's three-valued result per request: 1 true, 0 false, -1 unknown (records not given)."""
    n = len(cols)
    class_codes = np.array(sorted(_CLASS_CODE[c] for c in spec.classes), dtype=np.int64)
    if spec.kind == "convictions":
        rows, classes, known = cols.conviction_row, cols.conviction_class, cols.convictions
        match = np.isin(classes, class_codes)
        if spec.within_years is not None and rows.shape[0]:
            cutoff = _years_before(cols.day, spec.within_years)
            match &= cols.conviction_day >= cutoff[rows]
    else:
        rows, classes, known = cols.charge_row, cols.charge_class, cols.pending_charges
        match = np.isin(classes, class_codes)
        if spec.probable_cause_finding is not None:
            match &= cols.charge_pcf == int(spec.probable_cause_finding)
    counts = np.bincount(rows[match], minlength=n) if rows.shape[0] else np.zeros(n, dtype=np.int64)
    return np.where(known < 0, -1, (counts >= spec.at_least).astype(np.int64))


# -- keys ----------------------------------------------------------------------------------------------------
def _densify(key: IntArray, bound: int) -> tuple[IntArray, int]:
    """Codes 0..k-1 for the distinct values of ``key`` (all in 0..bound-1), keeping their order."""
    if bound <= max(1 << 22, 4 * key.shape[0]):
        present = np.zeros(bound, dtype=np.bool_)
        present[key] = True
        remap = np.cumsum(present, dtype=np.int64) - 1
        return remap[key], int(remap[-1]) + 1 if bound else 0
    uniq, inverse = np.unique(key, return_inverse=True)
    return inverse.astype(np.int64, copy=False), int(uniq.shape[0])


class _KeyBuilder:
    """A mixed-radix key over many small columns, re-densified before it would overflow 63 bits."""

    LIMIT = 1 << 62

    def __init__(self, n: int) -> None:
        self.key: IntArray = np.zeros(n, dtype=np.int64)
        self.bound = 1

    def add(self, column: IntArray, radix: int) -> None:
        if radix <= 1:
            return
        if self.bound * radix >= self.LIMIT:
            self.key, self.bound = _densify(self.key, self.bound)
        self.key = self.key * radix + column
        self.bound *= radix

    def finish(self) -> tuple[IntArray, int]:
        return _densify(self.key, self.bound)


@dataclass
class BatchResult:
    """Outcomes for every request, and the decision of every distinct key.

    ``outcome[i]`` indexes :data:`OUTCOMES`; ``decided_by[i]`` indexes ``rules`` (``(jurisdiction, rule id)``)
    or is -1 when no rule decided; ``inverse[i]`` indexes ``decisions``."""

    outcome: npt.NDArray[np.int8]
    decided_by: npt.NDArray[np.int32]
    inverse: IntArray
    decisions: list[Decision]
    rules: list[tuple[str, str]]

    def __len__(self) -> int:
        return int(self.outcome.shape[0])

    @property
    def unique(self) -> int:
        """How many distinct keys were decided."""
        return len(self.decisions)

    def decision(self, i: int) -> Decision:
        return self.decisions[int(self.inverse[i])]

    def all_decisions(self) -> list[Decision]:
        """One decision per request, in order (requests with equal keys share one object)."""
        decisions = self.decisions
        return [decisions[k] for k in self.inverse.tolist()]

    def outcome_names(self) -> list[str]:
        return [OUTCOMES[c] for c in self.outcome.tolist()]


@dataclass
class _Plan:
    """Per-engine caches: break dates as ordinals and, per bucket, what it reads."""

    breaks: IntArray
    reads: dict[tuple[str, str, str, int], tuple[frozenset[str], frozenset[RecordSpec]]] = field(default_factory=dict)


_PLANS: weakref.WeakKeyDictionary[Engine, _Plan] = weakref.WeakKeyDictionary()


def _plan(engine: Engine) -> _Plan:
    plan = _PLANS.get(engine)
    if plan is None:
        plan = _Plan(np.array([d.toordinal() for d in engine.compiled.breaks], dtype=np.int64))
        _PLANS[engine] = plan
    return plan


def decide_columns(engine: Engine, columns: Columns) -> BatchResult:
    """Decide every request of a columnar batch: exactly what :meth:`Engine.decide` gives each one."""
    cols = columns
    cols.validate()
    n = len(cols)
    if n == 0:
        return BatchResult(np.zeros(0, np.int8), np.zeros(0, np.int32), _empty(), [], [])
    plan = _plan(engine)
    segment = np.searchsorted(plan.breaks, cols.day, side="right").astype(np.int64)

    # 1. Which bucket each request falls in.
    kb = _KeyBuilder(n)
    kb.add(cols.jurisdiction, len(cols.jurisdictions))
    kb.add(cols.kind, len(v.AGENCY_KINDS))
    kb.add(cols.action, len(v.ACTIONS))
    kb.add(segment, plan.breaks.shape[0] + 1)
    bucket_of, n_buckets = kb.finish()
    first = np.zeros(n_buckets, dtype=np.int64)
    first[bucket_of] = np.arange(n, dtype=np.int64)
    facts_by_bucket: list[frozenset[str]] = []
    specs_by_bucket: list[frozenset[RecordSpec]] = []
    for b in range(n_buckets):
        i = int(first[b])
        jid = cols.jurisdictions[int(cols.jurisdiction[i])]
        where = (jid, v.AGENCY_KINDS[int(cols.kind[i])], v.ACTIONS[int(cols.action[i])], int(segment[i]))
        reads = plan.reads.get(where)
        if reads is None:
            engine._check_jurisdiction(jid)  # the same error Engine.decide gives for an unknown jurisdiction
            bucket = engine.compiled.bucket(*where)
            reads = (bucket.facts, bucket_specs(bucket))
            plan.reads[where] = reads
        facts_by_bucket.append(reads[0])
        specs_by_bucket.append(reads[1])

    # 2. The full key: the bucket, then every fact and record test the bucket reads (others masked to 0).
    key = _KeyBuilder(n)
    key.add(bucket_of, n_buckets)

    def masked(column: IntArray, used: list[bool], radix: int) -> None:
        if not any(used):
            return
        if all(used):
            key.add(column + 1, radix + 1)
        else:
            on = np.array(used, dtype=np.bool_)[bucket_of]
            key.add(np.where(on, column + 1, 0), radix + 1)

    for fact, col in _FACT_COLUMNS.items():
        used = [fact in facts for facts in facts_by_bucket]
        if not any(used):
            continue
        column: IntArray = getattr(cols, col)
        if col in ("accompanied_by", "data"):
            codes, count = _densify(column + 1, int(column.max()) + 2)  # masks are sparse: densify first
            masked(codes, used, count)
        else:
            masked(column + 1, used, int(column.max()) + 2)
    all_specs = sorted(set().union(*specs_by_bucket), key=repr)
    for spec in all_specs:
        masked(record_results(cols, spec) + 1, [spec in specs for specs in specs_by_bucket], 3)
    inverse, n_keys = key.finish()

    # 3. Decide each distinct key once, then broadcast.
    rep = np.zeros(n_keys, dtype=np.int64)
    rep[inverse] = np.arange(n, dtype=np.int64)
    decisions: list[Decision] = []
    rule_codes: dict[tuple[str, str], int] = {}
    outcome_u = np.zeros(n_keys, dtype=np.int8)
    by_u = np.full(n_keys, -1, dtype=np.int32)
    for k, i in enumerate(rep.tolist()):
        d = engine.decide(cols.request(i))
        decisions.append(d)
        outcome_u[k] = _OUTCOME_CODE[d.outcome]
        if d.decided_by is not None:
            ref = (d.decided_by["jurisdiction"], d.decided_by["rule"])
            by_u[k] = rule_codes.setdefault(ref, len(rule_codes))
    return BatchResult(outcome_u[inverse], by_u[inverse], inverse, decisions, list(rule_codes))


def decide_requests(engine: Engine, requests: Iterable[Any]) -> list[Decision]:
    """:meth:`Engine.decide_many` through the batch path: one decision per request, in order."""
    return decide_columns(engine, encode(requests)).all_decisions()


__all__ = ["OUTCOMES", "BatchResult", "Columns", "RecordSpec", "decide_columns", "decide_requests", "encode",
           "record_results"]
