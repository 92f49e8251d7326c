"""One module per reporting law; :data:`REPORTS` maps each report's CLI name to its specification."""

from __future__ import annotations

from sanctuary.reports.laws import (
    california,
    chicago,
    colorado,
    connecticut,
    illinois,
    new_jersey,
    new_york_city,
    oregon,
    washington,
)
from sanctuary.reports.spec import ReportSpec

_ALL: tuple[ReportSpec, ...] = (
    illinois.SPEC,
    *new_york_city.SPECS,
    chicago.SPEC,
    *california.SPECS,
    oregon.SPEC,
    washington.SPEC,
    new_jersey.SPEC,
    colorado.SPEC,
    connecticut.SPEC,
)
REPORTS: dict[str, ReportSpec] = {spec.name: spec for spec in _ALL}

__all__ = ["REPORTS"]
