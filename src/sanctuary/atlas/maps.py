"""Server-rendered SVG maps: US counties (state borders on top) or Canada's provinces, with city points.

Every shape carries a ``<title>`` (its name and value) for screen readers and hover; the legend is part of
the SVG, so a printed or saved map explains itself. Colours come from ``sanctuary.palette`` (the same meaning
in the maps, the atlas tables and the desk, colour-blind safe); "no encoded law" is a hatch, and every value
is also written in the titles, the legend and the table under each map. The SVG is one image
(``role="img"``) with no focusable parts. Text is translated into the locale being rendered
(``sanctuary.i18n.rendering_in``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from html import escape

from sanctuary import palette
from sanctuary.atlas.ids import place_name
from sanctuary.atlas.scores import FAMILIES, FAMILY_NAMES, NO_ENCODED_LAW
from sanctuary.i18n import gettext as _

FAMILY_KEYS = tuple(f for f, _name in FAMILIES)
NO_RULE = palette.NO_RULE
NO_RULE_FILL = "url(#atlas-no-rule)"
_HATCH = ('<defs><pattern id="atlas-no-rule-{country}" width="6" height="6" patternUnits="userSpaceOnUse" '
          'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
          f'<line x1="0" y1="0" x2="0" y2="6" stroke="{palette.HATCH_INK}" stroke-width="2"/></pattern></defs>')


def _fills(swatches: Mapping[str, palette.Swatch]) -> dict[str, tuple[str, str]]:
    return {k: (NO_RULE_FILL if s.pattern == "hatch" else s.fill, s.label) for k, s in swatches.items()}


# (fill, English label) per value; labels are translated when drawn.
SCORE_COLOURS: dict[str, tuple[str, str]] = _fills(palette.SCORES)
OUTCOME_COLOURS: dict[str, tuple[str, str]] = _fills(palette.OUTCOMES)


def _meta(conn: sqlite3.Connection, key: str, default: str) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def _legend(items: list[tuple[str, str]], x: float, y: float, heading: str) -> str:
    parts = [f'<g class="legend" transform="translate({x:g},{y:g})" font-size="12" font-family="sans-serif">',
             f'<text x="0" y="0" font-weight="bold">{escape(heading)}</text>']
    for i, (colour, label) in enumerate(items):
        yy = 10 + i * 18
        parts.append(f'<rect x="0" y="{yy}" width="14" height="14" fill="{colour}" stroke="#333"/>'
                     f'<text x="20" y="{yy + 11}">{escape(_(label))}</text>')
    parts.append("</g>")
    return "".join(parts)


def render(conn: sqlite3.Connection, country: str, values: Mapping[str, str],
           palette: Mapping[str, tuple[str, str]], title: str, description: str,
           labels: Mapping[str, str] | None = None) -> str:
    """An SVG map where each jurisdiction id's ``values[id]`` picks its colour from ``palette``.

    ``labels`` may give the text shown in a shape's title (defaults to the palette's label)."""
    labels = labels or {}
    names = dict(conn.execute("SELECT id, name FROM jurisdictions WHERE country = ?", (country.upper(),)).fetchall())
    regions = dict(conn.execute("SELECT id, region FROM jurisdictions WHERE country = ?",
                                (country.upper(),)).fetchall())
    viewbox = _meta(conn, f"{country}_viewbox", "0 0 975 610")
    w, h = (float(v) for v in viewbox.split()[2:])
    legend_h = 20 + 18 * len(palette)
    total_h = h + legend_h + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:g} {total_h:g}" role="img" '
           f'aria-labelledby="map-{country}-title map-{country}-desc" class="atlas-map" '
           'preserveAspectRatio="xMidYMid meet">',
           f'<title id="map-{country}-title">{escape(title)}</title>'
           f'<desc id="map-{country}-desc">{escape(description)}</desc>', _HATCH.format(country=country)]

    def label_of(jid: str) -> str:
        v = values.get(jid, "")
        return labels.get(jid) or _(palette.get(v, palette[""])[1])

    layer = "county" if country == "us" else "province"
    out.append(f'<g class="{layer}s" stroke="#999" stroke-width="0.3" stroke-linejoin="round">')
    for jid, d in conn.execute("SELECT jurisdiction, d FROM shapes WHERE layer = ? ORDER BY jurisdiction", (layer,)):
        colour = palette.get(values.get(jid, ""), palette[""])[0]
        name = names.get(jid, jid)
        if layer == "county":
            name = place_name(name, regions.get(jid, ""), "county")
        out.append(f'<path d="{d}" fill="{colour}" fill-rule="evenodd" data-id="{escape(jid)}">'
                   f"<title>{escape(name)}: {escape(label_of(jid))}</title></path>")
    out.append("</g>")
    if country == "us":
        out.append('<g class="states" fill="none" stroke="#222" stroke-width="0.8" aria-hidden="true">')
        for (d,) in conn.execute("SELECT d FROM shapes WHERE layer = 'state' ORDER BY jurisdiction"):
            out.append(f'<path d="{d}"/>')
        out.append("</g>")
    else:
        out.append('<g class="province-labels" font-size="11" font-family="sans-serif" text-anchor="middle" '
                   'aria-hidden="true">')
        for jid, cx, cy in conn.execute("SELECT jurisdiction, cx, cy FROM shapes WHERE layer = 'province' "
                                        "ORDER BY jurisdiction"):
            out.append(f'<text x="{cx:g}" y="{cy:g}" fill="#222">{escape(regions.get(jid, ""))}</text>')
        out.append("</g>")
    out.append('<g class="cities" font-size="11" font-family="sans-serif">')
    for jid, x, y in conn.execute("SELECT jurisdiction, x, y FROM points WHERE map = ? ORDER BY jurisdiction",
                                  (country,)):
        colour = palette.get(values.get(jid, ""), palette[""])[0]
        name = place_name(names.get(jid, jid), regions.get(jid, ""), "city")
        out.append(f'<circle cx="{x:g}" cy="{y:g}" r="4.5" fill="{colour}" stroke="#000" stroke-width="1.2" '
                   f'data-id="{escape(jid)}"><title>{escape(name)}: {escape(label_of(jid))}</title></circle>')
        if country == "ca":
            out.append(f'<text x="{x + 6:g}" y="{y + 4:g}" aria-hidden="true">{escape(names.get(jid, jid))}</text>')
    out.append("</g>")
    out.append(_legend([palette[k] for k in palette], 10, h + 10, _("Legend (circles are cities)")))
    out.append("</svg>")
    return "".join(out).replace(NO_RULE_FILL, f"url(#atlas-no-rule-{country})")  # one pattern id per map


def family_values(conn: sqlite3.Connection, family: str) -> dict[str, str]:
    rows = conn.execute("SELECT jurisdiction, score, source FROM scores WHERE family = ?", (family,)).fetchall()
    return {j: (NO_RULE if src == NO_ENCODED_LAW else "") if s is None else str(s) for j, s, src in rows}


def _where(country: str) -> str:
    return _("US counties and cities") if country == "us" else _("Canada's provinces, territories and cities")


def family_map(conn: sqlite3.Connection, country: str, family: str) -> str:
    name = _(FAMILY_NAMES[family])
    return render(conn, country, family_values(conn, family), SCORE_COLOURS,
                  _("%(family)s: family score for %(where)s") % {"family": name, "where": _where(country)},
                  _("Each shape is coloured by its score for %(family)s: 2 (strongest limits on helping "
                    "immigration enforcement), 1, 0, hatched where no encoded law speaks, grey where not known. "
                    "The score's method and source are on each place's page.") % {"family": name})


def outcome_map(conn: sqlite3.Connection, country: str, outcomes: Mapping[str, str], what: str) -> str:
    return render(conn, country, outcomes, OUTCOME_COLOURS,
                  _("%(what)s: outcome for %(where)s") % {"what": what, "where": _where(country)},
                  _("Each shape is coloured by the law's answer for its government: forbidden, allowed by law, "
                    "required, undetermined, or hatched where no encoded law speaks to it."))
