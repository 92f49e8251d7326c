"""The vectorised batch path: many requests decided at once, in the style of OpenFisca.

A batch is columnar (:class:`Columns`): one NumPy array of integer codes per fact. :func:`decide_columns`
computes, for every request, a key that fully determines its decision:

* the *contents* of the compiled bucket the request falls in — its jurisdiction, its action, and the rules and
  preemptions in force (the agency kind and the date segment only choose the bucket; two buckets holding the
  same rules decide alike);
* every fact that bucket's tests read, reduced to its class for that bucket: unknown or absent, or which of the
  value sets named by the bucket's rules the value falls in (ICE and CBP are one class for a rule about
  "immigration authorities"); facts the bucket does not read are left out;
* the three-valued result of every conviction or pending-charge test the bucket uses, computed vectorised, so a
  conviction's date reduces to "inside or outside each look-back window the rules actually use".

Keys are packed in mixed radix and compacted by table lookup; each distinct key is decided once by
:meth:`Engine.decide` (the single-decision path, with its basis and explanation), and outcome codes,
``decided_by`` codes and decisions are broadcast back through the inverse index.

Why the key determines the decision: a bucket's tests read only the facts in ``Bucket.facts``, through
membership in the value sets collected here, equality of booleans, or record tests; ``missing_facts``,
``assumed`` and conditional obligations depend only on which of those facts are unknown or absent; a request
whose data is split item by item keeps its exact data categories in the key; and the explanation depends only
on the outcome, the bucket and the action. ``tests/engine/test_batch.py`` checks the claim against
:meth:`Engine.decide` (every field of ``Decision.to_dict()``) with Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from sanctuary import vocabulary as v
from sanctuary.engine.compiled import Bucket
from sanctuary.engine.decision import Decision
from sanctuary.engine.request import STAFF_INITIATED, Request, RequestError, parse_request
from sanctuary.gcpause import collector_paused
from sanctuary.rules.schema import Condition, Covers, RecordTest, Rule

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
_CLASS_CODE = {name: i for i, name in enumerate(v.CONVICTION_CLASSES)}
_STAFF_ACTIONS = np.array(sorted(v.ACTIONS.index(a) for a in STAFF_INITIATED), dtype=np.int64)
_NONE_INSTRUMENT = v.INSTRUMENT_TYPES.index("none")


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
      their vocabularies; -1 when not given (unknown; for an ``instrument_type`` of a staff-initiated action,
      ``none`` by default, as :func:`parse_request` reads it).
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

    # -- rows back as Requests ------------------------------------------------------------------------------
    def request(self, i: int) -> Request:
        """Row ``i`` as the engine's :class:`Request`."""
        return self.requests_at([i])[0]

    def requests_at(self, rows: Sequence[int]) -> list[Request]:
        """The given rows as the engine's :class:`Request` objects: each row is turned back into the contract's
        request and parsed by :func:`parse_request`, so a row means exactly what the same dict would."""
        if self.requests is not None:
            return [self.requests[i] for i in rows]
        idx = np.asarray(rows, dtype=np.int64)
        col = {f.name: getattr(self, f.name)[idx].tolist() for f in fields(self)
               if f.name not in ("jurisdictions", "requests") and not f.name.startswith(("conviction_", "charge_"))}
        convictions = _entries(self.conviction_row, idx, self.conviction_class, self.conviction_day)
        charges = _entries(self.charge_row, idx, self.charge_class, self.charge_pcf)
        out: list[Request] = []
        for k in range(len(idx)):
            raw: dict[str, Any] = {
                "date": dt.date.fromordinal(col["day"][k]),
                "agency": {"jurisdiction": self.jurisdictions[col["jurisdiction"][k]],
                           "kind": v.AGENCY_KINDS[col["kind"][k]]},
                "action": v.ACTIONS[col["action"][k]],
            }
            parts: dict[str, dict[str, Any]] = {"requester": {}, "instrument": {}, "subject": {}}
            for path, (name, vocab) in _ENUM_FACTS.items():
                code = col[name][k]
                if code >= 0:
                    head, _, tail = path.partition(".")
                    if tail:
                        parts[head][tail] = vocab[code]
                    else:
                        raw[head] = vocab[code]
            for path, name in (*_ABSENT_FALSE.items(), *_TRI.items()):
                code = col[name][k]
                if code >= 0:
                    head, _, tail = path.partition(".")
                    if tail:
                        parts[head][tail] = code == 1
                    else:
                        raw[head] = code == 1
            if col["accompanied_by"][k] >= 0:
                parts["instrument"]["accompanied_by"] = sorted(_members(col["accompanied_by"][k], v.INSTRUMENT_TYPES))
            if col["data"][k] >= 0:
                raw["data"] = sorted(_members(col["data"][k], v.DATA_CATEGORIES))
            if col["convictions"][k] >= 0:
                parts["subject"]["convictions"] = [
                    {"class": v.CONVICTION_CLASSES[c], "date": dt.date.fromordinal(d)} for c, d in convictions[k]]
            if col["pending_charges"][k] >= 0:
                parts["subject"]["pending_charges"] = [
                    {"class": v.CONVICTION_CLASSES[c], "probable_cause_finding": f == 1} for c, f in charges[k]]
            raw.update((head, part) for head, part in parts.items() if part)
            out.append(parse_request(raw))
        return out


