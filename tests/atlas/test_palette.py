"""One colour meaning everywhere, colour-blind safe: the palette in Python (maps) equals palette.css (tables,
the desk); every pair of flat colours stays apart under protanopia, deuteranopia and tritanopia (Machado et al.
2009), text on each fill and each ink on white is readable, and no meaning rests on colour alone."""

from __future__ import annotations

import itertools
import re

import pytest

from sanctuary import palette
from sanctuary.atlas import maps
from sanctuary.web.templating import STATIC_DIR

from .cvd import ciede2000, contrast, hex_rgb, simulate

DEFICIENCIES = (None, "protanopia", "deuteranopia", "tritanopia")
MIN_DELTA_E = 12.0  # CIEDE2000: 12 is well past "clearly different at a glance" (2-3 is just noticeable)
CSS = (STATIC_DIR / "palette.css").read_text(encoding="utf-8")


def _css_vars() -> dict[str, str]:
    return {m.group(1): m.group(2).upper() for m in re.finditer(r"(--[\w-]+):\s*(#[0-9A-Fa-f]{6})", CSS)}


@pytest.mark.parametrize(("name", "swatches"), [("outcome", palette.OUTCOMES), ("score", palette.SCORES)])
def test_css_and_python_hold_the_same_palette(name: str, swatches: dict[str, palette.Swatch]) -> None:
    css = _css_vars()
    for key, s in swatches.items():
        var = palette.css_name(name, key)
        assert css[var] == s.fill, var
        assert css[f"{var}-on"] == s.on_fill, var
        assert css[f"{var}-ink"] == s.ink, var


def test_maps_draw_with_the_palette() -> None:
    for key, s in palette.OUTCOMES.items():
        assert maps.OUTCOME_COLOURS[key] == (maps.NO_RULE_FILL if s.pattern else s.fill, s.label)
    for key, s in palette.SCORES.items():
        assert maps.SCORE_COLOURS[key] == (maps.NO_RULE_FILL if s.pattern else s.fill, s.label)
    # Scores speak the outcomes' language: 2 is forbidden's colour, 0 is allowed's.
    assert palette.SCORES["2"].fill == palette.OUTCOMES["forbidden"].fill
    assert palette.SCORES["0"].fill == palette.OUTCOMES["allowed"].fill


@pytest.mark.parametrize("swatches", [palette.OUTCOMES, palette.SCORES], ids=["outcomes", "scores"])
@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_every_pair_of_colours_stays_apart_under_colour_blindness(
        swatches: dict[str, palette.Swatch], deficiency: str | None) -> None:
    flat = {k: s.fill for k, s in swatches.items() if not s.pattern}
    assert len(flat) >= 4
    too_close = []
    for (k1, c1), (k2, c2) in itertools.combinations(flat.items(), 2):
        d = ciede2000(simulate(hex_rgb(c1), deficiency), simulate(hex_rgb(c2), deficiency))
        if d < MIN_DELTA_E:
            too_close.append(f"{k1}/{k2}: ΔE00 {d:.1f}")
    assert too_close == []


def test_the_simulation_does_see_a_red_green_confusion() -> None:
    """The check can fail: the desk's former forbidden red and required green merge for a deuteranope and a
    protanope, though far apart for everyone else."""
    red, green = hex_rgb("#8B1111"), hex_rgb("#0D5E2B")
    assert ciede2000(red, green) > 50 and ciede2000(simulate(red, "tritanopia"), simulate(green, "tritanopia")) > 50
    assert ciede2000(simulate(red, "deuteranopia"), simulate(green, "deuteranopia")) < MIN_DELTA_E
    assert ciede2000(simulate(red, "protanopia"), simulate(green, "protanopia")) < MIN_DELTA_E


@pytest.mark.parametrize("swatch", [*palette.OUTCOMES.values(), *palette.SCORES.values()],
                         ids=lambda s: s.key or "none")
def test_words_on_colours_and_inks_are_readable(swatch: palette.Swatch) -> None:
    assert contrast(hex_rgb(swatch.on_fill), hex_rgb(swatch.fill)) >= 4.5
    assert contrast(hex_rgb(swatch.ink), hex_rgb("#FFFFFF")) >= 4.5


def test_never_colour_alone() -> None:
    # No encoded law is a hatch in the maps and the badges, and every class has a word.
    assert palette.OUTCOMES[palette.NO_RULE].pattern == "hatch" == palette.SCORES[palette.NO_RULE].pattern
    assert ".badge-no_rule" in CSS and "repeating-linear-gradient" in CSS
    assert all(s.label for s in [*palette.OUTCOMES.values(), *palette.SCORES.values()])
    assert len({s.label for s in palette.OUTCOMES.values()}) == len(palette.OUTCOMES)
