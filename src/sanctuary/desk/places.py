"""Places the desk can choose from, by name, with their state or province: the jurisdiction is never typed as an id.

The list is the engine's: every jurisdiction with a rule file (named as the file names it), every state,
province and territory, and every place of the engine's gazetteer (``sanctuary.engine.gazetteer``: US counties,
the atlas's cities, and US and Canadian cities of 5,000 people or more). Names come from the rule files, the
atlas's ``cities.csv`` and the Census county list; a gazetteer place known only by its id is named from it
("fort-worth" -> "Fort Worth"). The index is built once, on first use (about 12,000 places).
"""

from __future__ import annotations

import csv
import threading
import unicodedata
from dataclasses import dataclass
from typing import Final

from sanctuary.atlas import ids
from sanctuary.desk.wording import N_
from sanctuary.engine import gazetteer

PROVINCES: Final[dict[str, str]] = {
    "ab": "Alberta", "bc": "British Columbia", "mb": "Manitoba", "nb": "New Brunswick",
    "nl": "Newfoundland and Labrador", "ns": "Nova Scotia", "nt": "Northwest Territories", "nu": "Nunavut",
    "on": "Ontario", "pe": "Prince Edward Island", "qc": "Québec", "sk": "Saskatchewan", "yt": "Yukon",
}
US_EXTRA: Final[dict[str, str]] = {"pr": "Puerto Rico", "gu": "Guam", "vi": "U.S. Virgin Islands",
                                   "as": "American Samoa", "mp": "Northern Mariana Islands",
                                   "um": "U.S. Minor Outlying Islands", "dc": "District of Columbia"}
COUNTRIES: Final[dict[str, str]] = {"us": "United States", "ca": "Canada"}
TERRITORY_CODES: Final = frozenset({"nt", "nu", "yt", "pr", "gu", "vi", "as", "mp", "um"})
KIND_WORDS: Final = (N_("state"), N_("province"), N_("territory"))  # shown as ``_(place.kind)``


@dataclass(frozen=True)
class Place:
    id: str
    name: str  # "San Francisco"
    region: str  # "California", "Ontario"; the country for a state or province
    country: str
    encoded: bool  # has a rule file of its own
    postal: str = ""  # the state's or province's two-letter code, upper case

    @property
    def label(self) -> str:
        """What a person reads: "San Francisco, California" or "Ontario, Canada"."""
        return f"{self.name}, {self.region}" if self.region else self.name

    @property
    def kind(self) -> str:
        depth = self.id.count("/")
        if depth == 0:
            return "country"
        if depth == 1:
            if self.country == "Canada":
                return "territory" if self.id.split("/")[1] in TERRITORY_CODES else "province"
            return "territory" if self.id.split("/")[1] in TERRITORY_CODES else "state"
        return "local"

    def to_dict(self) -> dict[str, str | bool]:
        return {"id": self.id, "name": self.name, "region": self.region, "country": self.country,
                "label": self.label, "kind": self.kind, "encoded": self.encoded}


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces: how names are compared."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def _title(slug: str) -> str:
    small = {"of", "the", "and", "de", "du", "la", "le", "des"}
    words = slug.split("-")
    return " ".join(w if (i and w in small) else w.capitalize() for i, w in enumerate(words))


@dataclass
class _Index:
    places: dict[str, Place]
    tokens: dict[str, tuple[str, ...]]  # id -> folded words of "name region postal"
    by_prefix: dict[str, set[str]]  # the first two letters of any of a place's words -> its ids


_lock = threading.Lock()
_index: _Index | None = None


def _state_names() -> dict[str, str]:
    out = dict(US_EXTRA)
    with (gazetteer.ATLAS_DATA / "census/us_states_2019.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["postal"].lower()] = row["name"]
    return out


def _build() -> _Index:
    import sanctuary

    states = _state_names()
    names: dict[str, str] = {}
    with (gazetteer.ATLAS_DATA / "census/us_counties_2019.csv").open(newline="", encoding="utf-8") as fh:
        postal_of = {}
        with (gazetteer.ATLAS_DATA / "census/us_states_2019.csv").open(newline="", encoding="utf-8") as sf:
            postal_of = {r["state_fips"]: r["postal"] for r in csv.DictReader(sf)}
        for row in csv.DictReader(fh):
            names[ids.county_id(postal_of[row["state_fips"]], row["name"])] = row["name"]
    with (gazetteer.ATLAS_DATA / "cities.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(row["id"], row["name"])
    files = sanctuary.default_engine().library.files
    for jid, rf in files.items():
        names[jid] = rf.jurisdiction.name
    every = set(files) | set(gazetteer.places())
    for country, subs in gazetteer.SUBDIVISIONS.items():
        every.add(country)
        every.update(f"{country}/{s}" for s in subs)
    places: dict[str, Place] = {}
    for jid in every:
        parts = jid.split("/")
        country = COUNTRIES.get(parts[0], parts[0].upper())
        regions = PROVINCES if parts[0] == "ca" else states
        if len(parts) == 1:
            name, region, postal = names.get(jid, country), "", ""
        elif len(parts) == 2:
            name = regions.get(parts[1], names.get(jid, parts[1].upper()))
            region, postal = country, parts[1].upper()
        else:
            name = names.get(jid) or _title(parts[-1])
            region, postal = regions.get(parts[1], parts[1].upper()), parts[1].upper()
        places[jid] = Place(jid, name, region, country, jid in files, postal)
    tokens = {jid: tuple(fold(f"{p.name} {p.region} {p.postal}").split()) for jid, p in places.items()}
    by_prefix: dict[str, set[str]] = {}
    for jid, words in tokens.items():
        for word in words:
            by_prefix.setdefault(word[:2], set()).add(jid)
    return _Index(places, tokens, by_prefix)


def index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _build()
    return _index


def get(jid: str) -> Place | None:
    return index().places.get(jid.strip().lower())


def label(jid: str) -> str:
    """A place's name for a person; an id the index does not know is shown as given."""
    found = get(jid)
    return found.label if found else jid


def search(query: str, limit: int = 20) -> list[Place]:
    """Places whose name (with state or province) matches every word of ``query``, best first.

    Each word must begin a word of the place's name, region or two-letter code ("san fran ca"). Exact names
    come first, then names that begin with the query, then places with their own rule file, then shorter names.
    """
    words = fold(query).split()
    if not words:
        return []
    idx = index()
    whole = " ".join(words)
    candidates: set[str] | None = None
    for word in words:
        pool = idx.by_prefix.get(word[:2], set()) if len(word) > 1 else \
            set().union(*(ids for key, ids in idx.by_prefix.items() if key.startswith(word)))
        candidates = pool if candidates is None else candidates & pool
    found: list[tuple[tuple[int, int, int, str], Place]] = []
    for jid in candidates or ():
        tokens = idx.tokens[jid]
        if not all(any(t.startswith(w) for t in tokens) for w in words):
            continue
        place = idx.places[jid]
        name = fold(place.name)
        rank = (0 if name == whole or fold(place.label) == whole else 1 if name.startswith(whole) else 2,
                0 if place.encoded else 1, len(name), place.label)
        found.append((rank, place))
    found.sort(key=lambda item: item[0])
    return [p for _, p in found[:limit]]


def resolve(text: str) -> list[Place]:
    """What a typed place means: the one place for an exact id or an exact "Name, Region" label, else the matches."""
    text = text.strip()
    if not text:
        return []
    exact = get(text)
    if exact is not None:
        return [exact]
    folded = fold(text)
    labelled = [p for p in search(text, limit=50) if fold(p.label) == folded]
    return labelled[:1] if len(labelled) == 1 else search(text)