def _entries(rows: IntArray, wanted: IntArray, first: IntArray, second: IntArray) -> list[list[tuple[int, int]]]:
    """For each wanted request, its (first, second) ragged entries."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(len(wanted))]
    if rows.shape[0] == 0 or wanted.shape[0] == 0:
        return out
    if bool((rows[1:] >= rows[:-1]).all()):
        order = np.arange(rows.shape[0])
        sorted_rows = rows
    else:
        order = np.argsort(rows, kind="stable")
        sorted_rows = rows[order]
    lo = np.searchsorted(sorted_rows, wanted, side="left")
    hi = np.searchsorted(sorted_rows, wanted, side="right")
    for k, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        if b > a:
            picked = order[a:b]
            out[k] = list(zip(first[picked].tolist(), second[picked].tolist(), strict=True))
    return out


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


def encode(requests: Iterable[Any], *, keep: bool = True, index_errors: bool = True) -> Columns:
    """Parse request dicts (or :class:`Request` objects) into :class:`Columns`. A bad request raises
    :class:`RequestError` naming its field, prefixed by its index in the batch (``[3].action``) unless
    ``index_errors`` is false. With ``keep`` the parsed requests are kept, and the batch path decides those
    very objects."""
    parsed: list[Request] = []
    for index, raw in enumerate(requests):
        try:
            parsed.append(parse_request(raw))
        except RequestError as exc:
            if not index_errors:
                raise
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
        given = r.instrument_type is not None and "instrument.type" not in r.absent
        cols["instrument_type"].append(ic[r.instrument_type] if given else none_is)  # type: ignore[index]
        cols["signed_by"].append(none_is if r.signed_by is None else sc[r.signed_by])
        cols["context"].append(none_is if r.context is None else cc[r.context])
        cols["location"].append(none_is if r.location is None else lc[r.location])
        absent = r.absent
        for fact, col in _ABSENT_FALSE.items():
            cols[col].append(-1 if fact in absent else int(getattr(r, col)))
        for fact, col in _TRI.items():
            value = getattr(r, col)
            cols[col].append(-1 if value is None or fact in absent else int(value))  # absent: implied by the action
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


def _ymd(days: IntArray) -> IntArray:
    """Ordinals as yyyymmdd integers (H. Hinnant's civil-from-days algorithm, in integer arithmetic): comparing
    two yyyymmdd integers compares the dates."""
    z = days - _EPOCH_ORDINAL + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = np.where(mp < 10, mp + 3, mp - 9)
    y = yoe + era * 400 + (m <= 2)
    return y * 10000 + m * 100 + d  # type: ignore[no-any-return]


def _cutoff_ymd(ymd: IntArray, years: int) -> IntArray:
    """``conditions.years_before`` on yyyymmdd integers: the same calendar day ``years`` earlier, 29 February
    becoming 28 February in a year that has none."""
    out = ymd - years * 10000
    y = out // 10000
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    return np.where((out % 10000 == 229) & ~leap, out - 1, out)


_CLASS_SETS: dict[frozenset[str], npt.NDArray[np.bool_]] = {}


def _class_table(classes: frozenset[str]) -> npt.NDArray[np.bool_]:
    table = _CLASS_SETS.get(classes)
    if table is None:
        table = np.array([c in classes for c in v.CONVICTION_CLASSES], dtype=np.bool_)
        _CLASS_SETS[classes] = table
    return table


def _records_at(cols: Columns, kind: str, at: IntArray | None,
                cache: dict[str, Any]) -> tuple[IntArray, IntArray, IntArray, IntArray, IntArray]:
    """The entries of ``kind`` (convictions or pending charges) on rows ``at`` (every row when ``None``): each
    entry's position among those rows, its class, its date or probable-cause finding and its row; and whether
    each of those rows gives the records at all (-1: unknown)."""
    wanted = _EVERY_ROW if at is None else at
    if cache.setdefault("rows", wanted) is not wanted:
        raise ValueError("record_results: a cache serves calls with one and the same `at`")
    found: tuple[IntArray, IntArray, IntArray, IntArray, IntArray] | None = cache.get(kind)
    if found is None:
        if kind == "convictions":
            rows, classes, extra, known = cols.conviction_row, cols.conviction_class, cols.conviction_day, \
                cols.convictions
        else:
            rows, classes, extra, known = cols.charge_row, cols.charge_class, cols.charge_pcf, cols.pending_charges
        position = rows
        if at is not None:
            where = np.full(len(cols), -1, dtype=np.int64)
            where[at] = np.arange(at.shape[0], dtype=np.int64)
            if not np.array_equal(where[at], np.arange(at.shape[0], dtype=np.int64)):
                raise ValueError("record_results: the row numbers in `at` must be distinct")
            position = where[rows]
            keep = position >= 0
            position, rows, classes, extra, known = position[keep], rows[keep], classes[keep], extra[keep], known[at]
        found = cache[kind] = (position, classes, extra, rows, known)
    return found


_EVERY_ROW: IntArray = np.zeros(0, dtype=np.int64)  # stands for ``at=None`` in a cache (compared by identity)


def record_results(cols: Columns, spec: RecordSpec, cache: dict[str, Any] | None = None,
                   at: IntArray | None = None) -> IntArray:
    """The spec's three-valued result per request: 1 true, 0 false, -1 unknown (records not given).
    ``at`` (distinct row numbers) limits the result to those rows, in that order. ``cache`` keeps what calls over
    the same columns and the same ``at`` object share (the entries of those rows, date conversions); a cache used
    with another ``at`` is refused (ValueError)."""
    cache = {} if cache is None else cache
    n = len(cols) if at is None else int(at.shape[0])
    position, classes, extra, rows, known = _records_at(cols, spec.kind, at, cache)
    match = _class_table(spec.classes)[classes]
    if spec.kind == "convictions":
        if spec.within_years is not None and rows.shape[0]:
            if "conviction_ymd" not in cache:
                cache["conviction_ymd"] = _ymd(extra)
                cache["request_ymd"] = _ymd(cols.day[rows])
            window = f"cutoff_{spec.within_years}"
            if window not in cache:
                cache[window] = cache["conviction_ymd"] >= _cutoff_ymd(cache["request_ymd"], spec.within_years)
            match &= cache[window]
    elif spec.probable_cause_finding is not None:
        match &= extra == int(spec.probable_cause_finding)
    counts = np.bincount(position[match], minlength=n) if position.shape[0] else np.zeros(n, dtype=np.int64)
    return np.where(known < 0, -1, (counts >= spec.at_least).astype(np.int64))


# -- keys ----------------------------------------------------------------------------------------------------
_DENSE = 1 << 24  # keys below this are compacted with a lookup table (no sort)


def _densify(key: IntArray, bound: int) -> tuple[IntArray, int]:
    """Codes 0..k-1 for the distinct values of ``key`` (all in 0..bound-1), keeping their order."""
    if bound <= max(_DENSE, 4 * key.shape[0]):
        present = np.zeros(bound, dtype=np.bool_)
        present[key] = True
        found = np.flatnonzero(present)
        remap = np.empty(bound, dtype=np.int32)  # only the entries at ``found`` are ever read
        remap[found] = np.arange(found.shape[0], dtype=np.int32)
        return remap[key].astype(np.int64), int(found.shape[0])
    uniq, inverse = np.unique(key, return_inverse=True)
    return inverse.astype(np.int64, copy=False), int(uniq.shape[0])


class _KeyBuilder:
    """A mixed-radix key over many small columns. It is compacted to dense codes whenever the next column would
    take it past twice the row count (at least 2**16, at most ``_DENSE``), by table lookup, cheap because a batch
    has few distinct keys; sorting is only the fallback for a single column wider than ``_DENSE``."""

    LIMIT = 1 << 62

    def __init__(self, n: int) -> None:
        self.key: IntArray = np.zeros(n, dtype=np.int64)
        self.bound = 1
        # Compact before the key outgrows a table a few times the batch's size: compacting reads a table as long
        # as the bound, so a bound far above the row count costs more than compacting more often.
        self.compact_above = min(_DENSE, max(1 << 16, 2 * n))

    def add(self, column: IntArray, radix: int) -> None:
        if radix <= 1:
            return
        if self.bound * radix > self.compact_above and self.bound > 1:
            self.key, self.bound = _densify(self.key, self.bound)
        if self.bound * radix >= self.LIMIT:
            raise OverflowError("batch key too wide")  # needs more than 2**62 distinct keys: cannot happen
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


# -- what each bucket reads ---------------------------------------------------------------------------------------
_CODE_OF: dict[str, dict[str, int]] = {
    "requester.agency": _CODES["requester"], "requester.purpose": _CODES["purpose"],
    "instrument.type": _CODES["instrument_type"], "instrument.signed_by": _CODES["signed_by"],
    "context": _CODES["context"], "location": _CODES["location"], "data": _CODES["data"],
    "instrument.accompanied_by": _CODES["instrument_type"],
}
_COVERS_FACTS = (("requesters", "requester.agency"), ("purposes", "requester.purpose"),
                 ("instruments", "instrument.type"), ("data", "data"), ("contexts", "context"),
                 ("locations", "location"))
Sets = dict[str, set[Any]]
_NOT_STATUS = tuple(c for c in v.DATA_CATEGORIES if c not in v.DATA_GROUPS["status_information"])


def _add(out: Sets, fact: str, values: Sequence[str]) -> None:
    code = _CODE_OF[fact]
    if fact in _SETS:
        out.setdefault(fact, set()).add(_mask(values, code))
    else:
        out.setdefault(fact, set()).add(tuple(sorted(code[x] for x in values)))


def _covers_sets(covers: Covers | None, out: Sets) -> None:
    if covers is None:
        return
    for attr, fact in _COVERS_FACTS:
        values = getattr(covers, attr)
        if values is not None:
            _add(out, fact, values)


def _condition_sets(cond: Condition | None, out: Sets) -> None:
    if cond is None:
        return
    if cond.requester is not None:
        if cond.requester.agency is not None:
            _add(out, "requester.agency", cond.requester.agency)
        if cond.requester.purpose is not None:
            _add(out, "requester.purpose", cond.requester.purpose)
    if cond.instrument is not None:
        for attr, fact in (("type", "instrument.type"), ("signed_by", "instrument.signed_by"),
                           ("accompanied_by", "instrument.accompanied_by")):
            values = getattr(cond.instrument, attr)
            if values is not None:
                _add(out, fact, values)
    for attr, fact in (("data", "data"), ("context", "context"), ("location", "location")):
        values = getattr(cond, attr)
        if values is not None:
            _add(out, fact, values)
    for sub in (*(cond.any_of or ()), *(cond.all_of or ())):
        _condition_sets(sub, out)
    _condition_sets(cond.not_, out)


@dataclass(frozen=True)
class _Reads:
    """What one bucket's tests read: the facts, the record tests, and for each enum or set fact the value sets
    its tests compare against (values that fall in the same sets are interchangeable for this bucket)."""

    facts: frozenset[str]
    specs: frozenset[RecordSpec]
    sets: dict[str, tuple[Any, ...]]


@dataclass
class _Plan:
    """Per-engine caches: break dates as ordinals, rules by id, and per bucket what it reads."""

    breaks: IntArray
    rules: dict[tuple[str, str], Rule]
    canon: dict[tuple[str, str, str, int], int] = field(default_factory=dict)  # bucket -> its contents' id
    canon_ids: dict[tuple[Any, ...], int] = field(default_factory=dict)
    reads: list[_Reads] = field(default_factory=list)  # by contents' id
    luts: dict[tuple[str, tuple[Any, ...]], list[int]] = field(default_factory=dict)

    def reads_of(self, bucket: Bucket) -> _Reads:
        sets: Sets = {}
        for item in bucket.items:
            rule: Rule | None = item.rule
            while rule is not None:  # every ancestor's covers narrow the exception's scope (compiled.py)
                _covers_sets(rule.covers, sets)
                rule = self.rules.get((item.jurisdiction, rule.exception_to)) if rule.exception_to else None
            _condition_sets(item.rule.when, sets)
        for pre in bucket.preemptions:
            _covers_sets(pre.pre.covers, sets)
            _condition_sets(pre.pre.when, sets)
        # Where no rule speaks, whether the decision sends the question to counsel reads the bucket's silence
        # facts: custody for an interview, and for a disclosure whether any item is more than status.
        if "data" in bucket.silence_facts:
            _add(sets, "data", _NOT_STATUS)
        return _Reads(bucket.facts | bucket.silence_facts, bucket_specs(bucket),
                      {fact: tuple(sorted(found, key=repr)) for fact, found in sets.items()})


_PLANS: weakref.WeakKeyDictionary[Engine, _Plan] = weakref.WeakKeyDictionary()


def _plan(engine: Engine) -> _Plan:
    plan = _PLANS.get(engine)
    if plan is None:
        plan = _Plan(np.array([d.toordinal() for d in engine.compiled.breaks], dtype=np.int64),
                     {(jid, r.id): r for jid, rf in engine.library.files.items() for r in rf.rules})
        _PLANS[engine] = plan
    return plan


def _enum_lut(sig: tuple[Any, ...], size: int) -> list[int]:
    """Class of each code (index code + 1): 0 for unknown, then one class per distinct membership pattern."""
    ids: dict[tuple[bool, ...], int] = {}
    return [0] + [1 + ids.setdefault(tuple(x in s for s in sig), len(ids)) for x in range(size)]


def _mask_lut(sig: tuple[Any, ...], values: list[int], exact: bool) -> list[int]:
    """Class of each distinct mask in ``values``: 0 for unknown or absent; with ``exact`` (data split item by
    item) a mask of two or more members is its own class; otherwise one class per intersection pattern."""
    ids: dict[tuple[bool, ...], int] = {}
    out = []
    for k, m in enumerate(values):
        if m < 0:
            out.append(0)
        elif exact and m.bit_count() > 1:
            out.append(1 + k)
        else:
            out.append(1 + len(values) + ids.setdefault(tuple(m & s != 0 for s in sig), len(ids)))
    return out


def _distinct(column: IntArray) -> tuple[IntArray, list[int]]:
    """Dense codes of ``column`` and the distinct values they stand for, in increasing order."""
    low = int(column.min())
    shifted = column - low
    bound = int(shifted.max()) + 1
    if bound > max(1 << 22, 4 * column.shape[0]):
        uniq, inverse = np.unique(column, return_inverse=True)
        return inverse.astype(np.int64, copy=False), uniq.tolist()
    codes, _ = _densify(shifted, bound)
    present = np.zeros(bound, dtype=np.bool_)
    present[shifted] = True
    return codes, (np.flatnonzero(present) + low).tolist()


def decide_columns(engine: Engine, columns: Columns) -> BatchResult:
    """Decide every request of a columnar batch: exactly what :meth:`Engine.decide` gives each one."""
    with collector_paused():
        return _decide_columns(engine, columns)


def _decide_columns(engine: Engine, columns: Columns) -> BatchResult:
    cols = columns
    cols.validate()
    n = len(cols)
    if n == 0:
        return BatchResult(np.zeros(0, np.int8), np.zeros(0, np.int32), _empty(), [], [])
    plan = _plan(engine)
    segment = np.searchsorted(plan.breaks, cols.day, side="right").astype(np.int64)

    # 1. Which bucket each request falls in, and what each bucket reads.
    kb = _KeyBuilder(n)
    kb.add(cols.jurisdiction, len(cols.jurisdictions))
    kb.add(cols.kind, len(v.AGENCY_KINDS))
    kb.add(cols.action, len(v.ACTIONS))
    kb.add(segment, plan.breaks.shape[0] + 1)
    bucket_of, n_buckets = kb.finish()
    first = np.zeros(n_buckets, dtype=np.int64)
    first[bucket_of] = np.arange(n, dtype=np.int64)
    # Buckets with the same rules in force decide alike (the decision reads the bucket, the facts and the
    # action, not the day or the agency kind): key on the bucket's contents, not on its segment.
    canon_of = np.zeros(n_buckets, dtype=np.int64)
    for b, (j, k, a, seg) in enumerate(zip(cols.jurisdiction[first].tolist(), cols.kind[first].tolist(),
                                           cols.action[first].tolist(), segment[first].tolist(), strict=True)):
        where = (cols.jurisdictions[j], v.AGENCY_KINDS[k], v.ACTIONS[a], seg)
        found = plan.canon.get(where)
        if found is None:
            engine._check_jurisdiction(where[0])  # the same error Engine.decide gives for an unknown jurisdiction
            bucket = engine.compiled.bucket(*where)
            contents = (where[0], where[2], tuple((i.jurisdiction, i.rule.id) for i in bucket.items),
                        tuple((p.jurisdiction, p.pre.id) for p in bucket.preemptions))
            found = plan.canon_ids.get(contents)
            if found is None:
                found = plan.canon_ids[contents] = len(plan.reads)
                plan.reads.append(plan.reads_of(bucket))
            plan.canon[where] = found
        canon_of[b] = found
    group_of, n_groups = _densify(canon_of[bucket_of], len(plan.reads))
    first_group = np.zeros(n_groups, dtype=np.int64)
    first_group[group_of] = canon_of[bucket_of]
    reads = [plan.reads[c] for c in first_group.tolist()]
    bucket_of, n_buckets = group_of, n_groups

    # 2. The key: the bucket, then each fact the bucket reads reduced to its class for that bucket (unknown or
    #    absent, or which of the bucket's value sets it falls in), and each record test's result.
    key = _KeyBuilder(n)
    key.add(bucket_of, n_buckets)

    def by_class(fact: str, codes: IntArray, lut_of: Callable[[tuple[Any, ...]], list[int]]) -> None:
        groups: dict[tuple[Any, ...] | None, int] = {}
        group_of = np.array([groups.setdefault(r.sets.get(fact, ()) if fact in r.facts else None, len(groups))
                             for r in reads], dtype=np.int64)
        if list(groups) == [None]:
            return
        width = len(lut_of(()))
        table = np.array([lut_of(sig) if sig is not None else [0] * width for sig in groups], dtype=np.int64)
        key.add(table[group_of[bucket_of], codes], int(table.max()) + 1)

    # A staff-initiated action with no instrument given is read as instrument "none", marked assumed.
    implied = (cols.instrument_type < 0) & np.isin(cols.action, _STAFF_ACTIONS)
    given_type = np.where(implied, _NONE_INSTRUMENT, cols.instrument_type)
    for fact, (col, vocab) in _ENUM_FACTS.items():
        def enum_lut(sig: tuple[Any, ...], fact: str = fact, size: int = len(vocab)) -> list[int]:
            cached = plan.luts.get((fact, sig))
            if cached is None:
                cached = plan.luts[(fact, sig)] = _enum_lut(sig, size)
            return cached
        by_class(fact, (given_type if col == "instrument_type" else getattr(cols, col)) + 1, enum_lut)
    for fact, (col, _vocab) in _SETS.items():
        codes, values = _distinct(getattr(cols, col))

        def mask_lut(sig: tuple[Any, ...], values: list[int] = values, exact: bool = fact == "data") -> list[int]:
            return _mask_lut(sig, values, exact)
        by_class(fact, codes, mask_lut)

    def masked(column: IntArray, used: list[bool], radix: int) -> None:
        if not any(used):
            return
        if all(used):
            key.add(column + 1, radix + 1)
        else:
            on = np.array(used, dtype=np.bool_)[bucket_of]
            key.add(np.where(on, column + 1, 0), radix + 1)

    for fact, col in (*_ABSENT_FALSE.items(), *_TRI.items()):
        masked(getattr(cols, col) + 1, [fact in r.facts for r in reads], 3)
    masked(implied.astype(np.int64), ["instrument.type" in r.facts for r in reads], 2)
    # Record tests: few buckets use each one, so their results are keyed among the rows of buckets that use any,
    #    then join the key as one column (0 elsewhere).
    specs = sorted(set().union(*(r.specs for r in reads)), key=repr)
    if specs:
        rows = np.flatnonzero(np.array([bool(r.specs) for r in reads], dtype=np.bool_)[bucket_of])
        records = _KeyBuilder(rows.shape[0])
        bucket_at = bucket_of[rows]
        dates: dict[str, Any] = {}
        for spec in specs:
            result = record_results(cols, spec, dates, at=rows) + 2  # 1 unknown, 2 false, 3 true
            on = np.array([spec in r.specs for r in reads], dtype=np.bool_)[bucket_at]
            records.add(result if on.all() else np.where(on, result, 0), 4)
        codes, n_records = records.finish()
        column = np.zeros(n, dtype=np.int64)
        column[rows] = codes + 1
        key.add(column, n_records + 1)
    inverse, n_keys = key.finish()

    # 3. Decide each distinct key once, then broadcast.
    rep = np.zeros(n_keys, dtype=np.int64)
    rep[inverse] = np.arange(n, dtype=np.int64)
    decisions: list[Decision] = []
    rule_codes: dict[tuple[str, str], int] = {}
    outcome_u = np.zeros(n_keys, dtype=np.int8)
    by_u = np.full(n_keys, -1, dtype=np.int32)
    decide = engine.decide
    for k, r in enumerate(cols.requests_at(rep.tolist())):
        d = decide(r)
        decisions.append(d)
        outcome_u[k] = _OUTCOME_CODE[d.outcome]
        if d.decided_by is not None:
            ref = (d.decided_by["jurisdiction"], d.decided_by["rule"])
            by_u[k] = rule_codes.setdefault(ref, len(rule_codes))
    return BatchResult(outcome_u[inverse], by_u[inverse], inverse, decisions, list(rule_codes))


def decide_requests(engine: Engine, requests: Iterable[Any], *, index_errors: bool = True) -> list[Decision]:
    """:meth:`Engine.decide_many` through the batch path: one decision per request, in order (requests with
    equal keys share one :class:`Decision`). With ``index_errors`` false a bad request raises exactly the
    :class:`RequestError` that :meth:`Engine.decide` raises for it."""
    with collector_paused():
        return decide_columns(engine, encode(requests, index_errors=index_errors)).all_decisions()


__all__ = ["OUTCOMES", "BatchResult", "Columns", "RecordSpec", "decide_columns", "decide_requests", "encode",
           "record_results"]
