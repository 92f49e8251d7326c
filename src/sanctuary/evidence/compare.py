"""The published studies' figures (from the project's reference ``evidence.md`` only; nothing invented) and
how an estimate of ours compares with each.

A published interval is rarely stated in the abstracts we hold. When a study gives a point or a range, an
overlap is judged between our 95 % interval and that point or range; when it gives only words ("no detectable
effect"), ``overlaps`` is ``None`` and the note says whether our interval contains zero.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Study:
    key: str
    citation: str
    claim: str
    data: str
    low: float | None = None  # a published point (low == high) or range, in the unit of ``unit``
    high: float | None = None
    unit: str = ""


STUDIES: dict[str, Study] = {s.key: s for s in (
    Study("hausman-crime", "Hausman 2020, PNAS 117(44):27262 (abstract)", "no detectable effect on crime; interval "
          "not stated", "FBI crime data 2010-15; 140 counties adopting 2010-15; event study"),
    Study("hausman-deportations", "Hausman 2020, PNAS 117(44):27262 (abstract)",
          "deportations of people fingerprinted by local agencies fell by about one third; of people with no "
          "conviction by about half; no change for violent convictions; about 22,300 deportations prevented "
          "2013-15; interval not stated", "ICE removals Nov 2008-Dec 2015 (FOIA); 140 counties; event study"),
    Study("manning-burkhardt", "Manning & Burkhardt 2022, Contemporary Economic Policy 40(3):423 (abstract)",
          "counties adopting in 2014: 17.9 fewer violent crimes per 100,000 a year; interval not stated",
          "FBI county data 2010-16; difference in differences around the 2014 wave", -17.9, -17.9,
          "violent crimes per 100,000 residents"),
    Study("arellano-bover-biasi-total", "Arellano-Bover & Biasi 2017, slides, unpublished (their tables read)",
          "log total offences +0.035 to +0.039 (significant in three of four specifications); interval not stated",
          "about 100 counties on ICE's no-detainer list 2008-14 vs 251 bordering counties; two-way fixed effects",
          0.035, 0.039, "log offences"),
    Study("arellano-bover-biasi-violent", "Arellano-Bover & Biasi 2017, slides, unpublished (their tables read)",
          "violent offences approximately 0; interval not stated", "as above", 0.0, 0.0, "log offences"),
    Study("kubrin-bartos", "Kubrin & Bartos 2020, Justice Evaluation Journal 3(2):115 (abstract)",
          "SB 54's effect on crime 'neither robust nor sufficiently large to rule out a null'; figure not stated",
          "state panel 1970-2018; synthetic control with placebos"),
)}


@dataclass(frozen=True)
class Comparison:
    study: str
    figure: str
    overlaps: bool | None
    note: str

    def to_dict(self) -> dict[str, object]:
        return {"study": self.study, "figure": self.figure, "overlaps": self.overlaps, "note": self.note}


def overlap(ci: tuple[float, float], low: float, high: float) -> bool:
    return ci[0] <= high and low <= ci[1]


def compare(key: str, ci: tuple[float, float] | None, differs: str) -> Comparison:
    s = STUDIES[key]
    if ci is None:
        return Comparison(s.citation, s.claim, None, f"Not recomputed here. {differs}")
    zero = ci[0] <= 0.0 <= ci[1]
    if s.low is None or s.high is None:
        return Comparison(s.citation, s.claim, None, f"No published interval or number to overlap; our 95 % "
                          f"interval {'contains' if zero else 'excludes'} zero. {differs}")
    ok = overlap(ci, s.low, s.high)
    what = f"{s.low:g}" if s.low == s.high else f"{s.low:g} to {s.high:g}"
    return Comparison(s.citation, s.claim, ok, f"Our 95 % interval {'includes' if ok else 'does not include'} "
                      f"their {what} ({s.unit}); their interval is not stated. {differs}")
