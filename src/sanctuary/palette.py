"""One colour meaning everywhere: the outcome and score palette of the maps, the atlas tables and the desk.

The stylesheet ``web/static/palette.css`` holds the same values as CSS custom properties (a test keeps the two
equal). Okabe–Ito hues, chosen so every pair stays apart under protanopia, deuteranopia and tritanopia
(simulated with Machado et al. 2009 in ``tests/atlas/test_palette.py``), and never used alone: "no encoded
law" is a hatch, not a colour, and every swatch carries its word (legend, badge text, map titles, tables).

``fill`` colours shapes and badges (``on_fill`` is the text written on it, at least 4.5:1); ``ink`` is the
same meaning as text on white (at least 4.5:1).
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctuary.i18n import N_


@dataclass(frozen=True)
class Swatch:
    key: str
    label: str  # English; translated where shown (marked with N_ for extraction)
    fill: str
    on_fill: str
    ink: str
    pattern: str = ""  # "hatch": told apart by texture rather than hue


NO_RULE = "no_rule"
HATCH_INK = "#252525"
OUTCOMES: dict[str, Swatch] = {
    "forbidden": Swatch("forbidden", N_("forbidden"), "#D55E00", "#000000", "#A63D00"),
    "required": Swatch("required", N_("required"), "#0072B2", "#FFFFFF", "#0072B2"),
    "allowed": Swatch("allowed", N_("allowed by law"), "#F0E442", "#000000", "#5E5400"),
    "undetermined": Swatch("undetermined", N_("undetermined (facts missing)"), "#882255", "#FFFFFF", "#882255"),
    NO_RULE: Swatch(NO_RULE, N_("no encoded law (agency discretion: ask counsel)"), "#FFFFFF", "#000000",
                    "#4A4A4A", "hatch"),
    "": Swatch("", N_("not decided"), "#BDBDBD", "#000000", "#4A4A4A"),
}
# Family scores speak the same language: 2 = the engine forbids helping (forbidden's hue), 0 = nothing limits it
# (allowed's hue), 1 = a tint between.
SCORES: dict[str, Swatch] = {
    "2": Swatch("2", N_("2: strongest limits"), OUTCOMES["forbidden"].fill, "#000000", OUTCOMES["forbidden"].ink),
    "1": Swatch("1", N_("1: some limits"), "#F4A582", "#000000", "#A63D00"),
    "0": Swatch("0", N_("0: no limits (helping allowed or required)"), OUTCOMES["allowed"].fill, "#000000",
                OUTCOMES["allowed"].ink),
    NO_RULE: Swatch(NO_RULE, N_("no encoded law (not scored)"), "#FFFFFF", "#000000", "#4A4A4A", "hatch"),
    "": Swatch("", N_("not known"), "#BDBDBD", "#000000", "#4A4A4A"),
}


def css_name(palette: str, key: str) -> str:
    """The custom property of a swatch in palette.css: ``--outcome-forbidden``, ``--score-2``, ``--score-none``."""
    return f"--{palette}-{(key or 'none').replace('_', '-')}"
